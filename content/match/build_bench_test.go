package match_test

import (
	"testing"

	"github.com/compassbot/compass/eval"
)

// BenchmarkNewSynthetic builds the matcher for the synthetic pack of the
// issue's targets (2,000 intents × 25 languages, eval.SynthPack). heap-MB
// is the heap in use afterwards with pack and matcher alive, index-MB the
// part the matcher adds (see eval.BuildBench).
//
//	go test ./content/match -run XXX -bench NewSynthetic -benchmem -cpuprofile cpu.out
func BenchmarkNewSynthetic(b *testing.B) {
	eval.BuildBench(b, eval.SynthPack(2000, 25, 1))
}
