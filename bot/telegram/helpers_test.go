package telegram

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

const testToken = "123456:TEST-token_abc"

// recorder is a bot.Handler that records what it is asked and answers with
// reply (default: one short text echoing the kind of message).
type recorder struct {
	mu    sync.Mutex
	msgs  []bot.Message
	reply func(bot.Message) ([]bot.Reply, error)
	delay time.Duration
}

func (r *recorder) Handle(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	if r.delay > 0 {
		select {
		case <-time.After(r.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	r.mu.Lock()
	r.msgs = append(r.msgs, m)
	r.mu.Unlock()
	if r.reply != nil {
		return r.reply(m)
	}
	return []bot.Reply{{Text: "got: " + m.Text + m.Payload}}, nil
}

func (r *recorder) messages() []bot.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]bot.Message(nil), r.msgs...)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// testConfig is a config against the fake server with limits off and
// fast retries.
func testConfig(srv *telegramtest.Server, h bot.Handler) Config {
	return Config{
		Token: testToken, APIURL: srv.URL, Handler: h, Logger: quietLogger(),
		Limits: Limits{Off: true}, PollTimeout: time.Second, DrainTimeout: 5 * time.Second,
		Backoff: func(int) time.Duration { return 10 * time.Millisecond },
	}
}

func newAdapter(t testing.TB, cfg Config) *Adapter {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

// poll runs a.Poll until the returned stop function is called; stop waits
// for Poll to return.
func poll(t testing.TB, a *Adapter) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Poll(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Poll: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// confirmed reports whether the fake server has been told every update up
// to lastID is handled.
func confirmed(srv *telegramtest.Server, lastID int) func() bool {
	return func() bool { return srv.Confirmed() > lastID }
}

func newFake(t testing.TB) *telegramtest.Server {
	srv := telegramtest.NewServer(testToken)
	t.Cleanup(srv.Close)
	return srv
}
