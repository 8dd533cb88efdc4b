package eval

import (
	"runtime"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/match"
)

// BuildBench is the body of a benchmark of match.New on p, shared by
// content/match and this package. Besides time and allocations it reports
// heap-MB, the heap in use after the build with pack and matcher alive,
// and index-MB, the part the matcher added. It returns the last matcher
// built.
func BuildBench(b *testing.B, p *content.Pack) content.Matcher {
	b.ReportAllocs()
	before := heapInUse()
	b.ResetTimer()
	var m content.Matcher
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
	runtime.KeepAlive(p)
	return m
}

func heapInUse() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse)
}
