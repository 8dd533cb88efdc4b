package match

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/compassbot/compass/content"
)

// Emergency kinds reported in Understanding.Emergency.
// (content.EmergencyKinds lists the same, most urgent first.)
const (
	EmergencySuicide  = "suicide"
	EmergencyViolence = "violence"
	EmergencyMedical  = "medical"
	EmergencyLife     = "life"
)

// emergencyOrder is the order kinds are checked in; the first kind with a
// matching phrase wins.
var emergencyOrder = []string{EmergencySuicide, EmergencyViolence, EmergencyMedical, EmergencyLife}

// patternWord is one word of an emergency phrase.
type patternWord struct {
	word   string // normalised and folded
	prefix bool   // matches any word starting with word ("beat*")
	fuzzy  bool   // one typo allowed (long words only)
}

type phrase struct {
	kind  string
	words []patternWord
}

// emergencyRouter finds emergency phrases in a message. The words of a
// phrase may come in any order within a window of maxGap more words than
// the phrase has; a word ending in * matches any word it begins. Long
// words tolerate one typo (an edit, a swap of neighbours), never in the
// first letter.
//
// Phrases are indexed by their first word: exactly, by prefix, and by the
// word with each letter deleted (symmetric deletion), so that a message is
// checked against the few phrases that can start at each of its words.
type emergencyRouter struct {
	phrases []phrase
	exact   map[string][]int32 // first word → phrases
	prefix  map[string][]int32 // first word of a prefix pattern → phrases
	deletes map[uint64][]int32 // first word and its one-letter deletions → fuzzy phrases
	longest int                // longest prefix pattern, in bytes

	// skeletons matches Latin-typed messages ("muzh menya bjet", Arabizi
	// "darabni", Finglish "mano mizane") against the consonant skeletons
	// of the Cyrillic and Arabic-script phrases (emergency_translit.go).
	skeletons *emergencyRouter
}

// newEmergencyRouter indexes the phrases of the lists, kind by kind in
// emergencyOrder.
func newEmergencyRouter(lists ...[]content.PhraseList) *emergencyRouter {
	r := newPhraseIndex()
	r.skeletons = newPhraseIndex()
	var all []string
	for _, kind := range emergencyOrder {
		all = all[:0]
		for _, ls := range lists {
			for _, l := range ls {
				for _, p := range l.Phrases {
					if p.Kind == kind {
						all = append(all, p.Text)
					}
				}
			}
		}
		for _, p := range all {
			ph := phrase{kind: kind}
			for _, w := range strings.Fields(p) {
				prefix := strings.HasSuffix(w, "*")
				toks := Tokenize(Normalize(strings.TrimSuffix(w, "*")))
				for i, t := range toks {
					f := Fold(t)
					pw := patternWord{word: f, prefix: prefix && i == len(toks)-1}
					pw.fuzzy = utf8.RuneCountInString(f) >= minFuzzyLen
					ph.words = append(ph.words, pw)
				}
			}
			if len(ph.words) == 0 {
				continue
			}
			if len(ph.words) == 1 && utf8.RuneCountInString(ph.words[0].word) < minFuzzyAlone {
				ph.words[0].fuzzy = false
			}
			r.add(ph)
			for _, sk := range skeletonPhrases(ph) {
				r.skeletons.add(sk)
			}
		}
	}
	return r
}

func newPhraseIndex() *emergencyRouter {
	return &emergencyRouter{exact: map[string][]int32{}, prefix: map[string][]int32{}, deletes: map[uint64][]int32{}}
}

func (r *emergencyRouter) add(ph phrase) {
	id := int32(len(r.phrases))
	r.phrases = append(r.phrases, ph)
	first := ph.words[0]
	if first.prefix {
		r.prefix[first.word] = append(r.prefix[first.word], id)
		r.longest = max(r.longest, len(first.word))
		return
	}
	r.exact[first.word] = append(r.exact[first.word], id)
	if first.fuzzy {
		forDeletions(first.word, func(h uint64) { r.deletes[h] = appendOnce(r.deletes[h], id) })
	}
}

func appendOnce(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// forDeletions calls f with the hash of w and of w with each one of its
// letters deleted.
func forDeletions(w string, f func(uint64)) {
	f(hashString(seedDelete, w))
	for i, r := range w {
		size := utf8.RuneLen(r)
		h := uint64(fnvOffset)
		h = (h ^ uint64(seedDelete)) * fnvPrime
		for j := 0; j < len(w); j++ {
			if j >= i && j < i+size {
				continue
			}
			h = (h ^ uint64(w[j])) * fnvPrime
		}
		f(h)
	}
}

var defaultRouter = sync.OnceValue(func() *emergencyRouter { return newEmergencyRouter(BuiltinEmergencyPhrases()) })

// emergencyRouterFor returns the router for a pack: the built-in one, or,
// when the pack adds phrases of its own, one with both.
func emergencyRouterFor(p *content.Pack) *emergencyRouter {
	if len(p.EmergencyPhrases) == 0 {
		return defaultRouter()
	}
	return newEmergencyRouter(BuiltinEmergencyPhrases(), p.EmergencyPhrases)
}

// route returns the emergency kind of a message given as folded tokens, or
// "". Idioms ("dying to learn", "killing time") are blanked first; a
// danger-to-life cue in a story about the home country or a film does
// not fire (emergency_context.go).
func (r *emergencyRouter) route(folded []string) string {
	sc := routeScratchPool.Get().(*routeScratch)
	defer routeScratchPool.Put(sc)
	folded = blankIdioms(folded)
	best := r.rank(folded)
	if r.skeletons != nil && best == len(emergencyOrder) {
		// Only when the words as written matched nothing: "mon bebe ne
		// respire plus" is French, not "мене побив".
		if sk := skeletonTokens(sc, folded); sk != nil {
			best = min(best, r.skeletons.rank(sk))
		}
	}
	if best < len(emergencyOrder) && emergencyOrder[best] == EmergencyLife && isStoryOrMedia(folded) {
		best = len(emergencyOrder)
	}
	if best == len(emergencyOrder) {
		return ""
	}
	return emergencyOrder[best]
}

// rank returns the rank in emergencyOrder of the most urgent phrase found
// in folded, or len(emergencyOrder).
func (r *emergencyRouter) rank(folded []string) int {
	best := len(emergencyOrder)
	consider := func(ids []int32, at int) {
		for _, id := range ids {
			ph := r.phrases[id]
			if rank := kindRank(ph.kind); rank < best && matchesAt(ph.words, folded, at) {
				best = rank
			}
		}
	}
	lookup := func(t string, i int) {
		consider(r.exact[t], i)
		for end := range t {
			if end > r.longest {
				break
			}
			if end > 0 {
				consider(r.prefix[t[:end]], i)
			}
		}
		consider(r.prefix[t], i)
		if utf8.RuneCountInString(t) >= minFuzzyLen-1 {
			forDeletions(t, func(h uint64) { consider(r.deletes[h], i) })
		}
	}
	for i, t := range folded {
		lookup(t, i)
		if rest, ok := withoutArabicAnd(t); ok {
			lookup(rest, i)
		}
	}
	return best
}

// withoutArabicAnd returns an Arabic-script word without the conjunction
// و ("and") written joined to it: "ومش عم يفيق" is "و مش عم يفيق".
func withoutArabicAnd(t string) (string, bool) {
	rest, ok := strings.CutPrefix(t, "و")
	return rest, ok && utf8.RuneCountInString(rest) >= 2
}

func kindRank(kind string) int {
	for i, k := range emergencyOrder {
		if k == kind {
			return i
		}
	}
	return len(emergencyOrder)
}
