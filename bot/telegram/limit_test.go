package telegram

import (
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

func TestWindow_NeverMoreThanNInAnySpan(t *testing.T) {
	w := newWindow(3, time.Second)
	t0 := time.Unix(1000, 0)
	var grants []time.Time
	for i := 0; i < 10; i++ {
		grants = append(grants, w.reserve(t0))
	}
	for i := 0; i+3 < len(grants); i++ {
		if gap := grants[i+3].Sub(grants[i]); gap < time.Second {
			t.Errorf("grants %d and %d only %v apart: 4 in one second", i, i+3, gap)
		}
	}
	if !grants[2].Equal(t0) {
		t.Errorf("the first 3 grants should be immediate, third at %v", grants[2].Sub(t0))
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

// The fake server records when each message arrives; the adapter must
// stay within every limit however the updates come in.
func TestLimits_NeverExceeded(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds")
	}
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
