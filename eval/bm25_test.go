package eval

import (
	"testing"

	"github.com/compassbot/compass/content"
)

var tinyDocs = []Doc{
	{Intent: "residence.registration", Lang: "en", Text: "Register your address\nWhere do I register my flat?\nMeldezettel"},
	{Intent: "residence.registration", Lang: "de", Text: "Wohnsitz anmelden\nWo melde ich meine Wohnung an?\nMeldezettel"},
	{Intent: "work.rights", Lang: "en", Text: "Your rights at work\nMy boss does not pay me\nminimum wage contract"},
}

func TestBM25_RanksTheDocumentSharingRareWords(t *testing.T) {
	b := NewBM25(tinyDocs)
	tests := []struct {
		query, want string
	}{
		{"where is the Meldezettel", "residence.registration"},
		{"minimum wage", "work.rights"},
		{"WOHNUNG", "residence.registration"},
	}
	for _, tt := range tests {
		got, err := b.Rank(content.Query{Text: tt.query}, 3)
		if err != nil || len(got) == 0 || got[0].Intent != tt.want {
			t.Errorf("Rank(%q) = %v, %v; want %s first", tt.query, got, err, tt.want)
		}
	}
	if got, _ := b.Rank(content.Query{Text: "zzz"}, 3); len(got) != 0 {
		t.Errorf("unknown word ranked %v, want nothing", got)
	}
	got, _ := b.Rank(content.Query{Text: "my register"}, 1)
	if len(got) != 1 {
		t.Errorf("n=1 returned %d candidates", len(got))
	}
}

// fixedRanker ranks each text with one scored candidate.
type fixedRanker map[string]content.Candidate

func (f fixedRanker) Rank(q content.Query, n int) ([]content.Candidate, error) {
	if c, ok := f[q.Text]; ok {
		return []content.Candidate{c}, nil
	}
	return nil, nil
}

func TestTuneThreshold_SeparatesAnswersFromFallbacks(t *testing.T) {
	r := fixedRanker{
		"good1": {Intent: "a", Score: 5},
		"good2": {Intent: "b", Score: 3},
		"wrong": {Intent: "a", Score: 1}, // wants b: better to fall back
		"noise": {Intent: "a", Score: 2}, // wants fallback
	}
	cases := []Case{
		{Text: "good1", Intent: "a"}, {Text: "good2", Intent: "b"},
		{Text: "wrong", Intent: "b"}, {Text: "noise"},
		{Text: "alarm", Emergency: true}, // ignored
	}
	th, right, err := TuneThreshold(r, cases)
	if err != nil {
		t.Fatal(err)
	}
	if th <= 2 || th > 3 || right != 3 {
		t.Errorf("threshold %v with %d right; want in (2,3] with 3 right", th, right)
	}
	m := &Thresholded{Ranker: r, Threshold: th}
	if got := m.Understand(content.Query{Text: "good2"}).Best(); got != "b" {
		t.Errorf("good2 → %q, want b", got)
	}
	if got := m.Understand(content.Query{Text: "noise"}).Best(); got != "" {
		t.Errorf("noise → %q, want fallback", got)
	}
}
