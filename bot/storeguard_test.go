package bot

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

// hangingSessions is a session store whose calls hang until release is
// closed, ignoring their context (a network that drops packets), while
// hang is set; otherwise it is a memory store.
type hangingSessions struct {
	content.SessionStore
	hang    atomic.Bool
	release chan struct{}
}

func (h *hangingSessions) wait() {
	if h.hang.Load() {
		<-h.release
	}
}

func (h *hangingSessions) Get(ctx context.Context, channel, user string) (content.Session, error) {
	h.wait()
	return h.SessionStore.Get(ctx, channel, user)
}

func (h *hangingSessions) Put(ctx context.Context, s content.Session) error {
	h.wait()
	return h.SessionStore.Put(ctx, s)
}

// TestHandle_HangingSessionStore: the probe held a lock on sessions and
// every answer waited as long as the lock (19.5 s). Now each session call
// has a deadline: the answer comes without the session within it, Health
// says the store is failing, and once the store answers again it is well.
func TestHandle_HangingSessionStore(t *testing.T) {
	store := &hangingSessions{SessionStore: NewMemorySessions(), release: make(chan struct{})}
	defer close(store.release)
	e := New(Config{Sessions: store, NewMatcher: newKeywordMatcher, StoreTimeout: 100 * time.Millisecond})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := e.Handle(ctx, Message{Channel: "t", UserID: "1", Payload: languagePayload("de").encode()}); err != nil {
		t.Fatal(err)
	}
	if err := e.Health(); err != nil {
		t.Fatalf("Health with a working store: %v", err)
	}

	store.hang.Store(true)
	start := time.Now()
	r, err := e.Handle(ctx, Message{Channel: "t", UserID: "1", Text: "meldezettel", LangHint: "de"})
	took := time.Since(start)
	if err != nil || len(r) == 0 || r[0].Title != "Wohnsitz anmelden (Meldezettel)" {
		t.Fatalf("answer with the store hanging: %+v, %v", r, err)
	}
	if took > time.Second { // a read and a write of 100 ms each, and the answer
		t.Errorf("answer took %v with a 100 ms store deadline", took)
	}
	if err := e.Health(); !errors.Is(err, ErrStoreTimeout) {
		t.Errorf("Health with the store hanging = %v, want ErrStoreTimeout", err)
	}

	store.hang.Store(false)
	if _, err := e.Handle(ctx, Message{Channel: "t", UserID: "2", Text: "meldezettel"}); err != nil {
		t.Fatal(err)
	}
	if err := e.Health(); err != nil {
		t.Errorf("Health after the store answered again: %v", err)
	}
}

// TestStoreHealth_Within: a call that answers in time passes its result
// through; not found is an answer, not a failure; a call that misses its
// deadline is given up on.
func TestStoreHealth_Within(t *testing.T) {
	h := &storeHealth{now: time.Now, timeout: 50 * time.Millisecond}
	ctx := context.Background()
	if err := h.within(ctx, h.timeout, func(context.Context) error { return content.ErrNotFound }); !errors.Is(err, content.ErrNotFound) || h.err() != nil {
		t.Errorf("not found: %v, health %v", err, h.err())
	}
	block := make(chan struct{})
	defer close(block)
	if err := h.within(ctx, h.timeout, func(context.Context) error { <-block; return nil }); !errors.Is(err, ErrStoreTimeout) || h.err() == nil {
		t.Errorf("hanging call: %v, health %v", err, h.err())
	}
	if err := h.within(ctx, h.timeout, func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }); err == nil {
		t.Error("a call that honours its deadline still fails")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	h.within(ctx, h.timeout, func(context.Context) error { return nil })
	if err := h.within(canceled, h.timeout, func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }); !errors.Is(err, context.Canceled) || h.err() != nil {
		t.Errorf("the caller's cancel: %v, health %v (not the store's fault)", err, h.err())
	}
}
