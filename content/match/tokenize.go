package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize splits normalised text (see Normalize) into words. Text in
// scripts written without spaces (Han, Kana, Thai, Lao, Khmer, Myanmar,
// Tibetan) is cut into overlapping character bigrams, so that it can still
// be matched word-free. Tokens are substrings of s.
func Tokenize(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		word := s
		if i >= 0 {
			word, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if word != "" {
			out = appendWord(out, word)
		}
	}
	return out
}

// appendWord appends word, or its script runs and bigrams when it holds
// text written without spaces.
func appendWord(out []string, word string) []string {
	if isASCII(word) || !hasUnspaced(word) {
		return append(out, word)
	}
	start := 0
	unspaced := false
	for i, r := range word {
		u := isUnspaced(r)
		if i > start && u != unspaced {
			out = appendRun(out, word[start:i], unspaced)
			start = i
		}
		if i == start {
			unspaced = u
		}
	}
	return appendRun(out, word[start:], unspaced)
}

func appendRun(out []string, run string, unspaced bool) []string {
	if !unspaced || utf8.RuneCountInString(run) <= 2 {
		return append(out, run)
	}
	prev := -1 // byte offset of the previous rune
	for i := range run {
		if prev >= 0 {
			_, size := utf8.DecodeRuneInString(run[i:])
			out = append(out, run[prev:i+size])
		}
		prev = i
	}
	return out
}

func hasUnspaced(word string) bool {
	for _, r := range word {
		if isUnspaced(r) {
			return true
		}
	}
	return false
}

var unspacedScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao,
	unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
}

func isUnspaced(r rune) bool {
	if r < 0x0E00 {
		return false
	}
	for _, t := range unspacedScripts {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}

// words is a text as the matcher reads it: its normalised tokens and the
// same tokens folded (see Fold).
type words struct {
	tok, fold []string
	// ids numbers the distinct tokens of a pack language while its index
	// is built (see analyser), so that each token's features are computed
	// and looked up once; nil for messages.
	ids []int32
}

// analyseText normalises, tokenizes and folds a text.
func analyseText(s string) words {
	w := words{tok: Tokenize(Normalize(s))}
	w.fold = make([]string, len(w.tok))
	for i, t := range w.tok {
		w.fold[i] = Fold(t)
	}
	return w
}

// subset returns the words at the given positions.
func (w words) subset(keep func(i int) bool) words {
	var out words
	for i := range w.tok {
		if keep(i) {
			out.tok = append(out.tok, w.tok[i])
			out.fold = append(out.fold, w.fold[i])
		}
	}
	return out
}
