package match

import (
	"strings"
	"unicode/utf8"
)

// Emergency kinds reported in Understanding.Emergency.
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

// A phrase word tolerates one typo from minFuzzyLen letters on, or from
// minFuzzyAlone when it is the whole phrase; shorter words are too easy to
// confuse with ordinary ones ("dövüyor" beats, "doluyor" expires).
const (
	minFuzzyLen   = 6
	minFuzzyAlone = 9
)

func newEmergencyRouter(lists ...map[string][]string) *emergencyRouter {
	r := newPhraseIndex()
	r.skeletons = newPhraseIndex()
	var all []string
	for _, kind := range emergencyOrder {
		all = all[:0]
		for _, l := range lists {
			all = append(all, l[kind]...)
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

var defaultRouter = newEmergencyRouter(emergencyPhrases, emergencyPhrasesMore)

func defaultEmergencyRouter() *emergencyRouter { return defaultRouter }

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

// The words of a phrase may come in any order ("mich hat er geschlagen",
// "menya muzh bjet"), with at most maxGap other words between them in all:
// a phrase of n words must fit in a window of n+maxGap words ("не хочу
// больше жить", "my husband is beating me").
const maxGap = 2

// maxPhraseWords is the longest phrase matched order-free; longer ones
// must keep their order.
const maxPhraseWords = 8

func matchesAt(words []patternWord, folded []string, at int) bool {
	if !words[0].matches(folded[at]) {
		return false
	}
	if len(words) == 1 {
		return true
	}
	window := len(words) + maxGap
	if len(words) > maxPhraseWords {
		return matchesInOrder(words, folded, at)
	}
	var used [maxPhraseWords]int
	used[0] = at
	lo, hi := at, at
	for wi, w := range words[1:] {
		found := -1
		// nearest first, after before before
		for d := 1; d < window && found < 0; d++ {
			for _, k := range [2]int{at + d, at - d} {
				if k < 0 || k >= len(folded) || max(hi, k)-min(lo, k) >= window || isUsed(used[:wi+1], k) {
					continue
				}
				if w.matches(folded[k]) {
					found = k
					break
				}
			}
		}
		if found < 0 {
			return false
		}
		used[wi+1] = found
		lo, hi = min(lo, found), max(hi, found)
	}
	return true
}

func isUsed(used []int, k int) bool {
	for _, u := range used {
		if u == k {
			return true
		}
	}
	return false
}

func matchesInOrder(words []patternWord, folded []string, at int) bool {
	pos := at
	for _, w := range words[1:] {
		found := false
		for k := pos + 1; k <= pos+1+maxGap && k < len(folded); k++ {
			if w.matches(folded[k]) {
				pos, found = k, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (w patternWord) matches(tok string) bool {
	if w.matchesForm(tok) {
		return true
	}
	rest, ok := withoutArabicAnd(tok)
	return ok && w.matchesForm(rest)
}

func (w patternWord) matchesForm(tok string) bool {
	switch {
	case tok == w.word:
		return true
	case w.prefix && strings.HasPrefix(tok, w.word):
		return true
	case !w.fuzzy || !sameFirstLetter(tok, w.word):
		// Typos rarely hit the first letter, and a different first
		// letter is often another word ("heating", "beating").
		return false
	case w.prefix:
		// The word's beginning, with one typo, of about the pattern's length.
		rs := []rune(tok)
		n := utf8.RuneCountInString(w.word)
		for _, l := range []int{n, n + 1, n - 1} {
			if l > 0 && l <= len(rs) && withinOneEdit(w.word, string(rs[:l])) {
				return true
			}
		}
		return false
	default:
		return withinOneEdit(w.word, tok)
	}
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbouring letters.
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		if i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:]) {
			return true // swap
		}
		return string(x[i+1:]) == string(y[i+1:])
	}
	return string(x[i:]) == string(y[i+1:])
}

func sameFirstLetter(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb
}
