package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestLimitBuildMemory_SetsAndLiftsALimit(t *testing.T) {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Skip("GOMEMLIMIT is set")
	}
	lift := limitBuildMemory()
	if got := debug.SetMemoryLimit(-1); got < buildMemoryFloor || got == math.MaxInt64 {
		t.Errorf("limit during the build = %d, want at least %d", got, buildMemoryFloor)
	}
	lift()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit after the build = %d, want none", got)
	}
}

func TestLimitBuildMemory_LeavesGOMEMLIMITAlone(t *testing.T) {
	const user = 1 << 30
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(user))
	lift := limitBuildMemory()
	if got := debug.SetMemoryLimit(-1); got != user {
		t.Errorf("limit during the build = %d, want GOMEMLIMIT's %d", got, user)
	}
	lift()
	if got := debug.SetMemoryLimit(-1); got != user {
		t.Errorf("limit after the build = %d, want GOMEMLIMIT's %d", got, user)
	}
}
