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
// its Changes channel receives a signal after each batch of committed
// content changes, and after the connection to the database came back
// (changes may have been missed meanwhile). The channel is closed when ctx
// ends. Signals are coalesced: a slow reader gets one, not a backlog.
func (s *DB) Watch(ctx context.Context) content.Watcher {
	w := &watcher{DB: s, changes: make(chan struct{}, 1)}
	l := pq.NewListener(s.url, minReconnect, maxReconnect, func(ev pq.ListenerEventType, err error) {
		switch ev {
		case pq.ListenerEventConnectionAttemptFailed, pq.ListenerEventDisconnected:
			s.logger.Warn("store: content listener lost the database; retrying with backoff", "event", eventName(ev), "err", err)
		case pq.ListenerEventReconnected:
			s.logger.Info("store: content listener reconnected")
		}
	})
	if err := l.Listen(NotifyChannel); err != nil {
		// pq queues the LISTEN and issues it once connected.
		s.logger.Warn("store: content listener will retry", "err", err)
	}
	go w.run(ctx, l)
	return w
}

type watcher struct {
	*DB
	changes chan struct{}
}

// Changes implements content.Watcher.
func (w *watcher) Changes() <-chan struct{} { return w.changes }

func (w *watcher) run(ctx context.Context, l *pq.Listener) {
	defer close(w.changes)
	defer l.Close()
	var fire <-chan time.Time // armed while a signal is pending
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	arm := func() {
		if fire == nil {
			fire = time.After(debounce)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.Notify:
			// A nil notification follows a reconnect: changes may have
			// been missed meanwhile, so it also means reload.
			arm()
		case <-fire:
			fire = nil
			select {
			case w.changes <- struct{}{}:
			default: // a signal is already waiting
			}
		case <-ping.C:
			go l.Ping()
		}
	}
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
