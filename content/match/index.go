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

// posting is one document that contains a feature, with the feature's
// normalised, group-weighted weight in that document.
type posting struct {
	doc int32
	w   float32
}

type postingList struct {
	idf  float32
	docs []posting
}

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
// language's transliteration skeletons).
type index struct {
	lang     string
	stem     stemmer
	mode     indexMode
	postings map[uint64]*postingList
	docs     []docInfo
	maxIDF   float32
	accPool  sync.Pool // *accumulator
}

// indexMode says which features an index holds.
type indexMode uint8

const (
	modeWords    indexMode = iota // stems, exact words and trigrams of one language
	modeSkeleton                  // transliteration skeletons of one language
	modeGlobal                    // folded words of every language
)

// dfCount counts the intents that have a feature.
type dfCount struct {
	last int32 // intent seen last
	n    int32
}

// textDoc is a document being built: its features and identity.
type textDoc struct {
	info  docInfo
	feats []feature
}

// indexBuilder collects documents and computes weights once all are known.
type indexBuilder struct {
	idx  *index
	docs []textDoc
	df   map[uint64]dfCount // feature → number of intents that have it
	bag  *bag
}

func newIndexBuilder(lang string, mode indexMode) *indexBuilder {
	return &indexBuilder{
		idx: &index{lang: lang, stem: stemmerFor(lang), mode: mode, postings: map[uint64]*postingList{}},
		df:  map[uint64]dfCount{},
		bag: newBag(),
	}
}

// add adds a document made of weighted texts (already normalised tokens).
func (ib *indexBuilder) add(info docInfo, parts []words, weights []float32) {
	ib.bag.reset()
	for i, toks := range parts {
		ib.idx.features(ib.bag, toks, weights[i])
	}
	if len(ib.bag.feats) == 0 {
		return
	}
	feats := append([]feature(nil), ib.bag.feats...)
	ib.docs = append(ib.docs, textDoc{info: info, feats: feats})
	for _, f := range feats {
		c, ok := ib.df[f.hash]
		if !ok || c.last != info.intent {
			// Documents come intent by intent, so counting changes of
			// intent counts intents (regional variants of one intent apart
			// in the pack may count twice, which is harmless).
			c.n++
			c.last = info.intent
			ib.df[f.hash] = c
		}
	}
}

// build computes idf and normalised weights and returns the index.
func (ib *indexBuilder) build(numIntents int) *index {
	idx := ib.idx
	n := float64(numIntents)
	idx.maxIDF = float32(math.Log(1 + n))
	for h, c := range ib.df {
		idx.postings[h] = &postingList{idf: float32(math.Log(1 + n/float64(c.n)))}
	}
	idx.docs = make([]docInfo, len(ib.docs))
	var norms [numGroups]float64
	for d, td := range ib.docs {
		idx.docs[d] = td.info
		norms = [numGroups]float64{}
		for _, f := range td.feats {
			w := float64(tfWeight(f.tf) * idx.postings[f.hash].idf)
			norms[f.group] += w * w
		}
		for _, f := range td.feats {
			pl := idx.postings[f.hash]
			w := tfWeight(f.tf) * pl.idf
			w = w / float32(math.Sqrt(norms[f.group])) * groupWeight[f.group]
			pl.docs = append(pl.docs, posting{doc: int32(d), w: w})
		}
	}
	idx.accPool.New = func() any { return newAccumulator(len(idx.docs)) }
	ib.docs, ib.df = nil, nil
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
	score   []float32 // dot product: the cosine
	cover   []float32 // share of the document's weight in the query
	qcover  []float32 // share of the query's weight in the document
	touched []int32
}

func newAccumulator(n int) *accumulator {
	return &accumulator{score: make([]float32, n), cover: make([]float32, n), qcover: make([]float32, n)}
}

// search scores the query features against every document and calls visit
// for each document with a non-zero score: the group-weighted cosine
// similarity and the group-weighted share of the document's (squared)
// weight that the query contains, both in [0,1]. It returns how many of
// the query's words the index knows.
func (idx *index) search(feats []feature, visit func(d docInfo, m similarity)) (known int) {
	var norms [numGroups]float64
	for _, f := range feats {
		w := idx.queryWeight(f)
		norms[f.group] += float64(w * w)
	}
	acc := idx.accPool.Get().(*accumulator)
	for _, f := range feats {
		pl := idx.postings[f.hash]
		if pl == nil || norms[f.group] == 0 {
			continue
		}
		if f.key {
			known++
		}
		qw := tfWeight(f.tf) * pl.idf / float32(math.Sqrt(norms[f.group]))
		inv := 1 / groupWeight[f.group]
		qc := qw * qw * groupWeight[f.group]
		for _, p := range pl.docs {
			if acc.score[p.doc] == 0 {
				acc.touched = append(acc.touched, p.doc)
			}
			acc.score[p.doc] += qw * p.w
			acc.cover[p.doc] += p.w * p.w * inv
			acc.qcover[p.doc] += qc
		}
	}
	for _, d := range acc.touched {
		visit(idx.docs[d], similarity{cos: min(acc.score[d], 1), cover: min(acc.cover[d], 1), qcover: min(acc.qcover[d], 1)})
		acc.score[d], acc.cover[d], acc.qcover[d] = 0, 0, 0
	}
	acc.touched = acc.touched[:0]
	idx.accPool.Put(acc)
	return known
}

func (idx *index) queryWeight(f feature) float32 {
	if pl := idx.postings[f.hash]; pl != nil {
		return tfWeight(f.tf) * pl.idf
	}
	return tfWeight(f.tf) * idx.maxIDF * unknownWeight
}

// features adds the features this index holds of tokens to b.
func (idx *index) features(b *bag, tokens words, w float32) {
	switch idx.mode {
	case modeSkeleton:
		b.addSkeletons(tokens, idx.lang, w)
	case modeGlobal:
		b.addGlobal(tokens, w)
	default:
		b.addWords(tokens, idx.stem, w)
	}
}

// queryFeatures adds the features of a message's tokens to b for a search
// in this index. A skeleton index is searched with Latin text, which needs
// no transliteration.
func (idx *index) queryFeatures(b *bag, tokens words) {
	if idx.mode == modeSkeleton {
		b.addSkeletons(tokens, "", 1)
		return
	}
	idx.features(b, tokens, 1)
}
