package match

import (
	"strings"
	"unicode/utf8"
)

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
