package eval

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/content/packfile"
)

// floor is one line of testdata/floors.txt.
type floor struct {
	date, set                                   string
	top1, hard, offtopic, emergency, falseAlarm float64
	line                                        int
}

func loadFloors(t *testing.T) []floor {
	t.Helper()
	f, err := os.Open("testdata/floors.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []floor
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fl := floor{line: n}
		if _, err := fmt.Sscan(line, &fl.date, &fl.set, &fl.top1, &fl.hard, &fl.offtopic, &fl.emergency, &fl.falseAlarm); err != nil {
			t.Fatalf("testdata/floors.txt:%d: %v", n, err)
		}
		out = append(out, fl)
	}
	return out
}

// TestFloors fails when matching gets worse on the sets nobody tunes on:
// top-1, the hard kinds, off-topic lines declined, emergency recall (not
// below its floor) and false alarms on calm lines (not above their
// ceiling). The floors only move up: every line of floors.txt must be at
// least as strict as the lines before it for the same set.
func TestFloors(t *testing.T) {
	last := map[string]floor{}
	for _, fl := range loadFloors(t) {
		if prev, ok := last[fl.set]; ok {
			if fl.top1 < prev.top1 || fl.hard < prev.hard || fl.offtopic < prev.offtopic ||
				fl.emergency < prev.emergency || fl.falseAlarm > prev.falseAlarm {
				t.Errorf("testdata/floors.txt:%d lowers a floor of %s set on line %d: floors only move up", fl.line, fl.set, prev.line)
			}
		}
		last[fl.set] = fl
	}
	for set, fl := range last {
		r := floorReport(t, set)
		pct := func(x float64) float64 { return 100 * x }
		check := func(name string, got, min float64) {
			if got+1e-9 < min {
				t.Errorf("%s: %s %.1f%% is below its floor %.1f%% (testdata/floors.txt:%d)", set, name, got, min, fl.line)
			}
		}
		check("top-1", pct(r.Overall.Accuracy()), fl.top1)
		check("hard kinds", pct(r.ByKind["hard"].Accuracy()), fl.hard)
		check("off-topic declined", pct(r.ByKind[KindOffTopic].Accuracy()), fl.offtopic)
		check("emergency recall", pct(r.EmergencyRecall()), fl.emergency)
		if got := pct(r.FalseAlarmRate()); got > fl.falseAlarm+1e-9 {
			t.Errorf("%s: false alarms %.2f%% above their ceiling %.1f%% (testdata/floors.txt:%d)", set, got, fl.falseAlarm, fl.line)
		}
	}
}

// floorReport evaluates the matcher on a set named in floors.txt.
func floorReport(t *testing.T, set string) Report {
	t.Helper()
	var (
		pack  *content.Pack
		cases []Case
		err   error
	)
	switch set {
	case "test":
		pack = floorsPack(t)
		cases, err = LoadCases("testdata/test.jsonl")
	case "blind-test", "blind3-test", "blind4-test": // the lines whose intent the pack has (see TestEvalBlind)
		pack = floorsPack(t)
		path := map[string]string{"blind-test": blindTest, "blind3-test": blind3Test, "blind4-test": blind4Test}[set]
		if cases, err = LoadCases(path); err == nil {
			cases, _ = splitAnswerable(pack, cases)
		}
	case "heldout":
		if pack, err = packfile.LoadDir(heldoutPackDir); err == nil {
			cases, err = LoadCases(heldoutQuestions)
		}
	case "heldout2":
		if pack, err = packfile.LoadDir(heldout2PackDir); err == nil {
			cases, err = LoadCases(heldout2Question)
		}
	default:
		t.Fatalf("floors.txt: unknown set %q", set)
	}
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.New(pack)
	if err != nil {
		t.Fatal(err)
	}
	return Evaluate("matcher", set, m, cases, pack.Languages)
}

// floorsPack is the bundled pack with only the intent variants listed in
// testdata/floors-pack.txt: the pack the floors were set on. A variant
// listed but gone from the pack fails the test (regenerate the list).
func floorsPack(t *testing.T) *content.Pack {
	t.Helper()
	data, err := os.ReadFile("testdata/floors-pack.txt")
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(strings.Fields(line)) != 2 {
			t.Fatalf("testdata/floors-pack.txt:%d: want \"<intent> <region>\", got %q", n+1, line)
		}
		keep[line] = true
	}
	pack := bundledPack(t)
	var intents []*content.Intent
	for _, in := range pack.Intents {
		if key := in.ID + " " + in.Region; keep[key] {
			intents = append(intents, in)
			delete(keep, key)
		}
	}
	for key := range keep {
		t.Errorf("testdata/floors-pack.txt: %s is no longer in the bundled pack", key)
	}
	pack.Intents = intents
	return pack
}
