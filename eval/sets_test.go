package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/match"
)

// Sets that may be tuned on, and sets that must not be.
var (
	tuneSets = []string{
		"testdata/dev.jsonl",
		"testdata/blind/dev.jsonl",
		"../content/match/testdata/emergency_dev.jsonl",
		"../content/match/testdata/devpack2/questions.jsonl",
		"../content/match/testdata/offtopic_dev.jsonl",
		"../content/match/testdata/offtopic_dev2.jsonl",
		"../content/match/testdata/situation_dev.jsonl",
		"../content/match/testdata/smalltalk_dev.jsonl",
	}
	reportSets = []string{
		"testdata/test.jsonl",
		"testdata/blind/test.jsonl",
		"testdata/blind3/test.jsonl",
		"testdata/blind4/test.jsonl",
		"testdata/blind5/test.jsonl",
		"testdata/heldout/questions.jsonl",
		"testdata/heldout2/questions.jsonl",
	}
)

// lineKey is how the matcher sees a line: its normalised, folded words.
func lineKey(text string) string {
	var out []string
	for _, t := range match.Tokenize(match.Normalize(text)) {
		out = append(out, match.Fold(t))
	}
	return strings.Join(out, " ")
}

// readTexts returns the "text" of every line of a JSON-lines file by key,
// with its line number; a set that does not exist (yet) gives nil.
func readTexts(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var line struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if k := lineKey(line.Text); k != "" {
			out[k] = n
		}
	}
	return out
}

// TestSets_TestLinesAreNeverTunedOn proves that no line of a set that is
// only reported on (the test split, the blind test set, the held-out
// questions) is also a line of a set that is tuned on (the dev splits,
// the emergency router's development set, the Budapest questions), once
// normalised as the matcher sees them; and that no such line is itself a
// phrase of the emergency or small-talk lists.
func TestSets_TestLinesAreNeverTunedOn(t *testing.T) {
	tuned := map[string]string{}
	for _, path := range tuneSets {
		for k, n := range readTexts(t, path) {
			tuned[k] = fmt.Sprintf("%s:%d", path, n)
		}
	}
	phrases := map[string]string{}
	for name, lists := range map[string][]content.PhraseList{"emergency": match.BuiltinEmergencyPhrases(), "smalltalk": match.BuiltinSmallTalk()} {
		for _, l := range lists {
			for _, p := range l.Phrases {
				if p.Kind == "filler" {
					continue // a filler alone is no small talk
				}
				phrases[lineKey(strings.ReplaceAll(p.Text, "*", ""))] = fmt.Sprintf("%s/%s.txt:%d", name, l.Lang, p.Line)
			}
		}
	}
	for _, path := range reportSets {
		for k, n := range readTexts(t, path) {
			if where, ok := tuned[k]; ok {
				t.Errorf("%s:%d is also a line of %s, which is tuned on", path, n, where)
			}
			if where, ok := phrases[k]; ok {
				t.Errorf("%s:%d is a phrase of the built-in lists (%s)", path, n, where)
			}
		}
	}
}
