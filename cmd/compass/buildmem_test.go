package main

import (
	"math"
	"runtime"
	"testing"
)

// fakeLimit stands for the runtime's memory limit (debug.SetMemoryLimit),
// which is the whole process's: tests running engines meanwhile would
// change it under a test of the real one.
type fakeLimit struct{ limit int64 }

func (f *fakeLimit) set(v int64) int64 {
	old := f.limit
	if v >= 0 {
		f.limit = v
	}
	return old
}

func TestLimitMemory_SetsAndLiftsALimit(t *testing.T) {
	for _, tt := range []struct{ live, want int64 }{
		{60 << 20, 240 << 20},       // a large pack: four times its heap
		{1 << 20, buildMemoryFloor}, // a small one: the floor
	} {
		f := &fakeLimit{limit: math.MaxInt64}
		lift := limitMemory(f.set, func() int64 { return tt.live })
		if f.limit != tt.want {
			t.Errorf("heap %d: limit during the build = %d, want %d", tt.live, f.limit, tt.want)
		}
		lift()
		if f.limit != math.MaxInt64 {
			t.Errorf("heap %d: limit after the build = %d, want none", tt.live, f.limit)
		}
	}
}

func TestLimitMemory_LeavesGOMEMLIMITAlone(t *testing.T) {
	const user = 1 << 30
	f := &fakeLimit{limit: user}
	lift := limitMemory(f.set, func() int64 { return 60 << 20 })
	if f.limit != user {
		t.Errorf("limit during the build = %d, want GOMEMLIMIT's %d", f.limit, user)
	}
	lift()
	if f.limit != user {
		t.Errorf("limit after the build = %d, want GOMEMLIMIT's %d", f.limit, user)
	}
}

func TestLiveHeap_MeasuresTheHeap(t *testing.T) {
	keep := make([]byte, 8<<20)
	if got := liveHeap(); got < 8<<20 {
		t.Errorf("live heap %d with 8 MiB held", got)
	}
	runtime.KeepAlive(keep)
}
