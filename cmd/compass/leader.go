package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/store"
)

// whileLocked runs fn while this replica holds the advisory lock key, so
// that of several replicas on one database one runs it at a time (what
// says what it does, for the log: "keeps the Discord inbox channel"). When
// the holder dies its connection closes, PostgreSQL releases the lock and
// a standby takes over within about leaderCheck; a holder whose database
// connection breaks stops fn and stands by. It returns when ctx ends.
func whileLocked(ctx context.Context, db *store.DB, key int64, what string, logger *slog.Logger, fn func(context.Context) error) {
	standing := false
	for {
		lock, ok, err := db.TryLock(ctx, key)
		if ctx.Err() != nil {
			if ok {
				lock.Unlock()
			}
			return
		}
		if err != nil || !ok {
			if err != nil {
				logger.Warn("compass serve: could not try a replica lock", "job", what, "err", err)
			} else if !standing {
				logger.Info("compass serve: another replica "+what+"; standing by", "job", what)
			}
			standing = true
			if relay.Sleep(ctx, leaderCheck) != nil {
				return
			}
			continue
		}
		standing = false
		logger.Info("compass serve: this replica "+what, "job", what)
		err = runWhileHeld(ctx, lock, fn)
		lock.Unlock()
		if ctx.Err() != nil {
			return
		}
		logger.Warn("compass serve: stopped; standing by", "job", what, "err", err)
		if relay.Sleep(ctx, leaderCheck) != nil {
			return
		}
	}
}

// runWhileHeld runs fn until ctx ends or the lock is lost (its connection
// no longer answers; checked every leaderCheck).
func runWhileHeld(ctx context.Context, lock *store.Lock, fn func(context.Context) error) error {
	heldCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		t := time.NewTicker(leaderCheck)
		defer t.Stop()
		for {
			select {
			case <-heldCtx.Done():
				return
			case <-t.C:
			}
			check, cancel := context.WithTimeout(heldCtx, leaderCheck)
			held := lock.Held(check)
			cancel()
			if !held && heldCtx.Err() == nil {
				stop()
				return
			}
		}
	}()
	return fn(heldCtx)
}
