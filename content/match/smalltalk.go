package match

import (
	"sync"

	"github.com/compassbot/compass/content"
)

// Small talk: greetings, thanks, goodbyes and questions about the bot
// itself ("who are you?", "are you a robot?"), in every UI language, from
// the data files data/smalltalk/<lang>.txt. A message made only of such
// phrases (and function words) is small talk: the engine answers it
// politely with what the bot can do instead of guessing an intent. Inside
// a real question the phrases are left out of matching: "Hello, where do I
// register?" is matched as "where do I register?". Filler words ("thanks
// for your help, brother") may come with the phrases: they do not make a
// message a question, and inside one they are matched like any word.

// smallTalk finds small-talk phrases in folded words.
type smallTalk struct {
	phrases []smallPhrase
	first   map[string][]int32 // first word → phrases, longest first
	filler  map[string]bool    // folded filler words ("help", "brother")
}

type smallPhrase struct {
	kind  string
	words []string
}

// smallTalkRank orders kinds when a message has several: a question about
// the bot says most, a greeting least ("hi, who are you?" is about).
var smallTalkRank = map[string]int{content.SmallTalkAbout: 0, content.SmallTalkThanks: 1, content.SmallTalkBye: 2, content.SmallTalkGreeting: 3}

func newSmallTalk(lists []content.PhraseList) *smallTalk {
	st := &smallTalk{first: map[string][]int32{}, filler: map[string]bool{}}
	for _, l := range lists {
		for _, p := range l.Phrases {
			if p.Kind == smallTalkFiller {
				for _, w := range foldAll(Tokenize(Normalize(p.Text))) {
					st.filler[w] = true
				}
				continue
			}
			ph := smallPhrase{kind: p.Kind, words: foldAll(Tokenize(Normalize(p.Text)))}
			if len(ph.words) == 0 {
				continue
			}
			id := int32(len(st.phrases))
			st.phrases = append(st.phrases, ph)
			ids := append(st.first[ph.words[0]], id)
			for i := len(ids) - 1; i > 0 && len(st.phrases[ids[i]].words) > len(st.phrases[ids[i-1]].words); i-- {
				ids[i], ids[i-1] = ids[i-1], ids[i]
			}
			st.first[ph.words[0]] = ids
		}
	}
	return st
}

// foldAll folds every token.
func foldAll(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = Fold(t)
	}
	return out
}

// find returns the most telling kind of small talk in folded (or "") and
// which words the phrases cover (nil when none).
func (st *smallTalk) find(folded []string) (string, []bool) {
	kind := ""
	var covered []bool
	for i := 0; i < len(folded); {
		n := 0
		for _, id := range st.first[folded[i]] {
			ph := st.phrases[id]
			if wordsAt(folded, i, ph.words) {
				n = len(ph.words)
				if kind == "" || smallTalkRank[ph.kind] < smallTalkRank[kind] {
					kind = ph.kind
				}
				break // longest first
			}
		}
		if n == 0 {
			i++
			continue
		}
		if covered == nil {
			covered = make([]bool, len(folded))
		}
		for j := i; j < i+n; j++ {
			covered[j] = true
		}
		i += n
	}
	return kind, covered
}

// wordsAt reports whether words occur in folded at position at.
func wordsAt(folded []string, at int, words []string) bool {
	if at+len(words) > len(folded) {
		return false
	}
	for j, w := range words {
		if folded[at+j] != w {
			return false
		}
	}
	return true
}

var defaultSmallTalk = sync.OnceValue(func() *smallTalk { return newSmallTalk(BuiltinSmallTalk()) })
