package match

import (
	"math"
	"sync"
)

// groupWeight weights the feature groups in a similarity: words count
// most, trigrams catch typos and unknown morphology.
var groupWeight = [numGroups]float32{groupWord: 0.55, groupTrigram: 0.45, groupSkWord: 0.45, groupSkTri: 0.55}

// unknownWeight scales the weight of query features the index has never
// seen: they count as much as the rarest known feature, so that words the
// pack does not know lower the similarity (off-topic text scores low).
// Tuned on dev among 0.6, 0.8 and 1.0.
const unknownWeight = 1.0

// docKind tells what a document of an index was made from.
type docKind uint8

const (
	docField  docKind = iota // a title, an example or a keyword
	docIntent                // all fields of an intent together
)

type docInfo struct {
	variant int32 // index into Pack.Intents
	intent  int32 // index into Matcher.ids
	kind    docKind
}

// index is an inverted index over the documents of one language (or one
// language's transliteration skeletons). Postings are stored compressed
// sparse row: the postings of feature f are pdoc[start[f]:start[f+1]] with
// weights pw[...], each the feature's normalised, group-weighted weight in
// that document, quantised to 16 bits. Most indices have fewer than 65,536
// documents and store document numbers in 16 bits too: 4 bytes a posting.
type index struct {
	lang   string
	stem   stemmer
	mode   indexMode
	ids    map[uint64]uint32 // feature hash → feature id
	idf    []float32
	df     []int32
	start  []uint32
	pdoc16 []uint16 // document of each posting when there are at most 65,536
	pdoc32 []uint32 // ... and when there are more
	pw     []uint16 // weight of each posting, quantised to [0,1] in 1/65535 steps
	docs   []docInfo
	maxIDF float32
	// common is the document frequency above which a feature is skipped
	// at query time (it still counts in the query's norm): a feature in
	// more than a fifth of a large pack's intents says little and costs
	// most of the time.
	common  int32
	accPool sync.Pool // *accumulator
}

// minQueryCover is the share of the message a document must contain to be
// scored at all: documents that share a trigram or two with it cannot be
// candidates, and skipping them saves most of the work on large packs.
const minQueryCover = 0.03

// Large packs skip common features at query time; see index.common.
const (
	pruneMinIntents = 200
	pruneShare      = 0.2
)

// indexMode says which features an index holds.
type indexMode uint8

const (
	modeWords    indexMode = iota // stems, exact words and trigrams of one language
	modeSkeleton                  // transliteration skeletons of one language
	modeGlobal                    // folded words of every language
)

// entry is one feature of one document while the index is built.
type entry struct {
	fid   uint32
	doc   uint32
	tf    float32
	group uint8
}

// entries is a growing list of entries kept in fixed-size chunks, so that
// growing it never copies (a large pack has millions).
type entries struct {
	chunks [][]entry
	n      int
}

const entryChunk = 1 << 14

func (es *entries) len() int { return es.n }

func (es *entries) add(e entry) {
	if es.n%entryChunk == 0 {
		es.chunks = append(es.chunks, make([]entry, 0, entryChunk))
	}
	last := len(es.chunks) - 1
	es.chunks[last] = append(es.chunks[last], e)
	es.n++
}

func (es *entries) at(i int) *entry { return &es.chunks[i/entryChunk][i%entryChunk] }

