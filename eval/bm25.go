package eval

import (
	"math"

	"github.com/compassbot/compass/content"
)

// BM25 parameters: the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// BM25 is the plain-word baseline: Okapi BM25 over one document per intent
// variant and language (see Docs), lower-cased words without stemming or
// normalisation, all languages in one index. An intent scores as its best
// document.
type BM25 struct {
	postings map[string][]posting
	docLen   []int
	intent   []string
	avgLen   float64
}

type posting struct {
	doc int32
	tf  int32
}

// NewBM25 indexes the documents.
func NewBM25(docs []Doc) *BM25 {
	b := &BM25{postings: map[string][]posting{}}
	total := 0
	for i, d := range docs {
		words := plainWords(d.Text)
		tf := map[string]int32{}
		for _, w := range words {
			tf[w]++
		}
		for w, n := range tf {
			b.postings[w] = append(b.postings[w], posting{doc: int32(i), tf: n})
		}
		b.docLen = append(b.docLen, len(words))
		b.intent = append(b.intent, d.Intent)
		total += len(words)
	}
	if len(docs) > 0 {
		b.avgLen = float64(total) / float64(len(docs))
	}
	return b
}

// Rank implements Ranker.
func (b *BM25) Rank(q content.Query, n int) ([]content.Candidate, error) {
	docScore := map[int32]float64{}
	seen := map[string]bool{}
	N := float64(len(b.docLen))
	for _, w := range plainWords(q.Text) {
		if seen[w] {
			continue
		}
		seen[w] = true
		ps := b.postings[w]
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1 + (N-df+0.5)/(df+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(b.docLen[p.doc])/b.avgLen)
			docScore[p.doc] += idf * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	scores := map[string]float64{}
	for d, s := range docScore {
		if id := b.intent[d]; s > scores[id] {
			scores[id] = s
		}
	}
	return bestPerIntent(scores, n), nil
}
