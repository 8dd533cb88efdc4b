package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

// askLine is one output line of ask --json, as a client reads it.
type askLine struct {
	Intent     *string `json:"intent"`
	Lang       string  `json:"lang"`
	Score      float64 `json:"score"`
	Candidates []struct {
		Intent string  `json:"intent"`
		Score  float64 `json:"score"`
	} `json:"candidates"`
	Emergency *bool   `json:"emergency"`
	Reply     *string `json:"reply"`
	Error     string  `json:"error"`
	Line      int     `json:"line"`
	Warning   string  `json:"warning"`
}

func parseAskOutput(t *testing.T, out string) []askLine {
	t.Helper()
	var lines []askLine
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var a askLine
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("output line %d is not a JSON object: %v\n%s", i+1, err, l)
		}
		lines = append(lines, a)
	}
	return lines
}

func TestAskJSON_Contract(t *testing.T) {
	in := strings.Join([]string{
		`{"text": "Wie melde ich meinen Wohnsitz an?", "lang": "de", "region": "at-graz"}`, // 1 JSON
		`Где взять бланк Meldezettel?`,                                                     // 2 plain text
		`{"text": "Meldezettel"`,                                                           // 3 invalid JSON
		`{"text": ""}`,                                                                     // 4 empty text
		``,                                                                                 // 5 empty line
		`{"lang": "de"}`,                                                                   // 6 no text
		`{"text": "` + strings.Repeat("a", 5000) + `"}`,   // 7 over the limit
		strings.Repeat("b", 40000),                        // 8 line over the limit
		`{"text": "x", "region": "atlantis"}`,             // 9 unknown region → answered, with a warning
		`qwertzuiop asdfghjkl`,                            // 10 gibberish → not sure
		`{"text": "I want to kill myself", "lang": "en"}`, // 11 emergency
		`{"text": "my husband hits me\r"}`,                // 12 CRLF input
	}, "\n") + "\r\n"
	r := runCLI(t, in, nil, "ask", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	out := parseAskOutput(t, r.stdout)
	if len(out) != 12 {
		t.Fatalf("%d output lines for 12 input lines:\n%s", len(out), r.stdout)
	}
	for i, a := range out {
		n := i + 1
		switch n {
		case 3, 4, 5, 6, 7, 8:
			if a.Error == "" || a.Line != n || a.Reply != nil {
				t.Errorf("line %d: want {error, line: %d}, got %+v", n, n, a)
			}
			continue
		}
		if a.Error != "" || a.Reply == nil || *a.Reply == "" || a.Emergency == nil || a.Lang == "" {
			t.Errorf("line %d: want an answer object, got %+v", n, a)
			continue
		}
		if len(a.Candidates) > 3 {
			t.Errorf("line %d: %d candidates, at most 3 allowed", n, len(a.Candidates))
		}
		if a.Score < 0 || a.Score > 1 {
			t.Errorf("line %d: score %v outside [0,1]", n, a.Score)
		}
		if a.Intent != nil && (len(a.Candidates) == 0 || a.Score != a.Candidates[0].Score) {
			t.Errorf("line %d: score %v is not the chosen intent's (%+v)", n, a.Score, a.Candidates)
		}
	}
	if got := out[0]; got.Intent == nil || *got.Intent != "residence.registration" || got.Lang != "de" || !strings.Contains(*got.Reply, "Graz") {
		t.Errorf("line 1: want residence.registration in German for Graz, got %+v", got)
	}
	if got := out[1]; got.Intent == nil || *got.Intent != "residence.registration" {
		t.Errorf("line 2 (plain text): want residence.registration, got %+v", got)
	}
	if got := out[9]; got.Intent != nil || *got.Emergency {
		t.Errorf("line 10 (gibberish): want intent null, got %+v", got)
	}
	if got := out[10]; !*got.Emergency || !strings.Contains(*got.Reply, "142") {
		t.Errorf("line 11: want the emergency reply with the crisis line 142, got %+v", got)
	}
	if got := out[8]; !strings.Contains(got.Warning, "atlantis") {
		t.Errorf("line 9 (unknown region): want an answer with a warning naming the region, got %+v", got)
	}
	if !strings.Contains(out[6].Error, "limit") {
		t.Errorf("errors must say what is wrong: %q", out[6].Error)
	}
}

func TestAsk_PlainOutputWithoutJSONFlag(t *testing.T) {
	r := runCLI(t, "Wie melde ich meinen Wohnsitz an?\n", nil, "ask", "--region", "at-wien")
	if r.code != 0 || !strings.Contains(r.stdout, "Meldezettel") || strings.HasPrefix(r.stdout, "{") {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestAsk_ExitStatus(t *testing.T) {
	if r := runCLI(t, "hello\n", nil, "ask", "--json", "--pack", "testdata/no-such-pack"); r.code != 1 || r.stdout != "" {
		t.Errorf("missing pack: exit %d (want 1), stdout %q", r.code, r.stdout)
	}
	if r := runCLI(t, "hello\n", nil, "ask", "--json", "--pack", "testdata/broken-pack"); r.code != 1 || !strings.Contains(r.stderr, "doctor.yaml") {
		t.Errorf("broken pack: exit %d (want 1), stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", nil, "ask", "--json"); r.code != 0 || r.stdout != "" {
		t.Errorf("empty input: exit %d, stdout %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", nil, "ask", "--nonsense"); r.code != 2 {
		t.Errorf("bad flag: exit %d, want 2", r.code)
	}
}

func TestAsk_PackFlag(t *testing.T) {
	r := runCLI(t, `{"text":"meldezettel","lang":"de","region":"at-graz"}`+"\n", nil, "ask", "--json", "--pack", "../../bot/testdata/pack")
	out := parseAskOutput(t, r.stdout)
	if r.code != 0 || len(out) != 1 || out[0].Intent == nil || !strings.Contains(*out[0].Reply, "Schmiedgasse") {
		t.Fatalf("--pack: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
}

// failingReader returns some lines, then an error (a broken pipe, a disk
// failure).
type failingReader struct{ data string }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, errors.New("input/output error")
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestAsk_StdinErrorExits1AfterAnsweringWhatItRead(t *testing.T) {
	var out, errOut bytes.Buffer
	env := &Env{Stdin: &failingReader{data: "Wie melde ich meinen Wohnsitz an?\n"}, Stdout: &out, Stderr: &errOut,
		Getenv: func(string) string { return "" }}
	code := Run(context.Background(), env, []string{"ask", "--json"})
	if code != 1 || !strings.Contains(errOut.String(), "input/output error") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	if lines := parseAskOutput(t, out.String()); len(lines) != 1 || lines[0].Reply == nil {
		t.Fatalf("the line read before the error must be answered: %q", out.String())
	}
}

func TestRound4_StaysInTheContractsRange(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0.123456, 0.1235}, {1.7, 1}, {-0.2, 0}, {math.NaN(), 0}, {math.Inf(1), 1}, {math.Inf(-1), 0},
	} {
		if got := round4(tc.in); got != tc.want {
			t.Errorf("round4(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// A file saved with a byte-order mark still has a JSON object on line 1.
func TestAsk_ByteOrderMarkOnTheFirstLine(t *testing.T) {
	r := runCLI(t, "\ufeff"+`{"text":"meldezettel","lang":"de"}`+"\n", nil, "ask", "--json")
	out := parseAskOutput(t, r.stdout)
	if r.code != 0 || len(out) != 1 || out[0].Error != "" || out[0].Intent == nil || *out[0].Intent != "residence.registration" {
		t.Fatalf("exit %d, %s", r.code, r.stdout)
	}
}

// A question naming a city is answered for it even without a region field.
func TestAskJSON_QuestionNamingACity(t *testing.T) {
	r := runCLI(t, `{"text":"Meldezettel in Wien","lang":"de"}`+"\n", nil, "ask", "--json")
	out := parseAskOutput(t, r.stdout)
	if r.code != 0 || len(out) != 1 || out[0].Intent == nil || *out[0].Intent != "residence.registration" ||
		out[0].Reply == nil || !strings.Contains(*out[0].Reply, "Wohnsitz anmelden in Wien") {
		t.Fatalf("want Vienna's registration: exit %d, %s %s", r.code, r.stdout, r.stderr)
	}
}
