package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// An editor's commit reaches a watcher, and Load then returns the new
// answer, while other goroutines keep loading.
func TestWatch_ReloadsAfterCommitWhileQueriesRun(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	w := db.Watch(ctx)
	editor := sqlConn(t, url)
	waitListening(t, editor)

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
		select {
		case <-w.Changes():
		case <-time.After(5 * time.Second):
			t.Fatalf("change %d: no signal within 5s of the commit", i)
		}
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

// waitListening waits until a session LISTENs on the content channel.
func waitListening(t testing.TB, conn interface {
	Get(dest any, query string, args ...any) error
}) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		if err := conn.Get(&n, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`); err == nil && n > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the watcher did not LISTEN within 5s")
}
