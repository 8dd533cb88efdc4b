package match_test

import (
	"runtime"
	"testing"

	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/eval"
)

// BenchmarkNewSynthetic builds the matcher for the synthetic pack of the
// issue's targets (2,000 intents × 25 languages, eval.SynthPack). heap-MB
// is the heap in use afterwards with pack and matcher alive, index-MB the
// part the matcher adds.
//
//	go test ./content/match -run XXX -bench NewSynthetic -benchmem -cpuprofile cpu.out
func BenchmarkNewSynthetic(b *testing.B) {
	p := eval.SynthPack(2000, 25, 1)
	before := heapInUse()
	b.ReportAllocs()
	b.ResetTimer()
	var m any
	for i := 0; i < b.N; i++ {
		var err error
		if m, err = match.New(p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	after := heapInUse()
	b.ReportMetric(after/(1<<20), "heap-MB")
	b.ReportMetric((after-before)/(1<<20), "index-MB")
	runtime.KeepAlive(m)
	runtime.KeepAlive(p)
}

func heapInUse() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse)
}
