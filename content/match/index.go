package match

import (
	"math"
	"slices"
	"sync"
)

// docKind tells what a document of an index was made from.
type docKind uint8

const (
	docField  docKind = iota // a title, an example or a keyword
	docIntent                // all fields of an intent together
	docAnswer                // a sentence of an answer (weaker evidence)
)

type docInfo struct {
	variant int32 // index into Pack.Intents
	intent  int32 // index into Matcher.ids
	kind    docKind
}

// docRef is a docInfo as an index keeps it: the variant and the kind in
// 4 bytes; the intent is the variant's (index.intents).
type docRef uint32

func refOf(d docInfo) docRef { return docRef(d.variant)<<2 | docRef(d.kind) }

// index is an inverted index over the documents of one language (or one
// language's transliteration skeletons). Postings are stored compressed
// sparse row: the postings of feature f are pdoc[start[f]:start[f+1]] with
// weights pw[...], each the feature's normalised, group-weighted weight in
// that document, quantised to 8 bits. Most indices have fewer than 65,536
// documents and store document numbers in 16 bits: 3 bytes a posting. A
// feature is found by binary search in the sorted hashes (keys); its id
// is its place there: 16 bytes a feature with idf and start.
type index struct {
	lang    string
	stem    stemmer
	alt     stemmer // a second stem for some forms (altStemmerFor); nil for most languages
	mode    indexMode
	ids     map[uint64]uint32 // feature hash → feature id, while the index is built
	keys    []uint64          // feature hashes, sorted, once built (8 bytes a feature, not a map's 20+); a feature's id is its place here
	idf     []float32
	df      []int32 // while the index is built
	start   []uint32
	pdoc16  []uint16 // document of each posting when there are at most 65,536
	pdoc32  []uint32 // ... and when there are more
	pw      []uint8  // weight of each posting in [0,1], quantised on a square-root scale (postingWeight)
	docs    []docRef
	intents []int32 // the intent of each variant (docInfo.intent)
	maxIDF  float32
	// common is the document frequency above which a feature is skipped
	// at query time (it still counts in the query's norm): a feature in
	// more than a fifth of a large pack's intents says little and costs
	// most of the time.
	common  int32
	accPool sync.Pool // *accumulator
}

// indexMode says which features an index holds.
type indexMode uint8

const (
	modeWords    indexMode = iota // stems, exact words and trigrams of one language
	modeSkeleton                  // transliteration skeletons of one language
	modeGlobal                    // folded words of every language
)

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
// share of the document's weight the query covers. lits keeps the literal
// groups' sums (words, trigrams, skeletons) of the documents touched
// before the concept features were added, so that one pass gives the
// similarity with and without concepts.
type accumulator struct {
	sums    []sums // per document
	lits    []sums // per touched document (touched[:len(lits)]), its literal sums
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
// query's (squared) weight matched, each in [0,1]; lit without the concept
// group, all with it (the same when the query has no concept features).
// Either is zero when it covers less than minQueryCover of the query. It
// returns how many of the query's words the index knows.
func (idx *index) search(feats []feature, visit func(d docInfo, lit, all similarity)) (known int) {
	var norms [numGroups]float32
	acc := idx.accPool.Get().(*accumulator)
	acc.found = acc.found[:0]
	for _, f := range feats {
		fid, ok := idx.lookup(f.hash)
		w := tfWeight(f.tf) * idx.maxIDF * unknownWeight
		if !ok && f.stop {
			continue // a function word the pack does not use is no content
		}
		if ok {
			w = tfWeight(f.tf) * idx.idf[fid]
			if f.key {
				known++
			}
			if idx.start[fid+1] > idx.start[fid] { // common features have no postings
				acc.found = append(acc.found, found{fid: fid, w: w, group: f.group})
			}
		}
		norms[f.group] += w * w
	}
	// The literal features first; then, when the query has concept
	// features, the literal sums of the documents reached so far are kept
	// aside and the concept features added on top.
	hasCon := false
	for _, q := range acc.found {
		hasCon = hasCon || q.group == groupConcept
	}
	for pass := 0; pass < 2 && (pass == 0 || hasCon); pass++ {
		for _, q := range acc.found {
			if (q.group == groupConcept) != (pass == 1) {
				continue
			}
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
		if pass == 0 && hasCon {
			acc.lits = acc.lits[:0]
			for _, d := range acc.touched {
				acc.lits = append(acc.lits, acc.sums[d])
			}
		}
	}
	for k, d := range acc.touched {
		s := acc.sums[d]
		var lit, all similarity
		if s.qcover >= minQueryCover {
			all = s.similarity()
		}
		if !hasCon {
			lit = all
		} else if k < len(acc.lits) && acc.lits[k].qcover >= minQueryCover {
			lit = acc.lits[k].similarity()
		}
		if lit.qcover > 0 || all.qcover > 0 {
			visit(idx.doc(d), lit, all)
		}
		acc.sums[d] = sums{}
	}
	acc.touched = acc.touched[:0]
	idx.accPool.Put(acc)
	return known
}

// postingWeights maps a quantised posting weight back: 8 bits on a
// square-root scale keep small weights (most of them) precise to a few
// per cent, at 3 bytes a posting instead of 4.
var postingWeights = func() (w [256]float32) {
	for q := range w {
		x := float32(q) / 255
		w[q] = x * x
	}
	return w
}()

// quantiseWeight is the inverse of postingWeights.
func quantiseWeight(w float32) uint8 {
	return uint8(float32(math.Sqrt(float64(min(max(w, 0), 1))))*255 + 0.5)
}

// lookup returns the id of a feature, if the index has it.
func (idx *index) lookup(hash uint64) (uint32, bool) {
	i, ok := slices.BinarySearch(idx.keys, hash)
	return uint32(i), ok
}

// doc returns document d.
func (idx *index) doc(d uint32) docInfo {
	v := int32(idx.docs[d] >> 2)
	return docInfo{variant: v, intent: idx.intents[v], kind: docKind(idx.docs[d] & 3)}
}

// similarity clamps the sums to [0,1].
func (p sums) similarity() similarity {
	return similarity{cos: min(p.score, 1), cover: min(p.cover, 1), qcover: min(p.qcover, 1)}
}

// accumulate adds one query feature's contributions to the documents that
// have it.
func accumulate[T uint16 | uint32](acc *accumulator, docs []T, ws []uint8, qw, inv, qc float32) {
	ws = ws[:len(docs)]
	for i, d := range docs {
		p := postingWeights[ws[i]]
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
		b.addWords(tokens, idx.stem, idx.alt, w, trigrams)
	}
}

// queryFeatures adds the features of a message's tokens to b for a search
// in this index, and in a word index the message's concept features
// (concepts; nil for none). A skeleton index is searched with Latin text,
// which needs no transliteration.
func (idx *index) queryFeatures(b *bag, tokens words, concepts []feature) {
	if idx.mode == modeWords {
		b.feats = append(b.feats, concepts...)
	}
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
