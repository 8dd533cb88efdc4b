// Package match understands a person's message against a content pack: it
// resolves the language to answer in, routes emergencies before anything
// else, and ranks the pack's intents with calibrated scores in [0,1].
//
// New builds everything from the pack in memory (no training step); the
// returned Matcher is immutable and safe for concurrent use. Reloading
// content means building a new Matcher and swapping it atomically, which the
// engine does off the hot path.
//
// The pipeline for one message:
//
//  1. Emergency router: phrase lists in many languages, kept as data files
//     (data/emergency/<lang>.txt, each with a review status; a pack may add
//     its own), on normalised text, in any word order within a short
//     window, with typos, stems and Latin-typed Arabic, Persian and
//     Cyrillic (emergency*.go, data.go).
//  2. Language resolution: stored choice > explicit switch > script rules >
//     statistical detection (the pack's own vocabulary, then whatlanggo) >
//     platform hint > pack default (language.go, switch.go, script.go,
//     lexicon.go, detect.go).
//  3. Small talk (greetings, thanks, questions about the bot; data files
//     data/smalltalk/<lang>.txt) and region names in the message, which
//     pick the region to rank for (smalltalk.go, regions.go).
//  4. Matching: per-language inverted indices of word stems and character
//     trigrams, a transliteration skeleton index for Latin-typed Cyrillic and
//     Arabic-script text, and cross-language word evidence (build.go,
//     index.go, features.go, translit.go, stem.go, understand.go); function
//     words the pack does not use are not content (stopwords.go), and the
//     question sentence of a long story counts twice (question.go).
//  5. Calibration: the best score, its margin and the message's length
//     become a probability; one threshold, fitted on two development packs,
//     decides between an answer and "not sure", and close or nearly sure
//     candidates are asked back ("did you mean …?") (calibrate.go,
//     understand.go, params.go: every tuning number, with its origin).
//
// docs/understanding.md describes the design and the measurements.
//
// This package must not import anything outside content and its libraries:
// no database, no chat platform, no network.
package match
