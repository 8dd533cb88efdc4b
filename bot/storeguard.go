package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/compassbot/compass/content"
)

// Deadlines of the store calls made while answering a message: a database
// that hangs (a lock held, a proxy that stopped forwarding) must not hold
// the answer back. A read that does not return in time is given up on (the
// message is answered without the session, as when the store is down); a
// session write is left to finish on its own. Writes that a person waits
// to see confirmed (forgetting them, submitting a ticket) get the longer
// deadline through their context only, so that the database either did it
// or did not, and the person is told which.
const (
	DefaultStoreTimeout = 400 * time.Millisecond // reading and saving a session, reading the active ticket
	storeWriteTimeout   = 2 * time.Second        // deleting a session, ticket steps
)

// ErrStoreTimeout is returned for a store call given up on at its deadline.
var ErrStoreTimeout = errors.New("store did not answer in time")

// storeHealth remembers how the last call on the answer path went.
type storeHealth struct {
	mu      sync.Mutex
	failed  error     // the last call's error; nil when it worked
	since   time.Time // first failure of the current run of failures
	now     func() time.Time
	timeout time.Duration
	onFail  func() // told of every failed call (Observer.StoreFailed)
}

// record notes the outcome of one call. Not found is an answer.
func (h *storeHealth) record(err error) {
	if errors.Is(err, content.ErrNotFound) || errors.Is(err, context.Canceled) {
		err = nil // the person's own cancel says nothing about the store
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if err != nil && h.onFail != nil {
		h.onFail()
	}
	if err != nil && h.failed == nil {
		h.since = h.now()
	}
	h.failed = err
}

// err is nil while the last call worked.
func (h *storeHealth) err() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failed == nil {
		return nil
	}
	return fmt.Errorf("session store failing since %s: %w", h.since.UTC().Format(time.RFC3339), h.failed)
}

// within runs fn with a deadline of d and returns at the deadline even if
// fn does not (a driver that ignores its context, a network that drops
// packets); fn then finishes in the background.
func (h *storeHealth) within(parent context.Context, d time.Duration, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, d)
	done := make(chan error, 1)
	go func() {
		defer cancel()
		done <- fn(ctx)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		select {
		case err = <-done: // it did answer, just now
		default:
			err = fmt.Errorf("%w (%v)", ErrStoreTimeout, d)
			if parent.Err() != nil {
				err = parent.Err()
			}
		}
	}
	h.record(err)
	return err
}

// guardedSessions gives every call of a SessionStore its deadline.
type guardedSessions struct {
	inner  content.SessionStore
	health *storeHealth
}

// read is within for a read on the answer path (deadline h.timeout): its
// value, or the zero value when it failed or was given up on.
func read[T any](ctx context.Context, h *storeHealth, fn func(context.Context) (T, error)) (T, error) {
	var v T
	err := h.within(ctx, h.timeout, func(ctx context.Context) error {
		got, err := fn(ctx)
		v = got
		return err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

func (g guardedSessions) Get(ctx context.Context, channel, userID string) (content.Session, error) {
	return read(ctx, g.health, func(ctx context.Context) (content.Session, error) { return g.inner.Get(ctx, channel, userID) })
}

func (g guardedSessions) Put(ctx context.Context, s content.Session) error {
	return g.health.within(ctx, g.health.timeout, func(ctx context.Context) error { return g.inner.Put(ctx, s) })
}

func (g guardedSessions) Delete(ctx context.Context, channel, userID string) error {
	ctx, cancel := context.WithTimeout(ctx, storeWriteTimeout)
	defer cancel()
	err := g.inner.Delete(ctx, channel, userID)
	g.health.record(err)
	return err
}

// guardedTickets gives the ticket calls made while answering a message
// their deadlines; the volunteers' side (lists, deliveries) is unchanged.
type guardedTickets struct {
	content.TicketStore
	health *storeHealth
}

func (g guardedTickets) Active(ctx context.Context, channel, userID string) (content.Ticket, error) {
	return read(ctx, g.health, func(ctx context.Context) (content.Ticket, error) { return g.TicketStore.Active(ctx, channel, userID) })
}

func (g guardedTickets) SaveDraft(ctx context.Context, t content.Ticket) (content.Ticket, error) {
	ctx, cancel := context.WithTimeout(ctx, storeWriteTimeout)
	defer cancel()
	return g.TicketStore.SaveDraft(ctx, t)
}

func (g guardedTickets) Act(ctx context.Context, number int64, a content.TicketAction, who string, now time.Time, msg *content.TicketMessage, out *content.Delivery) (content.Ticket, error) {
	ctx, cancel := context.WithTimeout(ctx, storeWriteTimeout)
	defer cancel()
	return g.TicketStore.Act(ctx, number, a, who, now, msg, out)
}

func (g guardedTickets) DeleteDraft(ctx context.Context, number int64) error {
	ctx, cancel := context.WithTimeout(ctx, storeWriteTimeout)
	defer cancel()
	return g.TicketStore.DeleteDraft(ctx, number)
}

// Health reports whether the session store answered the last call made
// while answering a message (in time): nil when it did, else what went
// wrong and since when. Readiness checks show it as "degraded": the bot
// still answers, without remembering choices.
func (e *Engine) Health() error { return e.health.err() }
