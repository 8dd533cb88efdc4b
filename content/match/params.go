package match

// params are the few numbers that shape scoring. They were tuned on the two
// development sets only (the Austrian dev split eval/testdata/dev.jsonl and
// the Budapest pack in testdata/devpack2; see TestDevTune and
// docs/understanding.md). Tests may change them to explore; production code
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
	// AnswerSentence is the weight of the best matching sentence of an
	// intent's answer, combined with the question evidence by noisy-OR.
	AnswerSentence float32
	// Calib are the weights of the calibration: the confidence that the
	// best candidate is right is σ(Calib·evidence.features()), fitted by
	// logistic regression on the development sets.
	Calib []float64
	// Threshold on the calibrated confidence: at or above it the matcher
	// answers, below it the engine says "not sure" and offers candidates.
	Threshold float64
	// AskRatio: a confident best candidate whose second is at least this
	// share of its score is not answered; the engine asks "did you mean
	// …?" with both.
	AskRatio float64
	// AskSure: a best candidate at or above this confidence is answered
	// even when the second is close.
	AskSure float64
	// AskFloor: a best candidate below Threshold but at or above AskFloor
	// is offered as "did you mean …?" rather than "not sure".
	AskFloor float64
}

var tuning = params{
	Cover:          0.3,
	QCover:         0.3,
	Field:          0.3,
	Foreign:        0.6,
	AnswerSentence: 0,
	Calib:          []float64{4.13, 5.21, 2.08, 0.18, -2.16},
	Threshold:      0.45,
	AskRatio:       0.8,
	AskSure:        0.8,
	AskFloor:       0.35,
}

// weightAltStem is the weight of a word's second stem (altStemmerFor)
// against its main stem.
const weightAltStem = 0.5
