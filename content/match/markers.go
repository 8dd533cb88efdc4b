package match

import (
	"github.com/compassbot/compass/content"
)

// Marker words (data/markers/<lang>.txt) are a few frequent words of a
// language that its close neighbours and the other common languages do
// not use: Slovenian "kje", "lahko", "nisem" against Croatian "gdje",
// "trebam", "nisam"; Kurmanji "xwe", "dixwazim"; Albanian "është", "një".
// The pack's lexicons share most words between close languages, and the
// general detector confuses them or has no model (Kurmanji, Albanian):
// without markers a Croatian question was answered in Slovenian and a
// Kurdish one in Croatian.

// markerKinds is the one kind of line a marker file has.
var markerKinds = []string{"word"}

// BuiltinMarkers returns the built-in marker-word lists, one per
// language, with their review status.
func BuiltinMarkers() []content.PhraseList { return mustLists("markers", markerKinds) }

// markers maps a normalised marker word to the languages that list it.
var markers = indexMarkers(BuiltinMarkers())

func indexMarkers(lists []content.PhraseList) map[string][]string {
	out := map[string][]string{}
	for _, l := range lists {
		for _, p := range l.Phrases {
			w := Normalize(p.Text)
			out[w] = append(out[w], l.Lang)
		}
	}
	return out
}

// markerGroups are the languages the general detector confuses with each
// other: one marker word breaks a tie among them.
var markerGroups = map[string]string{
	"sl": "slavic", "hr": "slavic", "bs": "slavic", "sr": "slavic", "cs": "slavic", "sk": "slavic", "pl": "slavic",
	"ku": "kurmanji", "tr": "kurmanji",
}

// markerVote counts the message's marker words per language. It returns
// the language with the most, how many, and whether they decide alone:
// at least minMarkerWords and at least twice any other language's.
func markerVote(tok []string) (lang string, hits int, decides bool) {
	var counts map[string]int // most messages have no marker: no map
	for _, w := range tok {
		for _, l := range markers[w] {
			if counts == nil {
				counts = map[string]int{}
			}
			counts[l]++
		}
	}
	second := 0
	for l, n := range counts {
		switch {
		case n > hits || n == hits && l < lang:
			second = max(second, hits)
			lang, hits = l, n
		case n > second:
			second = n
		}
	}
	if hits == second {
		return "", hits, false // a tie says nothing
	}
	return lang, hits, hits >= minMarkerWords && hits >= 2*second
}

// byMarkers settles the language of a Latin-script message by its marker
// words: they decide alone when there are enough of them; one breaks the
// tie when detection found a close neighbour (or nothing) and no other
// language has a marker in the message.
func byMarkers(tok []string, detected string) (string, bool) {
	lang, hits, decides := markerVote(tok)
	switch {
	case lang == "":
		return "", false
	case decides:
		return lang, true
	case hits == 1 && (detected == "" || markerGroups[detected] != "" && markerGroups[detected] == markerGroups[lang]):
		return lang, false
	}
	return "", false
}
