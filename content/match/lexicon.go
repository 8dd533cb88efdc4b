package match

// lexicon is the set of words (folded) that a pack language's texts use,
// answers included. Counting a message's words in each language's lexicon
// is a unigram language model built from the pack itself: on short
// messages it tells Russian from Ukrainian or German from English better
// than a general-purpose detector, and it knows every pack language.
type lexicon map[uint64]struct{}

func (l lexicon) addWords(ws words) {
	for _, f := range ws.fold {
		l[hashString(seedGlobal, f)] = struct{}{}
	}
}

// hits counts the tokens of at least two letters that the lexicon knows.
func (l lexicon) hits(folded []string) int {
	n := 0
	for _, t := range folded {
		if len(t) < 2 {
			continue
		}
		if _, ok := l[hashString(seedGlobal, t)]; ok {
			n++
		}
	}
	return n
}
