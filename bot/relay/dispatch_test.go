package relay

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type item struct {
	key string
	n   int
}

func TestDispatcher_OrderPerKeyConcurrencyAcrossKeys(t *testing.T) {
	var mu sync.Mutex
	got := map[string][]int{}
	var running, peak atomic.Int32
	perKey := map[string]*atomic.Int32{"a": {}, "b": {}, "c": {}}
	d := NewDispatcher(DispatcherConfig[string, item]{
		Workers: 3, MaxPerKey: 100,
		Key: func(i item) string { return i.key },
		Run: func(i item) bool {
			if perKey[i.key].Add(1) > 1 {
				t.Errorf("two items of key %s ran at once", i.key)
			}
			n := running.Add(1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			perKey[i.key].Add(-1)
			mu.Lock()
			got[i.key] = append(got[i.key], i.n)
			mu.Unlock()
			return true
		},
	})
	for n := 0; n < 20; n++ {
		for _, k := range []string{"a", "b", "c"} {
			if !d.Submit(item{k, n}, false) {
				t.Fatalf("Submit refused item %s %d", k, n)
			}
		}
	}
	d.Close()
	for _, k := range []string{"a", "b", "c"} {
		if !slices.IsSorted(got[k]) || len(got[k]) != 20 {
			t.Errorf("key %s ran %v, want 0…19 in order", k, got[k])
		}
	}
	if peak.Load() < 2 {
		t.Errorf("at most %d items ran at once; different keys should run concurrently", peak.Load())
	}
	if d.Len() != 0 {
		t.Errorf("Len = %d after Close, want 0", d.Len())
	}
}

func TestDispatcher_ShedsAFloodWithOneNotice(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var ran, shed []int
	doneCount := 0
	d := NewDispatcher(DispatcherConfig[string, item]{
		Workers: 1, MaxPerKey: 2,
		Key: func(i item) string { return i.key },
		Run: func(i item) bool {
			<-release
			mu.Lock()
			ran = append(ran, i.n)
			mu.Unlock()
			return true
		},
		Shed: func(i item) { mu.Lock(); shed = append(shed, i.n); mu.Unlock() },
		Done: func(item, bool) { mu.Lock(); doneCount++; mu.Unlock() },
		Notice: func(i item) (item, bool) {
			return item{i.key, -1}, i.n == 2 // only the first shed item earns a notice
		},
	})
	for n := 0; n < 5; n++ {
		d.Submit(item{"flooder", n}, false)
	}
	close(release)
	d.Close()
	slices.Sort(shed)
	if !slices.Equal(ran, []int{0, 1, -1}) || !slices.Equal(shed, []int{2, 3, 4}) {
		t.Errorf("ran %v, shed %v; want the first two, then the notice, and 2–4 shed", ran, shed)
	}
	if doneCount != 6 {
		t.Errorf("Done called %d times, want 6 (5 items and the notice)", doneCount)
	}
}

func TestDispatcher_FullRefusesUnlessForcedAndClosedRefuses(t *testing.T) {
	release := make(chan struct{})
	d := NewDispatcher(DispatcherConfig[string, item]{
		Workers: 1, MaxQueued: 1,
		Key: func(i item) string { return i.key },
		Run: func(item) bool { <-release; return true },
	})
	if !d.Submit(item{"a", 1}, false) {
		t.Fatal("first item refused")
	}
	if d.Submit(item{"b", 1}, false) {
		t.Error("a full dispatcher took an unforced item")
	}
	if !d.Submit(item{"b", 2}, true) {
		t.Error("a full dispatcher refused a forced item")
	}
	close(release)
	d.Close()
	if d.Submit(item{"c", 1}, true) {
		t.Error("a closed dispatcher took an item")
	}
}

func TestDispatcher_DrainCancelsAtDeadline(t *testing.T) {
	stop := make(chan struct{})
	d := NewDispatcher(DispatcherConfig[string, item]{
		Key: func(i item) string { return i.key },
		Run: func(item) bool { <-stop; return false },
	})
	d.Submit(item{key: "a"}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	canceled := false
	err := d.Drain(ctx, func() { canceled = true; close(stop) })
	if !errors.Is(err, context.DeadlineExceeded) || !canceled || d.Len() != 0 {
		t.Errorf("Drain = %v, canceled %v, %d left; want deadline exceeded, canceled, 0 left", err, canceled, d.Len())
	}

	quick := NewDispatcher(DispatcherConfig[string, item]{Key: func(i item) string { return i.key }, Run: func(item) bool { return true }})
	quick.Submit(item{key: "a"}, false)
	if err := quick.Drain(context.Background(), func() { t.Error("cancel called without a deadline") }); err != nil {
		t.Errorf("Drain = %v; want nil", err)
	}
	if quick.Submit(item{key: "b"}, false) {
		t.Error("a drained dispatcher took an item")
	}
}