func (es *entries) each(f func(e *entry)) {
	for _, c := range es.chunks {
		for i := range c {
			f(&c[i])
		}
	}
}

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
	return &indexBuilder{
		idx:    &index{lang: lang, stem: stemmerFor(lang), mode: mode, ids: make(map[uint64]uint32, max(n+n/2, 1<<10))},
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
	doc := uint32(len(idx.docs))
	first := ib.entries.len()
	for _, p := range parts {
		if p.words.ids == nil || ib.vocab == nil || ib.idx.mode == modeGlobal {
			ib.bag.reset()
			idx.features(ib.bag, p.words, p.weight, p.trigrams)
			for _, f := range ib.bag.feats {
				ib.addEntry(info.intent, doc, first, ib.fid(f.hash), f.group, f.tf)
			}
			continue
		}
		for _, id := range p.words.ids {
			for _, f := range ib.tokenFeatures(id, p.trigrams) {
				ib.addEntry(info.intent, doc, first, f.fid, f.group, f.tf*p.weight)
			}
		}
	}
	if ib.entries.len() > first {
		idx.docs = append(idx.docs, info)
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

// addEntry adds a feature to document doc, whose entries start at first.
func (ib *indexBuilder) addEntry(intent int32, doc uint32, first int, fid uint32, group uint8, tf float32) {
	if s := ib.slot[fid]; s >= int32(first) { // seen in this document
		ib.entries.at(int(s)).tf += tf
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
	ib.entries.add(entry{fid: fid, doc: doc, tf: tf, group: group})
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
	idx.idf = make([]float32, len(idx.df))
	for f, df := range idx.df {
		idx.idf[f] = float32(math.Log(1 + n/float64(df)))
	}
	norms := make([][numGroups]float32, len(idx.docs))
	idx.start = make([]uint32, len(idx.df)+1)
	kept := 0
	ib.entries.each(func(e *entry) {
		w := tfWeight(e.tf) * idx.idf[e.fid]
		e.tf = w // from here on the entry holds its weight
		norms[e.doc][e.group] += w * w
		if idx.df[e.fid] <= idx.common {
			idx.start[e.fid+1]++
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
	idx.pw = make([]uint16, kept)
	ib.entries.each(func(e *entry) {
		if idx.df[e.fid] > idx.common {
			return // never searched; see index.common
		}
		w := e.tf / float32(math.Sqrt(float64(norms[e.doc][e.group]))) * groupWeight[e.group]
		p := fill[e.fid]
		fill[e.fid]++
		if small {
			idx.pdoc16[p] = uint16(e.doc)
		} else {
			idx.pdoc32[p] = e.doc
		}
		idx.pw[p] = uint16(min(w, 1)*65535 + 0.5)
	})
	idx.accPool.New = func() any { return newAccumulator(len(idx.docs)) }
	ib.entries, ib.last, ib.slot, ib.tokens, ib.vocab = entries{}, nil, nil, nil, nil
	return idx
}

func tfWeight(tf float32) float32 {
	if tf <= 1 {
		return tf
	}
	return 1 + float32(math.Log(float64(tf)))
}

// similarity is how a document matches a query, each part in [0,1].
type similarity struct {
	cos    float32 // group-weighted cosine
	cover  float32 // group-weighted share of the document's squared weight matched
	qcover float32 // group-weighted share of the query's squared weight matched
}

// blend combines the parts with the tuned weights.
func (s similarity) blend() float32 {
	return (1-tuning.Cover-tuning.QCover)*s.cos + tuning.Cover*s.cover + tuning.QCover*s.qcover
}

// accumulator sums, per document, the dot product with the query and the
// share of the document's weight the query covers.
type accumulator struct {
	sums    []sums // per document
	touched []uint32
	found   []found // the query's features the index knows
}

// found is a query feature the index knows, with its weight.
type found struct {
	fid   uint32
	w     float32
	group uint8
}

// sums are one document's running sums, kept together for locality.
type sums struct {
	score  float32 // dot product: the cosine
	cover  float32 // share of the document's weight in the query
	qcover float32 // share of the query's weight in the document
}

func newAccumulator(n int) *accumulator { return &accumulator{sums: make([]sums, n)} }

// search scores the query features against every document and calls visit
// for each document with a non-zero score: the group-weighted cosine
// similarity and the group-weighted shares of the document's and of the
// query's (squared) weight matched, each in [0,1]. It returns how many of
// the query's words the index knows.
func (idx *index) search(feats []feature, visit func(d docInfo, m similarity)) (known int) {
	var norms [numGroups]float32
	acc := idx.accPool.Get().(*accumulator)
	acc.found = acc.found[:0]
	for _, f := range feats {
		fid, ok := idx.ids[f.hash]
		w := tfWeight(f.tf) * idx.maxIDF * unknownWeight
		if !ok && f.stop {
			continue // a function word the pack does not use is no content
		}
		if ok {
			w = tfWeight(f.tf) * idx.idf[fid]
			if f.key {
				known++
			}
			if idx.df[fid] <= idx.common {
				acc.found = append(acc.found, found{fid: fid, w: w, group: f.group})
			}
		}
		norms[f.group] += w * w
	}
	for _, q := range acc.found {
		qw := q.w / float32(math.Sqrt(float64(norms[q.group])))
		inv := 1 / groupWeight[q.group]
		qc := qw * qw * groupWeight[q.group]
		lo, hi := idx.start[q.fid], idx.start[q.fid+1]
		if idx.pdoc16 != nil {
			accumulate(acc, idx.pdoc16[lo:hi], idx.pw[lo:hi], qw, inv, qc)
		} else {
			accumulate(acc, idx.pdoc32[lo:hi], idx.pw[lo:hi], qw, inv, qc)
		}
	}
	for _, d := range acc.touched {
		if s := acc.sums[d]; s.qcover >= minQueryCover {
			visit(idx.docs[d], similarity{cos: min(s.score, 1), cover: min(s.cover, 1), qcover: min(s.qcover, 1)})
		}
		acc.sums[d] = sums{}
	}
	acc.touched = acc.touched[:0]
	idx.accPool.Put(acc)
	return known
}

// accumulate adds one query feature's contributions to the documents that
// have it.
func accumulate[T uint16 | uint32](acc *accumulator, docs []T, ws []uint16, qw, inv, qc float32) {
	ws = ws[:len(docs)]
	for i, d := range docs {
		p := float32(ws[i]) * (1.0 / 65535)
		s := &acc.sums[d]
		if s.qcover == 0 {
			acc.touched = append(acc.touched, uint32(d))
		}
		s.score += qw * p
		s.cover += p * p * inv
		s.qcover += qc
	}
}

// features adds the features this index holds of tokens to b.
func (idx *index) features(b *bag, tokens words, w float32, trigrams bool) {
	switch idx.mode {
	case modeSkeleton:
		b.addSkeletons(tokens, idx.lang, w, trigrams)
	case modeGlobal:
		b.addGlobal(tokens, w)
	default:
		b.addWords(tokens, idx.stem, w, trigrams)
	}
}

// queryFeatures adds the features of a message's tokens to b for a search
// in this index. A skeleton index is searched with Latin text, which needs
// no transliteration.
func (idx *index) queryFeatures(b *bag, tokens words) {
	if idx.mode == modeSkeleton {
		b.addSkeletons(tokens, "", 1, true)
	} else if stop := stopList(idx.lang); stop != nil && idx.mode == modeWords {
		// A function word counts as a word, not by its trigrams (they
		// are for typos and unknown morphology of content words), and not
		// at all when the pack never uses it (see search).
		for i, t := range tokens.tok {
			n := len(b.feats)
			isStop := stop(t)
			idx.features(b, words{tok: tokens.tok[i : i+1], fold: tokens.fold[i : i+1]}, 1, !isStop)
			for j := n; isStop && j < len(b.feats); j++ {
				b.feats[j].stop = true
			}
		}
	} else {
		idx.features(b, tokens, 1, true)
	}
	b.merge()
}
