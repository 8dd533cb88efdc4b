package match_test

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/eval"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func TestScratchScale(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	bp, _ := bundled.Load()
	c0 := cpu()
	for i := 0; i < 5; i++ {
		match.New(bp)
	}
	fmt.Println("bundled New cpu/op", (cpu()-c0)/5)
	p := eval.SynthPack(2000, 25, 1)
	qs := eval.SynthQueries(p, 2000, 2)
	h0 := heap()
	c0 = cpu()
	m, err := match.New(p)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("synth New cpu", cpu()-c0)
	fmt.Printf("synth heap delta %.1f MB\n", float64(heap()-h0)/1e6)
	var lat []time.Duration
	for _, q := range qs {
		c := cpu()
		s := time.Now()
		m.Understand(q)
		_ = c
		lat = append(lat, time.Since(s))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Println("synth latency p50", lat[len(lat)/2], "p99", lat[len(lat)*99/100])
	c0 = cpu()
	for _, q := range qs {
		m.Understand(q)
	}
	fmt.Println("synth cpu/query", (cpu()-c0)/time.Duration(len(qs)))
	runtime.KeepAlive(m)
}

func init() { match.SynthForScratch = func() *content.Pack { return eval.SynthPack(2000, 25, 1) } }
