package eval

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/content/packfile"
)

// BenchmarkLoadAndIndexYAML measures what `compass ask --pack` does before
// it answers: read the synthetic pack of the scale target (2,000 intents
// × 25 languages) from YAML files and build the matcher. Besides time it
// reports peak-MB, the largest heap of live and not yet collected objects
// seen while loading and indexing (sampled every millisecond), and live-MB,
// the heap after a collection with pack and matcher alive. The whole
// process's peak RSS is measured with the command in docs/evaluation.md.
//
//	go test ./eval -run XXX -bench LoadAndIndexYAML -benchtime 1x
func BenchmarkLoadAndIndexYAML(b *testing.B) {
	dir := b.TempDir()
	// A pack of its own, not the shared synthPack: only what LoadDir reads
	// may stay alive.
	if err := packfile.Write(dir, SynthPack(synthIntents, synthLangs, synthSeed)); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.ResetTimer()
	var peak atomic.Uint64
	stop := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
		}
	}()
	var m any
	for i := 0; i < b.N; i++ {
		p, err := packfile.LoadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		if m, err = match.New(p); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	close(stop)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MB")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "live-MB")
	runtime.KeepAlive(m)
}
