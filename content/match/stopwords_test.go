package match

import (
	"testing"

	"github.com/compassbot/compass/content"
)

// A function word the pack never uses is not content: it must not lower
// the match, while an unknown content word does.
func TestRank_UnknownFunctionWordsDoNotDilute(t *testing.T) {
	m := fixture(t)
	raw := func(text string) float64 {
		ws := analyseText(text)
		res := m.resolve(content.Query{Text: text, Hint: "en"}, text, ws)
		cands, _ := m.rank(ws, res, "")
		if len(cands) == 0 || cands[0].Intent != "residence.registration" {
			t.Fatalf("rank(%q) = %+v, want residence.registration first", text, cands)
		}
		return cands[0].Score
	}
	base := raw("register address Meldezettel")
	if got := raw("register ourselves address Meldezettel"); got != base {
		t.Errorf("an unknown function word changed the score: %.3f, want %.3f", got, base)
	}
	if got := raw("register zebrafish address Meldezettel"); got >= base {
		t.Errorf("an unknown content word did not lower the score: %.3f, base %.3f", got, base)
	}
}

func TestStopList_KnowsCommonFunctionWords(t *testing.T) {
	tests := []struct{ lang, word string }{
		{"en", "the"}, {"fr", "les"}, {"hu", "és"}, {"de", "und"}, {"uk", "що"}, {"ar", "في"}, {"fa", "که"}, {"tr", "ve"}, {"ru", "что"}, {"so", "iyo"}, {"ps", "په"}, {"sl", "kje"}, {"hr", "gdje"},
	}
	for _, tt := range tests {
		stop := stopList(tt.lang)
		if stop == nil || !stop(Normalize(tt.word)) {
			t.Errorf("stopList(%q) does not know %q", tt.lang, tt.word)
		}
	}
	if stopList("am") != nil {
		t.Errorf("a language without a list has one")
	}
}
