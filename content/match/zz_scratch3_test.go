package match_test

import (
	"os"
	"testing"

	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/eval"
)

func BenchmarkScratchSynthNew(b *testing.B) {
	if os.Getenv("SCRATCH") == "" {
		b.Skip()
	}
	p := eval.SynthPack(2000, 25, 1)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		match.New(p)
	}
}
