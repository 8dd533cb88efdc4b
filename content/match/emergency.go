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
// phrase must come in order with at most maxGap other words between them;
// a word ending in * matches any word it begins. Long words tolerate one
// typo (an edit, a swap of neighbours).
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
}

// A phrase word tolerates one typo from minFuzzyLen letters on, or from
// minFuzzyAlone when it is the whole phrase; shorter words are too easy to
// confuse with ordinary ones ("dövüyor" beats, "doluyor" expires).
const (
	minFuzzyLen   = 6
	minFuzzyAlone = 9
)

func newEmergencyRouter(lists map[string][]string) *emergencyRouter {
	r := &emergencyRouter{exact: map[string][]int32{}, prefix: map[string][]int32{}, deletes: map[uint64][]int32{}}
	for _, kind := range emergencyOrder {
		for _, p := range lists[kind] {
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
		}
	}
	return r
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

var defaultRouter = newEmergencyRouter(emergencyPhrases)

func defaultEmergencyRouter() *emergencyRouter { return defaultRouter }

// route returns the emergency kind of a message given as folded tokens, or
// "".
func (r *emergencyRouter) route(folded []string) string {
	best := len(emergencyOrder)
	consider := func(ids []int32, at int) {
		for _, id := range ids {
			ph := r.phrases[id]
			if rank := kindRank(ph.kind); rank < best && matchesAt(ph.words, folded, at) {
				best = rank
			}
		}
	}
	for i, t := range folded {
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
	if best == len(emergencyOrder) {
		return ""
	}
	return emergencyOrder[best]
}

func kindRank(kind string) int {
	for i, k := range emergencyOrder {
		if k == kind {
			return i
		}
	}
	return len(emergencyOrder)
}

// maxGap is how many other words may stand between two words of a phrase
// ("не хочу больше жить", "my husband is beating me").
const maxGap = 1

func matchesAt(words []patternWord, folded []string, at int) bool {
	if !words[0].matches(folded[at]) {
		return false
	}
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
	switch {
	case tok == w.word:
		return true
	case w.prefix && strings.HasPrefix(tok, w.word):
		return true
	case !w.fuzzy:
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
