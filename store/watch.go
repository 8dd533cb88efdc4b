package store

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// NotifyChannel is the PostgreSQL notification channel on which the
// triggers announce content changes.
const NotifyChannel = "compass_content"

// Tuning of Watch: bursts of notifications closer than debounce are folded
// into one signal; reconnects back off from minReconnect to maxReconnect;
// pingEvery checks a quiet connection.
const (
	debounce     = 50 * time.Millisecond
	minReconnect = 200 * time.Millisecond
	maxReconnect = 30 * time.Second
	pingEvery    = 60 * time.Second
)

// Watch returns a content.Watcher over the database. Its Load is s.Load;
// its Changes channel receives a signal once listening has started (so a
// caller that loaded before calling Watch misses nothing), after each batch
// of committed content changes, and after the connection to the database
// came back (changes may have been missed meanwhile) — each time only if
// the content version moved since the last signal, or at first since the
// last Load before Watch (a database without content versions always
// signals). The channel is
// closed when ctx ends. Signals are coalesced: a slow reader gets one, not
// a backlog. Watch does not block, even when the database is down.
func (s *DB) Watch(ctx context.Context) content.Watcher {
	w := &watcher{DB: s, changes: make(chan struct{}, 1), signalled: s.loaded.Load()}
	go w.run(ctx, s.newListener("content"))
	return w
}

// newListener makes a listener on a connection of its own that reconnects
// with backoff and logs it; what names it in the logs ("content").
func (s *DB) newListener(what string) *pq.Listener {
	return pq.NewListener(s.url, minReconnect, maxReconnect, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventConnectionAttemptFailed, pq.ListenerEventDisconnected:
			s.logger.Warn("store: "+what+" listener lost the database; retrying with backoff", "event", eventName(ev), "err", err)
		case pq.ListenerEventReconnected:
			s.logger.Info("store: " + what + " listener reconnected")
		}
	})
}

type watcher struct {
	*DB
	changes   chan struct{}
	signalled int64 // content version of the last signal; -1: unknown (run's own)
}

// Changes implements content.Watcher.
func (w *watcher) Changes() <-chan struct{} { return w.changes }

func (w *watcher) run(ctx context.Context, l *pq.Listener) {
	defer close(w.changes)
	stop := context.AfterFunc(ctx, func() { l.Close() }) // also ends a waiting Listen
	defer stop()
	defer l.Close()
	// Listen waits until the database answers.
	if err := l.Listen(NotifyChannel); err != nil {
		if ctx.Err() == nil {
			w.logger.Error("store: cannot listen for content changes; live reload is off", "err", err)
		}
		return
	}
	var fire <-chan time.Time // armed while a signal is pending
	arm := func() {
		if fire == nil {
			fire = time.After(debounce)
		}
	}
	arm() // changes made before LISTEN
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-l.Notify:
			if !ok {
				return
			}
			// A nil notification follows a reconnect: changes may have
			// been missed meanwhile, so it also means reload.
			arm()
		case <-fire:
			fire = nil
			if w.unchanged(ctx) {
				continue
			}
			select {
			case w.changes <- struct{}{}:
			default: // a signal is already waiting
			}
		case <-ping.C:
			go l.Ping()
		}
	}
}

// versionTimeout bounds the look at the content version.
const versionTimeout = 2 * time.Second

// unchanged reports whether the content is still the version the last
// signal was for (at first: the version the last Load before Watch read),
// so that a reconnect, or the start of listening, reloads nothing when
// nothing changed; otherwise it remembers the version it will signal for.
// When it cannot tell it says no: a reload too many is better than a
// change missed.
func (w *watcher) unchanged(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, versionTimeout)
	defer cancel()
	v, err := readContentVersion(ctx, w.db)
	if err != nil || v < 0 {
		w.signalled = -1
		return false
	}
	if v == w.signalled {
		w.logger.Debug("store: content unchanged; no reload", "version", v)
		return true
	}
	w.signalled = v
	return false
}

func eventName(ev pq.ListenerEventType) string {
	switch ev {
	case pq.ListenerEventConnected:
		return "connected"
	case pq.ListenerEventDisconnected:
		return "disconnected"
	case pq.ListenerEventReconnected:
		return "reconnected"
	case pq.ListenerEventConnectionAttemptFailed:
		return "connection attempt failed"
	}
	return "unknown"
}
