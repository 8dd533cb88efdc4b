package telegram

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// An arrival window never has more than n requests in flight or answered
// within d, and serves urgent waiters first.
func TestArrivalWindow_CountsAnswersForAWholeWindow(t *testing.T) {
	w := newArrivalWindow(2, 200*time.Millisecond)
	ctx := context.Background()
	a, _ := w.acquire(ctx, false)
	b, _ := w.acquire(ctx, false)
	order := make(chan string, 3)
	started := make(chan struct{}, 3)
	for _, who := range []struct {
		name   string
		urgent bool
	}{{"ordinary", false}, {"urgent", true}} {
		go func() {
			started <- struct{}{}
			done, err := w.acquire(ctx, who.urgent)
			if err == nil {
				order <- who.name
				done()
			}
		}()
		<-started
		time.Sleep(20 * time.Millisecond) // the ordinary one queues first
	}
	time.Sleep(300 * time.Millisecond) // both places are in flight: nobody may start, however long
	if len(order) != 0 {
		t.Fatalf("%d started while 2 requests were in flight", len(order))
	}
	answered := time.Now()
	a()
	first := <-order
	if waited := time.Since(answered); waited < 190*time.Millisecond {
		t.Errorf("a place was given %v after an answer; the answer counts for 200ms", waited)
	}
	if first != "urgent" {
		t.Errorf("%s went first; the urgent one must", first)
	}
	b()
	<-order
	// Canceled while waiting: no place is kept.
	w.acquire(ctx, false)
	w.acquire(ctx, false)
	ctx2, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if _, err := w.acquire(ctx2, false); err == nil {
		t.Error("a request started while two were in flight")
	}
	if len(w.queue) != 0 || w.inflight != 2 {
		t.Errorf("after a canceled wait: %d waiting, %d in flight; want 0 and 2", len(w.queue), w.inflight)
	}
}

// countIn is the largest number of timestamps in any span shorter than d.
func countIn(ts []time.Time, d time.Duration) int {
	best := 0
	for i := range ts {
		n := 0
		for j := i; j < len(ts) && ts[j].Sub(ts[i]) < d; j++ {
			n++
		}
		best = max(best, n)
	}
	return best
}

// busyCPUs keeps every CPU busy until the test ends, as other processes
// do on a loaded machine: requests then start late and arrive late.
func busyCPUs(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := 0; ; x++ {
				if x%1024 == 0 {
					select {
					case <-stop:
						return
					default:
					}
				}
			}
		}()
	}
	t.Cleanup(func() { close(stop); wg.Wait() })
}

// The fake server records when each message arrives; the adapter must
// stay within every limit as Telegram sees it (arrival times), however
// the updates come in, also with every CPU busy. (This test failed on a
// loaded CI machine when the limiter counted the start of each request:
// requests that started late arrived closer together than allowed.)
func TestLimits_NeverExceeded(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	busyCPUs(t)
	srv := newFake(t)
	rec := &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "answer"}}, nil
	}}
	cfg := testConfig(srv, rec)
	limits := Limits{Global: 30, GlobalWindow: time.Second, PerChat: time.Second, ChatBurst: 3, Group: 5, GroupWindow: 2 * time.Second}
	cfg.Limits = limits
	cfg.Workers = 64
	var last int
	for c := int64(1); c <= 45; c++ { // 45 chats × 1 message: the global limit binds
		last = srv.AddUpdate(telegramtest.TextUpdate(c, c, "en", "hi"))
	}
	for i := 0; i < 5; i++ { // one chat writes 5 times: the per-chat limit binds
		last = srv.AddUpdate(telegramtest.TextUpdate(500, 500, "en", "again"))
	}
	for i := 0; i < 8; i++ { // a group: the group limit binds
		last = srv.AddUpdate(telegramtest.TextUpdate(-600, int64(600+i), "en", "group"))
	}
	a := newAdapter(t, cfg)
	stop := poll(t, a)
	waitFor(t, "all answered", 20*time.Second, confirmed(srv, last))
	stop()

	var all []time.Time
	perChat := map[int64][]time.Time{}
	for _, r := range srv.Messages() {
		all = append(all, r.At)
		perChat[r.ChatID] = append(perChat[r.ChatID], r.At)
	}
	if len(all) != 58 {
		t.Fatalf("%d messages sent, want 58", len(all))
	}
	if n := countIn(all, time.Second); n > limits.Global {
		t.Errorf("%d messages in one second overall, limit %d", n, limits.Global)
	}
	for chat, ts := range perChat {
		// token bucket: at most burst + d/PerChat messages in any span d
		for _, d := range []time.Duration{time.Second, 2 * time.Second, 3 * time.Second} {
			allowed := limits.ChatBurst + int(d/limits.PerChat)
			if n := countIn(ts, d); n > allowed {
				t.Errorf("chat %d: %d messages within %v, allowed %d", chat, n, d, allowed)
			}
		}
	}
	if n := countIn(perChat[-600], limits.GroupWindow); n > limits.Group {
		t.Errorf("group: %d messages within %v, limit %d", n, limits.GroupWindow, limits.Group)
	}
	if n := countIn(perChat[500], time.Second); n < 2 {
		t.Errorf("chat 500 got no burst (%d in a second): the limiter is stricter than it should be", n)
	}
}

// Emergency numbers jump the send queue: 90 people write, then one in
// danger. Telegram's 30-a-second limit makes the ordinary replies wait
// (the last about 3 s); the emergency reply goes out before most of
// those written earlier, also with only 4 workers (waiting replies give
// their worker up, so the emergency message is handled at once).
func TestLimits_EmergencyRepliesGoFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
	srv := newFake(t)
	rec := &recorder{reply: func(m bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "answer", Urgent: m.Text == "danger"}}, nil
	}}
	cfg := testConfig(srv, rec)
	cfg.Limits = DefaultLimits
	cfg.Workers = 4
	const before = 90
	for c := int64(1); c <= before; c++ {
		srv.AddUpdate(telegramtest.TextUpdate(c, c, "en", "hi"))
	}
	const danger = int64(4242)
	a := newAdapter(t, cfg)
	start := time.Now()
	stop := poll(t, a)
	// The first second's 30 replies are out; the other 60 wait.
	waitFor(t, "the first replies", 10*time.Second, func() bool { return len(srv.Messages()) >= 30 })
	last := srv.AddUpdate(telegramtest.TextUpdate(danger, danger, "en", "danger"))
	waitFor(t, "all answered", 30*time.Second, confirmed(srv, last))
	stop()
	ahead := -1
	var at time.Duration
	for i, m := range srv.Messages() {
		if m.ChatID == danger {
			ahead, at = i, m.At.Sub(start)
			break
		}
	}
	t.Logf("the emergency reply was sent after %d ordinary replies, %v after the start", ahead, at.Round(time.Millisecond))
	if ahead < 0 || ahead > 45 {
		t.Errorf("the emergency reply went out after %d of the %d ordinary replies written before it; it should jump the 60 waiting", ahead, before)
	}
}
