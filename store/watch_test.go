package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
)

// An editor's commit reaches a watcher, and Load then returns the new
// answer, while other goroutines keep loading.
func TestWatch_ReloadsAfterCommitWhileQueriesRun(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	w := startWatch(t, ctx, db)
	editor := sqlConn(t, url)

	// Readers load continuously meanwhile.
	var loads, failures atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := w.Load(context.Background()); err != nil {
					failures.Add(1)
				}
				loads.Add(1)
			}
		}()
	}

	for i, answer := range []string{"Call 1450 first.", "Ask your GP.", "Go to a Kassenarzt."} {
		mustExec(t, editor, `UPDATE translations SET answer = $1 WHERE intent = 'health.find_doctor' AND lang = 'en'`, answer)
		waitSignal(t, w, fmt.Sprintf("signal for change %d", i))
		p, err := w.Load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Intent("health.find_doctor", "at-graz").Translations["en"].Answer; got != answer {
			t.Fatalf("change %d: after the signal Load gives %q, want %q", i, got, answer)
		}
	}
	close(stop)
	wg.Wait()
	if failures.Load() > 0 {
		t.Errorf("%d of %d concurrent loads failed", failures.Load(), loads.Load())
	}

	cancel()
	select {
	case _, ok := <-w.Changes():
		for ok {
			_, ok = <-w.Changes()
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Changes not closed after the context ended")
	}
}

// startWatch starts watching and waits for the first signal, which says
// that the watcher listens.
func startWatch(t testing.TB, ctx context.Context, db *store.DB) content.Watcher {
	t.Helper()
	w := db.Watch(ctx)
	waitSignal(t, w, "the first signal (listening)")
	return w
}

func waitSignal(t testing.TB, w content.Watcher, what string) {
	t.Helper()
	select {
	case _, ok := <-w.Changes():
		if !ok {
			t.Fatalf("waiting for %s: Changes closed", what)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s within 10s", what)
	}
}
