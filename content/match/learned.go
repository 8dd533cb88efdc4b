package match

import "slices"

// Concepts learned from the pack's translations. Every intent is written
// in several languages, so the pack is a parallel corpus: a word of one
// language that the concept lexicon lacks, used only by intents whose
// texts (in any language) all name one concept, lends that concept the
// word: the Somali or Pashto word the lexicon never listed, used by the
// three intents that name "child" in their other languages, is a "child"
// word. The word then inherits the evidence of its translations: it
// reaches the other intents that name the concept.

// learnedLang is what one language's texts say for learning: the intents
// each token is used by (in titles, examples and keywords), the concepts
// each variant's fields name, and the tokens that name a concept of the
// lexicon themselves.
type learnedLang struct {
	tokIntents [][]int32 // token id → intents, ascending
	named      []bool    // token id → the lexicon knows it
	variants   [][]uint64
}

// learnFrom collects what one language's analysed texts say (see
// learnedLang).
func learnFrom(lx *conceptLexicon, texts []*analysed, v *vocabulary, intentOf func(vi int) int32) learnedLang {
	out := learnedLang{tokIntents: make([][]int32, len(v.tok)), named: make([]bool, len(v.tok)), variants: make([][]uint64, len(texts))}
	done := make([]bool, len(v.tok))
	var cands []int32
	for vi, a := range texts {
		if a == nil {
			continue
		}
		id := intentOf(vi)
		for _, f := range a.fields {
			ids := f.ids
			for _, t := range ids {
				if !done[t] {
					done[t] = true
					cands = lx.candidates(cands[:0], v.tok[t], v.fold[t])
					out.named[t] = len(cands) > 0
				}
				if l := out.tokIntents[t]; len(l) == 0 || l[len(l)-1] != id {
					out.tokIntents[t] = append(l, id)
				}
			}
			lx.find(len(ids), func(i int) (string, string) { return v.tok[ids[i]], v.fold[ids[i]] },
				func(i int) []int32 { return lx.candidates(nil, v.tok[ids[i]], v.fold[ids[i]]) },
				func(_ int, h uint64) {
					if !slices.Contains(out.variants[vi], h) {
						out.variants[vi] = append(out.variants[vi], h)
					}
				})
		}
	}
	return out
}

// learnedConcepts returns, per language, the folded words the lexicon
// lacks that are used by at least minLearnedIntents intents, all of which
// name a common concept (in any of their languages), with those concepts.
func learnedConcepts(langs []string, per []learnedLang, vocabs []*vocabulary, nIntents int, intentOf func(vi int) int32) map[string]map[string][]uint64 {
	concepts := make([][]uint64, nIntents) // intent → concepts its texts name, any language
	for _, l := range per {
		for vi, cs := range l.variants {
			id := intentOf(vi)
			for _, h := range cs {
				if !slices.Contains(concepts[id], h) {
					concepts[id] = append(concepts[id], h)
				}
			}
		}
	}
	out := map[string]map[string][]uint64{}
	for li, l := range per {
		v := vocabs[li]
		if v == nil {
			continue
		}
		m := map[string][]uint64{}
		for t, ids := range l.tokIntents {
			if l.named[t] || len(ids) < minLearnedIntents || len(ids)*maxLearnedShare > nIntents || len([]rune(v.fold[t])) < 3 || isFunctionWord(v.tok[t]) {
				continue
			}
			common := append([]uint64(nil), concepts[ids[0]]...)
			for _, id := range ids[1:] {
				common = slices.DeleteFunc(common, func(h uint64) bool { return !slices.Contains(concepts[id], h) })
			}
			if len(common) > 0 {
				m[v.fold[t]] = common
			}
		}
		out[langs[li]] = m
	}
	return out
}
