package match

import (
	"math"

	"github.com/compassbot/compass/content"
)

// evidence is what the ranking knows about how good its best candidate
// is, in terms that do not depend on one pack.
type evidence struct {
	s1, s2 float64 // raw scores of the best and the second intent
	words  int     // number of words in the message
}

// features returns the calibration inputs; the last one is the constant
// (intercept).
func (e evidence) features() []float64 {
	n := math.Log(1 + float64(e.words))
	return []float64{e.s1, e.s1 - e.s2, e.s1 * n, n, 1}
}

// calibrate turns raw similarities into calibrated scores: the best
// candidate gets the probability that it is right, σ(w·features) with w
// fitted on the development sets (tuning.Calib); the others keep their
// ratio to the best, so the order never changes. The threshold in tuning
// applies to the best candidate's calibrated score.
func calibrate(cands []content.Candidate, ev evidence) []content.Candidate {
	if len(cands) == 0 {
		return cands
	}
	s1 := cands[0].Score
	p := sigmoid(dot(tuning.Calib, ev.features()))
	out := make([]content.Candidate, len(cands))
	for i, c := range cands {
		score := p
		if i > 0 && s1 > 0 {
			score = p * c.Score / s1
		}
		out[i] = content.Candidate{Intent: c.Intent, Score: round(score)}
	}
	for i := 1; i < len(out); i++ { // rounding must not reorder
		out[i].Score = math.Min(out[i].Score, out[i-1].Score)
	}
	return out
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// dot is the dot product of the common part of w and x.
func dot(w, x []float64) float64 {
	z := 0.0
	for i := range min(len(w), len(x)) {
		z += w[i] * x[i]
	}
	return z
}
