package match

import (
	"cmp"
	"math"
	"slices"
)

// indexBuilder collects documents and computes weights once all are known.
type indexBuilder struct {
	idx     *index
	entries entries
	last    []int32 // feature id → last intent counted in df
	slot    []int32 // feature id → its last entry (to merge repeats in a document)
	bag     *bag
	// vocab holds the tokens of the language that words.ids number, and
	// tokens their features, once computed; nil for the global index.
	vocab  *vocabulary
	tokens []tokenFeatures
	// concepts is the concept lexicon of a word index (nil: none), and
	// conceptCands the entries whose first word matches each token of
	// vocab, once computed (conceptDone).
	concepts     *conceptLexicon
	conceptCands [][]int32
	conceptDone  []bool
}

// tokenFeatures are the features of a token: its word features first,
// then its trigrams. Feature ids are looked up (and features added to the
// index) only when a document uses them, so that the trigrams of words
// only answers use never enter the index.
type tokenFeatures struct {
	fs       []tokenFeature
	words    int // the leading features that are not trigrams
	resolved int // the leading features whose fid is set
	done     bool
}

// tokenFeature is a feature of a token, with its id in the index once
// resolved.
type tokenFeature struct {
	hash  uint64
	fid   uint32
	group uint8
	tf    float32
}

// newIndexBuilder returns a builder for an index; vocab holds the tokens
// that the documents' words.ids number (nil: documents carry their tokens).
func newIndexBuilder(lang string, mode indexMode, vocab *vocabulary) *indexBuilder {
	n := 0
	if vocab != nil {
		n = len(vocab.tok)
	}
	features := max(n+n/2, 1<<10) // a guess, to grow the per-feature lists less often
	return &indexBuilder{
		idx: &index{lang: lang, stem: stemmerFor(lang), alt: altStemmerFor(lang), mode: mode,
			ids: make(map[uint64]uint32, features), df: make([]int32, 0, features)},
		last:   make([]int32, 0, features),
		slot:   make([]int32, 0, features),
		bag:    newBag(),
		vocab:  vocab,
		tokens: make([]tokenFeatures, n),
	}
}

// part is a text of a document, with its weight and whether its trigrams
// are indexed.
type part struct {
	words    words
	weight   float32
	trigrams bool
}

// add adds a document made of parts.
func (ib *indexBuilder) add(info docInfo, parts ...part) {
	idx := ib.idx
	first := ib.entries.len()
	for _, p := range parts {
		if p.words.ids == nil || ib.vocab == nil || ib.idx.mode == modeGlobal {
			ib.bag.reset()
			idx.features(ib.bag, p.words, p.weight, p.trigrams)
			for _, f := range ib.bag.feats {
				ib.addEntry(info.intent, first, ib.fid(f.hash), f.group, f.tf)
			}
			ib.addConcepts(info.intent, first, p)
			continue
		}
		for _, id := range p.words.ids {
			for _, f := range ib.tokenFeatures(id, p.trigrams) {
				ib.addEntry(info.intent, first, f.fid, f.group, f.tf*p.weight)
			}
		}
		ib.addConcepts(info.intent, first, p)
	}
	if ib.entries.len() > first {
		idx.addDoc(info)
		ib.entries.endDoc()
	}
}

// addDoc appends a document to the index's list.
func (idx *index) addDoc(info docInfo) {
	if v := int(info.variant); v >= len(idx.intents) {
		idx.intents = append(idx.intents, make([]int32, v+1-len(idx.intents))...)
	}
	idx.intents[info.variant] = info.intent
	idx.docs = append(idx.docs, refOf(info))
}

