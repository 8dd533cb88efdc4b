package eval

import (
	"strings"
	"testing"
)

// The evaluation set must keep the shape issue 4 asks for: at least 400
// lines, at least 10 languages including the listed ones, every kind in
// both splits, and no line of test repeated in dev.
func TestCases_SetHasTheRequiredShape(t *testing.T) {
	data := loadSplits(t)
	total := 0
	langs := map[string]bool{}
	for _, s := range splits {
		kinds := map[string]int{}
		for _, c := range data[s] {
			langs[c.Lang] = true
			kinds[c.Kind]++
		}
		total += len(data[s])
		for _, k := range Kinds {
			if k == KindSituation || k == KindSmallTalk {
				continue // kinds of the blind set only
			}
			if kinds[k] == 0 {
				t.Errorf("%s: no %s lines", s, k)
			}
		}
	}
	if total < 420 {
		t.Errorf("%d lines in all, want at least 420", total)
	}
	if len(langs) < 10 {
		t.Errorf("%d languages, want at least 10", len(langs))
	}
	for _, l := range []string{"en", "de", "ar", "fa", "prs", "ps", "uk", "ru", "tr", "so", "ku", "ti"} {
		if !langs[l] {
			t.Errorf("no lines in %s", l)
		}
	}
	inDev := map[string]int{}
	for _, c := range data["dev"] {
		inDev[strings.ToLower(c.Text)] = c.Line
	}
	for _, c := range data["test"] {
		if line, ok := inDev[strings.ToLower(c.Text)]; ok {
			t.Errorf("test.jsonl:%d repeats dev.jsonl:%d: %q", c.Line, line, c.Text)
		}
	}
}

func TestParseCases_ReportsEveryBadLine(t *testing.T) {
	tests := []struct {
		name, input string
		wantErrs    []string // substrings, one per expected error
	}{
		{"valid", `{"text":"hi","lang":"en","kind":"offtopic","intent":null}` + "\n\n", nil},
		{"not json", "{oops\n", []string{"x.jsonl:1:"}},
		{"unknown field", `{"text":"a","lang":"en","kind":"typo","intent":"x.y","extra":1}`, []string{"unknown field"}},
		{"empty text", `{"text":" ","lang":"en","kind":"typo","intent":"x.y"}`, []string{"text: empty"}},
		{"no lang", `{"text":"a","kind":"typo","intent":"x.y"}`, []string{"lang: missing"}},
		{"unknown kind", `{"text":"a","lang":"en","kind":"poem","intent":"x.y"}`, []string{`kind: "poem"`}},
		{"offtopic with intent", `{"text":"a","lang":"en","kind":"offtopic","intent":"x.y"}`, []string{"must expect no intent"}},
		{"emergency flag without kind", `{"text":"a","lang":"en","kind":"typo","intent":"x.y","emergency":true}`, []string{"emergency: must be true"}},
		{"emergency kind with wrong intent", `{"text":"a","lang":"en","kind":"emergency","intent":"work.rights","emergency":true}`, []string{"emergency.*"}},
		{"paraphrase without intent", `{"text":"a","lang":"en","kind":"paraphrase","intent":null}`, []string{"needs an expected intent"}},
		{"two bad lines", "{\n" + `{"text":"","lang":"en","kind":"typo","intent":"x.y"}`, []string{"x.jsonl:1:", "x.jsonl:2: text: empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cases, err := ParseCases("x.jsonl", []byte(tt.input))
			if len(tt.wantErrs) == 0 {
				if err != nil || len(cases) != 1 {
					t.Fatalf("got %d cases, %v; want 1 case, no error", len(cases), err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.wantErrs)
			}
			for _, want := range tt.wantErrs {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
		})
	}
}

func FuzzParseCases(f *testing.F) {
	f.Add([]byte(`{"text":"where is AMS","lang":"en","kind":"typo","intent":"work.jobseeker_registration"}`))
	f.Add([]byte("{\n\n" + `{"text":"x","lang":"en","kind":"emergency","intent":null,"emergency":true}`))
	f.Add([]byte("\xff\xfe{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cases, err := ParseCases("fuzz.jsonl", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "evaluation set:") {
				t.Fatalf("error does not say where: %v", err)
			}
			return
		}
		for _, c := range cases {
			if msg := c.problem(); msg != "" {
				t.Fatalf("accepted a bad line %+v: %s", c, msg)
			}
		}
	})
}
