package match

// The words a pack language's texts use (answers included) are the stems
// its word index knows. Counting a message's words that each language
// knows is a unigram language model built from the pack itself: on short
// messages it tells Russian from Ukrainian or German from English better
// than a general-purpose detector, and it knows every pack language.

// knownWords counts the folded words of at least two bytes whose stem the
// index knows.
func (idx *index) knownWords(folded []string) int {
	if idx == nil {
		return 0
	}
	n := 0
	for _, f := range folded {
		if len(f) < 2 {
			continue
		}
		if _, ok := idx.lookup(hashString(seedStem, idx.stem(f))); ok {
			n++
		}
	}
	return n
}
