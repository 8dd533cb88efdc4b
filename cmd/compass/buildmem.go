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
// process at 232 MB instead of 330 MB for that pack, at some 5-10% more
// CPU time (4.5 times: 260 MB, about as fast as without a limit). It is
// lifted once the matcher is built; a limit set with GOMEMLIMIT is left
// alone.
const (
	buildMemoryFactor = 4         // times the heap after loading
	buildMemoryFloor  = 128 << 20 // bytes: small packs are never held back
)

// limitBuildMemory sets the limit for a build and returns the function
// that lifts it.
func limitBuildMemory() (lift func()) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return func() {} // GOMEMLIMIT
	}
	runtime.GC() // the heap after loading: the content, not the garbage of reading it
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	debug.SetMemoryLimit(max(int64(live[0].Value.Uint64())*buildMemoryFactor, buildMemoryFloor))
	return func() { debug.SetMemoryLimit(math.MaxInt64) }
}