// addConcepts adds the concept features of a part's words (concepts.go)
// to a document of a word index; answers yield none.
func (ib *indexBuilder) addConcepts(intent int32, first int, p part) {
	lx := ib.concepts
	if lx == nil || ib.idx.mode != modeWords || p.weight != weightQuestion {
		return
	}
	add := func(_ int, h uint64) { ib.addEntry(intent, first, ib.fid(h), groupConcept, p.weight) }
	if p.words.ids == nil || ib.vocab == nil {
		lx.find(min(len(p.words.tok), len(p.words.fold)), func(i int) (string, string) { return p.words.tok[i], p.words.fold[i] },
			func(i int) []int32 {
				ib.bag.cands = lx.candidates(ib.bag.cands[:0], p.words.tok[i], p.words.fold[i])
				return ib.bag.cands
			}, add)
		return
	}
	// Most texts name no concept: check the cached candidates first.
	named := false
	for _, id := range p.words.ids {
		if len(ib.conceptCandidates(id)) > 0 {
			named = true
			break
		}
	}
	if !named {
		return
	}
	v, ids := ib.vocab, p.words.ids
	lx.find(len(ids), func(i int) (string, string) { return v.tok[ids[i]], v.fold[ids[i]] },
		func(i int) []int32 { return ib.conceptCandidates(ids[i]) }, add)
}

// conceptCandidates returns the concept entries whose first word matches
// a token of the vocabulary, computed once per token.
func (ib *indexBuilder) conceptCandidates(id int32) []int32 {
	if int(id) >= len(ib.conceptDone) {
		grow := max(int(id)+1, len(ib.vocab.tok)) - len(ib.conceptDone) // at once for the whole vocabulary
		ib.conceptDone = append(ib.conceptDone, make([]bool, grow)...)
		ib.conceptCands = append(ib.conceptCands, make([][]int32, grow)...)
	}
	if !ib.conceptDone[id] {
		ib.conceptDone[id] = true
		if c := ib.concepts.candidates(nil, ib.vocab.tok[id], ib.vocab.fold[id]); len(c) > 0 {
			ib.conceptCands[id] = c
		}
	}
	return ib.conceptCands[id]
}

// addHashes adds a document of features given by their hashes, each
// counted once, as words (the cross-language index).
func (ib *indexBuilder) addHashes(info docInfo, hashes []uint64) {
	first := ib.entries.len()
	for _, h := range hashes {
		ib.addEntry(info.intent, first, ib.fid(h), groupWord, 1)
	}
	if ib.entries.len() > first {
		ib.idx.addDoc(info)
		ib.entries.endDoc()
	}
}

// tokenFeatures returns the features of a token of the vocabulary (with
// or without trigrams), computing them the first time.
func (ib *indexBuilder) tokenFeatures(id int32, trigrams bool) []tokenFeature {
	if int(id) >= len(ib.tokens) {
		ib.tokens = append(ib.tokens, make([]tokenFeatures, int(id)+1-len(ib.tokens))...)
	}
	c := &ib.tokens[id]
	if !c.done {
		ib.bag.reset()
		v := ib.vocab
		ib.idx.features(ib.bag, words{tok: v.tok[id : id+1], fold: v.fold[id : id+1]}, 1, true)
		c.fs = make([]tokenFeature, len(ib.bag.feats))
		c.words = len(c.fs)
		for j, f := range ib.bag.feats {
			c.fs[j] = tokenFeature{hash: f.hash, group: f.group, tf: f.tf}
			if (f.group == groupTrigram || f.group == groupSkTri) && j < c.words {
				c.words = j
			}
		}
		c.done = true
	}
	n := len(c.fs)
	if !trigrams {
		n = c.words
	}
	for ; c.resolved < n; c.resolved++ {
		c.fs[c.resolved].fid = ib.fid(c.fs[c.resolved].hash)
	}
	return c.fs[:n]
}

// fid returns the id of a feature, adding it if it is new.
func (ib *indexBuilder) fid(hash uint64) uint32 {
	idx := ib.idx
	fid, ok := idx.ids[hash]
	if !ok {
		fid = uint32(len(idx.df))
		idx.ids[hash] = fid
		idx.df = append(idx.df, 0)
		ib.last = append(ib.last, -1)
		ib.slot = append(ib.slot, -1)
	}
	return fid
}

