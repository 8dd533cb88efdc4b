package main

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

// Of replicas that all run a job under one lock (the Discord inbox's
// keeper), one runs it at a time; when it stops, another takes over.
func TestWhileLocked_OneAtATimeAndTakeOver(t *testing.T) {
	url := storetest.NewDatabase(t)
	key := store.LockKey("test-job")
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	var running, most, runs, holder atomic.Int32
	runJob := func(ctx context.Context) error {
		runs.Add(1)
		if n := running.Add(1); n > most.Load() {
			most.Store(n)
		}
		<-ctx.Done()
		running.Add(-1)
		return nil
	}
	job := func(replica int32) func(context.Context) error {
		return func(ctx context.Context) error {
			holder.Store(replica)
			return runJob(ctx)
		}
	}
	var cancels []context.CancelFunc
	var dones []chan struct{}
	for i := range int32(2) {
		db, err := store.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { whileLocked(ctx, db, key, "runs the test job", logger, job(i)); close(done) }()
		cancels, dones = append(cancels, cancel), append(dones, done)
	}
	wait := func(cond func() bool) bool {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if cond() {
				return true
			}
		}
		return false
	}
	if !wait(func() bool { return running.Load() == 1 }) {
		t.Fatal("no replica runs the job")
	}
	time.Sleep(2 * leaderCheck) // the standby retries the lock meanwhile
	if most.Load() != 1 || runs.Load() != 1 {
		t.Fatalf("%d ran at once, %d runs; want one", most.Load(), runs.Load())
	}
	// The one that runs it stops: the other takes over.
	first := holder.Load()
	cancels[first]()
	<-dones[first]
	if !wait(func() bool { return running.Load() == 1 && holder.Load() == 1-first }) {
		t.Fatal("the other replica did not take the job over")
	}
	cancels[1-first]()
	<-dones[1-first]
	if most.Load() != 1 {
		t.Errorf("%d replicas ran the job at once", most.Load())
	}
}
