package eval

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/compassbot/compass/content"
)

// Ranker is a baseline retrieval system: it ranks intents for a query by a
// raw score (larger is better, not calibrated) and knows nothing about
// languages or emergencies.
type Ranker interface {
	Rank(q content.Query, n int) ([]content.Candidate, error)
}

// Thresholded turns a Ranker into a content.Matcher: the best candidate is
// chosen when its raw score reaches Threshold, else the answer is a
// fallback. Errors are kept (the first one) for the caller to check.
type Thresholded struct {
	Ranker    Ranker
	Threshold float64

	mu  sync.Mutex
	err error
}

// Understand implements content.Matcher. Lang stays "": baselines do not
// resolve languages.
func (t *Thresholded) Understand(q content.Query) content.Understanding {
	cands, err := t.Ranker.Rank(q, 3)
	if err != nil {
		t.mu.Lock()
		if t.err == nil {
			t.err = err
		}
		t.mu.Unlock()
	}
	u := content.Understanding{Candidates: cands}
	u.Confident = len(cands) > 0 && cands[0].Score >= t.Threshold
	return u
}

// Err returns the first error the ranker returned, or nil.
func (t *Thresholded) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// TuneThreshold returns the threshold that maximises the number of right
// answers of r on cases (emergency lines left out: a ranker has no router),
// with the number of right answers. Ties go to the lowest threshold.
func TuneThreshold(r Ranker, cases []Case) (float64, int, error) {
	type point struct {
		score float64
		right bool // the top candidate is the expected intent
		want  bool // the line wants fallback
	}
	var pts []point
	for _, c := range cases {
		if c.Emergency {
			continue
		}
		cands, err := r.Rank(content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region}, 1)
		if err != nil {
			return 0, 0, err
		}
		p := point{want: c.wantsFallback()}
		if len(cands) > 0 {
			p.score, p.right = cands[0].Score, cands[0].Intent == c.Intent
		}
		pts = append(pts, p)
	}
	// Threshold t: a line is right if (score >= t and right) or
	// (score < t and want). Try every distinct score, and +Inf.
	sort.Slice(pts, func(i, j int) bool { return pts[i].score < pts[j].score })
	best, bestRight := 0.0, -1
	for i := 0; i <= len(pts); i++ {
		if i > 0 && i < len(pts) && pts[i].score == pts[i-1].score {
			continue
		}
		right := 0
		for j, p := range pts {
			if (j >= i && p.right) || (j < i && p.want) {
				right++
			}
		}
		t := 1e300
		if i < len(pts) {
			t = pts[i].score
		}
		if right > bestRight {
			best, bestRight = t, right
		}
	}
	return best, bestRight, nil
}

// Doc is the text of one intent variant in one language: title, examples,
// keywords and answer, the same texts the matcher indexes.
type Doc struct {
	Intent, Lang, Text string
}

// Docs returns one Doc per intent variant and translation of p.
func Docs(p *content.Pack) []Doc {
	var docs []Doc
	for _, in := range p.Intents {
		langs := make([]string, 0, len(in.Translations))
		for l := range in.Translations {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			tr := in.Translations[l]
			parts := append([]string{tr.Title}, tr.Examples...)
			parts = append(parts, tr.Keywords...)
			parts = append(parts, tr.Answer)
			docs = append(docs, Doc{Intent: in.ID, Lang: l, Text: strings.Join(parts, "\n")})
		}
	}
	return docs
}

// plainWords splits text into lower-cased words: runs of letters, marks and
// digits. It is the "plain" tokenisation of the baselines: no stemming, no
// script-specific normalisation.
func plainWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r)
	})
}

// bestPerIntent keeps the best score of each intent and returns the n best,
// best first, ties by intent id.
func bestPerIntent(scores map[string]float64, n int) []content.Candidate {
	out := make([]content.Candidate, 0, len(scores))
	for id, s := range scores {
		out = append(out, content.Candidate{Intent: id, Score: s})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Intent < out[j].Intent
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
