// Package eval measures how well compass understands people: it holds the
// evaluation set (testdata/dev.jsonl for tuning, testdata/test.jsonl for
// reporting), a harness that runs any content.Matcher over a split and
// reports top-1 accuracy per language and kind, fallback precision and
// recall and emergency recall, two baselines (plain word BM25 and
// PostgreSQL full-text search) and a synthetic pack generator for
// benchmarks.
//
// It only tests and measures: nothing in the bot imports it, and it must not
// grow code the bot needs. Run the evaluation with
//
//	go test ./eval -run Eval -v
//
// and see docs/evaluation.md for how the set was built.
package eval
