package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// While the matcher is built the heap holds the pack, the finished
// indices, the ones being built and the garbage of building them; with the
// collector's default pacing the process grows to about twice its live
// heap (400 MB for the 43 MB pack of the scale target, docs/understanding.md).
// A soft memory limit for the build, four times the heap the loaded
// content takes (the build's live heap peaks near 2.7 times it), keeps the
// process at 226 MB instead of some 310 MB for that pack, at a cost in CPU
// time within the noise of our measurements. It is lifted once the matcher
// is built; a limit set with GOMEMLIMIT is left alone.
const (
	buildMemoryFactor = 4         // times the heap after loading
	buildMemoryFloor  = 128 << 20 // bytes: small packs are never held back
)

// limitBuildMemory sets the limit for a build and returns the function
// that lifts it.
func limitBuildMemory() (lift func()) {
	return limitMemory(debug.SetMemoryLimit, liveHeap)
}

// limitMemory is limitBuildMemory with the runtime's limit setter
// (debug.SetMemoryLimit) and the live heap's measure given.
func limitMemory(setLimit func(int64) int64, live func() int64) (lift func()) {
	if setLimit(-1) != math.MaxInt64 {
		return func() {} // GOMEMLIMIT
	}
	setLimit(max(live()*buildMemoryFactor, buildMemoryFloor))
	return func() { setLimit(math.MaxInt64) }
}

// liveHeap collects and returns the live heap: after loading, the content,
// not the garbage of reading it.
func liveHeap() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}
