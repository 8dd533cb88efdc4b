package match

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/packfile"
)

// emergencyCase is one line of testdata/emergency_dev.jsonl: a message and
// the emergency kind it must raise, "" for a calm line that must not.
type emergencyCase struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
	Kind string `json:"kind"`
}

func loadEmergencyDev(t testing.TB) []emergencyCase {
	t.Helper()
	f, err := os.Open("testdata/emergency_dev.jsonl")
	if err != nil {
		t.Fatalf("emergency dev set: %v", err)
	}
	defer f.Close()
	var cases []emergencyCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var c emergencyCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("testdata/emergency_dev.jsonl:%d: %v", n, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("emergency dev set: %v", err)
	}
	return cases
}

// TestEmergencyDevSet runs the router's own development set: every urgent
// line must fire (recall 100%: the set was used to develop the router, so
// this is a regression guard, not a measure of generality; the held-out
// numbers are in docs/understanding.md) and at most 5% of the calm lines
// may.
func TestEmergencyDevSet(t *testing.T) {
	cases := loadEmergencyDev(t)
	var urgent, missed, calm, alarms, wrongKind int
	for _, c := range cases {
		got := routeText(c.Text)
		switch {
		case c.Kind == "":
			calm++
			if got != "" {
				alarms++
				t.Logf("false alarm (%s) %q → %s", c.Lang, c.Text, got)
			}
		default:
			urgent++
			if got == "" {
				missed++
				t.Errorf("missed (%s) %q, want %s", c.Lang, c.Text, c.Kind)
			} else if got != c.Kind {
				wrongKind++
				t.Logf("kind (%s) %q → %s, want %s", c.Lang, c.Text, got, c.Kind)
			}
		}
	}
	if urgent < 120 || calm < 80 {
		t.Fatalf("dev set has %d urgent and %d calm lines, want at least 120 and 80", urgent, calm)
	}
	t.Logf("recall %d/%d, false alarms %d/%d, other kind %d", urgent-missed, urgent, alarms, calm, wrongKind)
	if alarms*100 > calm*5 {
		t.Errorf("false alarms %d of %d calm lines, want at most 5%%", alarms, calm)
	}
}

// BenchmarkEmergencyDevSet measures the router over the whole dev set
// (urgent, calm and Latin-typed lines), reported per message.
func BenchmarkEmergencyDevSet(b *testing.B) {
	var msgs [][]string
	for _, c := range loadEmergencyDev(b) {
		msgs = append(msgs, foldAll(Tokenize(Normalize(c.Text))))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			defaultRouter().route(m)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
}

// FuzzEmergencyRoute checks that the router never panics and is
// deterministic on any text.
func FuzzEmergencyRoute(f *testing.F) {
	for _, s := range []string{"muzh menya b'et", "zawji darabni", "I'm dying to learn", "", "ß 3 ٣ ـ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := foldAll(Tokenize(Normalize(text)))
		first := defaultRouter().route(toks)
		if again := defaultRouter().route(toks); again != first {
			t.Fatalf("route(%q) = %q, then %q", text, first, again)
		}
		switch first {
		case "", EmergencyLife, EmergencyViolence, EmergencySuicide, EmergencyMedical:
		default:
			t.Fatalf("route(%q) = unknown kind %q", text, first)
		}
	})
}

// TestEmergencyPackTextsAreCalm runs the router over every title, example
// and keyword of the non-emergency intents of the bundled pack and the
// Budapest development pack: ordinary questions must raise nothing.
func TestEmergencyPackTextsAreCalm(t *testing.T) {
	packs := map[string]func() (*content.Pack, error){
		"bundled":  bundled.Load,
		"budapest": func() (*content.Pack, error) { return packfile.LoadDir("testdata/devpack2") },
	}
	for name, load := range packs {
		p, err := load()
		if err != nil {
			t.Fatalf("%s pack: %v", name, err)
		}
		var texts, alarms int
		for _, in := range p.Intents {
			if in.Topic == "emergency" {
				continue
			}
			for lang, tr := range in.Translations {
				for _, s := range append(append([]string{tr.Title}, tr.Examples...), tr.Keywords...) {
					texts++
					if got := routeText(s); got != "" {
						alarms++
						t.Errorf("%s %s (%s): %q raises %s", name, in.ID, lang, s, got)
					}
				}
			}
		}
		t.Logf("%s: %d texts, %d false alarms", name, texts, alarms)
	}
}