// addEntry adds a feature to the document being added, whose entries
// start at first.
func (ib *indexBuilder) addEntry(intent int32, first int, fid uint32, group uint8, tf float32) {
	if s := ib.slot[fid]; s >= int32(first) { // seen in this document
		*ib.entries.tf(int(s)) += tf
		return
	}
	ib.slot[fid] = int32(ib.entries.len())
	if ib.last[fid] != intent {
		// Documents come intent by intent, so counting changes of intent
		// counts intents (regional variants of one intent apart in the
		// pack may count twice, which is harmless).
		ib.idx.df[fid]++
		ib.last[fid] = intent
	}
	ib.entries.add(fid, tf, group)
}

// build computes idf and normalised weights and returns the index.
func (ib *indexBuilder) build(numIntents int) *index {
	idx := ib.idx
	n := float64(numIntents)
	idx.maxIDF = float32(math.Log(1 + n))
	idx.common = math.MaxInt32
	if numIntents >= pruneMinIntents {
		idx.common = int32(pruneShare * n)
	}
	// Only the entries are needed from here on.
	ib.last, ib.slot, ib.tokens, ib.vocab = nil, nil, nil, nil
	ib.concepts, ib.conceptCands, ib.conceptDone = nil, nil, nil
	id := idx.sortKeys() // build-time feature id → id in the built index
	df := make([]int32, len(idx.df))
	for f, d := range idx.df {
		df[id[f]] = d
	}
	idx.df = df
	idx.idf = make([]float32, len(idx.df))
	for f, df := range idx.df {
		idx.idf[f] = float32(math.Log(1 + n/float64(df)))
	}
	norms := make([][numGroups]float32, len(idx.docs))
	idx.start = make([]uint32, len(idx.df)+1)
	kept := 0
	ib.entries.each(func(doc uint32, fid *uint32, tf *float32, group uint8) {
		*fid = id[*fid]
		w := tfWeight(*tf) * idx.idf[*fid]
		*tf = w // from here on the entry holds its weight
		norms[doc][group] += w * w
		if idx.df[*fid] <= idx.common {
			idx.start[*fid+1]++
			kept++
		}
	})
	for f := 1; f < len(idx.start); f++ {
		idx.start[f] += idx.start[f-1]
	}
	fill := append([]uint32(nil), idx.start[:len(idx.df)]...)
	small := len(idx.docs) <= 1<<16
	if small {
		idx.pdoc16 = make([]uint16, kept)
	} else {
		idx.pdoc32 = make([]uint32, kept)
	}
	idx.pw = make([]uint8, kept)
	ib.entries.each(func(doc uint32, fid *uint32, tf *float32, group uint8) {
		if idx.df[*fid] > idx.common {
			return // never searched; see index.common
		}
		w := *tf / float32(math.Sqrt(float64(norms[doc][group]))) * groupWeight[group]
		p := fill[*fid]
		fill[*fid]++
		if small {
			idx.pdoc16[p] = uint16(doc)
		} else {
			idx.pdoc32[p] = doc
		}
		idx.pw[p] = quantiseWeight(w)
	})
	idx.accPool.New = func() any { return newAccumulator(len(idx.docs)) }
	ib.entries = entries{}
	idx.df = nil // queries do not need document frequencies
	return idx
}

// sortKeys replaces the build-time map of feature hashes by the sorted
// array of hashes (keys): a feature's id in the built index is its place
// there. It returns the new id of each build-time feature id.
func (idx *index) sortKeys() []uint32 {
	type kv struct {
		key uint64
		fid uint32
	}
	all := make([]kv, 0, len(idx.ids))
	for k, f := range idx.ids {
		all = append(all, kv{k, f})
	}
	slices.SortFunc(all, func(a, b kv) int { return cmp.Compare(a.key, b.key) })
	idx.keys = make([]uint64, len(all))
	id := make([]uint32, len(all))
	for i, e := range all {
		idx.keys[i], id[e.fid] = e.key, uint32(i)
	}
	idx.ids = nil
	return id
}

func tfWeight(tf float32) float32 {
	if tf <= 1 {
		return tf
	}
	return 1 + float32(math.Log(float64(tf)))
}
