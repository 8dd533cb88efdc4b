package match

import "strings"

// Context the router checks around its cues. Both lists are short on
// purpose: when in doubt the router fires, because a false alarm costs a
// list of phone numbers and a miss can cost a life.

// emergencyIdioms are figures of speech built from cue words ("I'm dying
// to learn German", "killing time"). Their words are blanked before the
// cues are looked up, so the rest of the message still counts. Words are
// normalised and folded; they must be consecutive.
var emergencyIdioms = [][]string{
	{"kicked", "me", "out"}, {"kick", "me", "out"}, {"kicking", "me", "out"}, {"kicks", "me", "out"},
	{"dying", "to"}, {"dying", "for"}, {"killing", "time"}, {"kill", "time"}, {"dying", "of", "boredom"},
	{"heart", "of", "the", "city"}, {"sterbe", "vor"}, {"brenne", "darauf"}, {"brennt", "darauf"},
	{"умираю", "от"}, {"умираю", "со"}, {"помираю", "від"}, {"meurs", "d"}, {"meurs", "de"},
	{"muero", "de"}, {"muero", "por"}, {"olecegim", "merak"}, {"meraktan", "oluyorum"},
}

// blankIdioms returns folded with the words of idioms blanked; folded
// itself when it has none (the common case, without copying).
func blankIdioms(folded []string) []string {
	var out []string
	for i, t := range folded {
		for _, k := range idiomsByFirst[t] {
			idiom := emergencyIdioms[k]
			if !hasWordsAt(folded, i, idiom) {
				continue
			}
			if out == nil {
				out = append([]string(nil), folded...)
			}
			for k := range idiom {
				out[i+k] = ""
			}
		}
	}
	if out == nil {
		return folded
	}
	return out
}

func hasWordsAt(folded []string, at int, words []string) bool {
	if at+len(words) > len(folded) {
		return false
	}
	for k, w := range words {
		if folded[at+k] != w {
			return false
		}
	}
	return true
}

// storyOrMediaWords mark a message about the past in the home country (the
// asylum story: "I was in danger in my country") or about a film or the
// news. Only a danger-to-life cue (fire, danger, weapon) is silenced by
// them: violence, suicide and medical cues always fire. Prefixes of
// normalised, folded words.
var storyOrMediaWords = []string{
	"film", "movie", "news", "series", "heimat", "nachrichten", "serie",
	"фильм", "кино", "новост", "сериал", "новин",
	"کشورم", "وطنم", "فیلم", "اخبار", "بلدي", "بلادي", "وطني", "فيلم", "الاخبار", "مسلسل",
	"ulkemde", "memleketimde",
}

// storyOrMediaPhrases are multi-word markers of the same, consecutive.
var storyOrMediaPhrases = [][]string{
	{"home", "country"}, {"back", "home"}, {"my", "homeland"}, {"на", "родине"}, {"вдома", "в", "україні"}, {"dans", "mon", "pays"}, {"en", "mi", "pais"},
}

func init() {
	foldWords := func(ws []string) {
		for i, w := range ws {
			ws[i] = Fold(Normalize(w))
		}
	}
	foldWords(storyOrMediaWords)
	for _, p := range storyOrMediaPhrases {
		foldWords(p)
	}
	for k, p := range emergencyIdioms {
		foldWords(p)
		idiomsByFirst[p[0]] = append(idiomsByFirst[p[0]], k)
	}
}

// idiomsByFirst indexes emergencyIdioms by their first word.
var idiomsByFirst = map[string][]int{}

func isStoryOrMedia(folded []string) bool {
	for i, t := range folded {
		for _, w := range storyOrMediaWords {
			if strings.HasPrefix(t, w) {
				return true
			}
		}
		for _, p := range storyOrMediaPhrases {
			if hasWordsAt(folded, i, p) {
				return true
			}
		}
	}
	return false
}
