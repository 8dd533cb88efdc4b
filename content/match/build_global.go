package match

import "slices"

// globalWords are the cross-language features (addGlobal) of the distinct
// words of each variant's fields (titles, examples, keywords; not answers)
// in one language: each word's folded hash, and the hash of its latinised
// form, or 0. They are kept for every language until the cross-language
// index is built, so they are kept flat: variant vi's words are
// fold[start[vi]:start[vi+1]], and latin is nil when no word has a
// latinised form (any language written in Latin letters).
type globalWords struct {
	start       []int32
	fold, latin []uint64
}

// of returns the features of variant vi's words (latin nil: all 0).
func (g *globalWords) of(vi int) (fold, latin []uint64) {
	lo, hi := g.start[vi], g.start[vi+1]
	if g.latin == nil {
		return g.fold[lo:hi], nil
	}
	return g.fold[lo:hi], g.latin[lo:hi]
}

// fieldGlobals returns the global features of each variant's field words,
// computed once per token.
func fieldGlobals(texts []*analysed, v *vocabulary) *globalWords {
	type feat struct {
		fold, latin uint64
		ok, done    bool
	}
	cache := make([]feat, len(v.tok))
	b := newBag()
	g := &globalWords{start: make([]int32, len(texts)+1)}
	seen := map[int32]bool{}
	for vi, a := range texts {
		g.start[vi] = int32(len(g.fold))
		if a == nil {
			continue
		}
		clear(seen)
		for _, f := range a.fields {
			for _, id := range f.ids {
				if seen[id] {
					continue
				}
				seen[id] = true
				c := &cache[id]
				if !c.done {
					b.reset()
					b.addGlobal(words{tok: v.tok[id : id+1], fold: v.fold[id : id+1]}, 1)
					c.done, c.ok = true, len(b.feats) > 0
					if c.ok {
						c.fold = b.feats[0].hash
					}
					if len(b.feats) > 1 {
						c.latin = b.feats[1].hash
					}
				}
				if !c.ok {
					continue
				}
				if c.latin != 0 && g.latin == nil {
					g.latin = make([]uint64, len(g.fold), cap(g.fold))
				}
				g.fold = append(g.fold, c.fold)
				if g.latin != nil {
					g.latin = append(g.latin, c.latin)
				}
			}
		}
	}
	g.start[len(texts)] = int32(len(g.fold))
	g.fold = slices.Clone(g.fold) // no room to grow: kept until every language is built
	if g.latin != nil {
		g.latin = slices.Clone(g.latin)
	}
	return g
}
