package match

// params are the few numbers that shape scoring. They were tuned on the
// development split of the evaluation set (eval/testdata/dev.jsonl); see
// docs/understanding.md. Tests may change them to explore; production code
// only reads them.
type params struct {
	// Cover is the weight of the document coverage against the cosine in a
	// document's similarity: long messages that contain all of a short
	// example's words should still match it.
	Cover float32
	// QCover is the weight of the query coverage: a one-word message that
	// shares a word with a title should match it.
	QCover float32
	// Field is the weight of the best single field (title, example,
	// keyword) against the whole-intent document.
	Field float32
	// Foreign is the weight of the evidence from words in another script
	// than the message's, combined by noisy-OR.
	Foreign float32
	// Calibration: the confidence that the best candidate is right is
	// σ(A·s1 + B·(s1−s2) + C), fitted by logistic regression on dev.
	A, B, C float64
	// Threshold on the calibrated confidence: at or above it the matcher
	// answers, below it the engine says "not sure" and offers candidates.
	Threshold float64
}

var tuning = params{
	Cover:     0.2,
	QCover:    0.4,
	Field:     0.4,
	Foreign:   0.6,
	A:         7.9,
	B:         5.4,
	C:         -1.5,
	Threshold: 0.6,
}
