package match

import (
	"math"

	"github.com/compassbot/compass/content"
)

// calibrate turns raw similarities into calibrated scores: the best
// candidate gets the probability that it is right, σ(A·s1 + B·(s1−s2) + C)
// with A, B, C fitted on the development split; the others keep their
// ratio to the best, so the order never changes. The threshold in tuning
// applies to the best candidate's calibrated score.
func calibrate(cands []content.Candidate, s2 float64) []content.Candidate {
	if len(cands) == 0 {
		return cands
	}
	s1 := cands[0].Score
	p := confidence(s1, s2)
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

func confidence(s1, s2 float64) float64 {
	z := tuning.A*s1 + tuning.B*(s1-s2) + tuning.C
	return 1 / (1 + math.Exp(-z))
}
