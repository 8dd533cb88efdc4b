package main

import (
	"strings"
	"testing"
)

// --region / COMPASS_REGION is where people who chose no region are: their
// answers come from that region's variants.
func TestDefaultRegion(t *testing.T) {
	const fixture = "../../bot/testdata/pack"
	const question = `{"text":"meldezettel","lang":"de"}` + "\n"
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantGraz bool
	}{
		{"none: the pack's root", nil, nil, false},
		{"environment", map[string]string{"COMPASS_REGION": "at-graz"}, nil, true},
		{"flag", nil, []string{"--region", "at-graz"}, true},
		{"flag beats environment", map[string]string{"COMPASS_REGION": "at-graz"}, []string{"--region", "at"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"ask", "--json", "--pack", fixture}, tt.args...)
			r := runCLI(t, question+`{"text":"meldezettel","lang":"de","region":"at"}`+"\n", tt.env, args...)
			out := parseAskOutput(t, r.stdout)
			if r.code != 0 || len(out) != 2 || out[0].Reply == nil || out[1].Reply == nil {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			if got := strings.Contains(*out[0].Reply, "Schmiedgasse"); got != tt.wantGraz {
				t.Errorf("answer mentions the Graz office: %v, want %v\n%s", got, tt.wantGraz, *out[0].Reply)
			}
			if strings.Contains(*out[1].Reply, "Schmiedgasse") {
				t.Errorf("a line naming its region must not get the default region's answer:\n%s", *out[1].Reply)
			}
		})
	}
}

func TestDefaultRegion_UnknownIsAUsageError(t *testing.T) {
	for _, cmd := range [][]string{{"ask", "--json"}, {"chat"}, {"check"}, {"serve"}} {
		env := map[string]string{"COMPASS_REGION": "at-grz", "TELEGRAM_TOKEN": "1:x", "TELEGRAM_API_URL": "http://127.0.0.1:1"}
		r := runCLI(t, "hello\n", env, cmd...)
		if r.code != 2 || !strings.Contains(r.stderr, `"at-grz"`) || !strings.Contains(r.stderr, "at-graz") || r.stdout != "" {
			t.Errorf("%v with COMPASS_REGION=at-grz: exit %d (want 2), stdout %q, stderr %q (want the bad id and the pack's regions)",
				cmd, r.code, r.stdout, r.stderr)
		}
	}
}

func TestHelp_MentionsDefaultRegion(t *testing.T) {
	if r := runCLI(t, "", nil, "help"); !strings.Contains(r.stdout, "COMPASS_REGION") {
		t.Errorf("compass help does not mention COMPASS_REGION:\n%s", r.stdout)
	}
	if r := runCLI(t, "", nil, "ask", "-h"); !strings.Contains(r.stderr, "-region") || !strings.Contains(r.stderr, "COMPASS_REGION") {
		t.Errorf("compass ask -h does not document --region:\n%s", r.stderr)
	}
}
