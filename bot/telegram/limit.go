package telegram

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/compassbot/compass/bot/relay"
)

// Limits bound how fast the bot sends messages. The zero value means
// DefaultLimits; set Off to send as fast as the server answers (tests and
// benchmarks against the fake server only).
type Limits struct {
	Off          bool
	Global       int           // messages per GlobalWindow over all chats
	GlobalWindow time.Duration //
	PerChat      time.Duration // one message per PerChat in one chat, on average
	ChatBurst    int           // messages one chat may get back to back
	Group        int           // messages per GroupWindow to one group
	GroupWindow  time.Duration //
}

// DefaultLimits are Telegram's published limits: about 30 messages a second
// overall, one a second per chat (short bursts tolerated) and 20 a minute
// per group.
var DefaultLimits = Limits{
	Global: 30, GlobalWindow: time.Second,
	PerChat: time.Second, ChatBurst: 3,
	Group: 20, GroupWindow: time.Minute,
}

// limitMargin is added to every window: Telegram measures arrival times,
// and two requests sent a full window apart may arrive closer together.
const limitMargin = 30 * time.Millisecond

// limiter makes senders wait for their turn. A message must pass the chat's
// token bucket, the group's sliding window (for groups) and the global
// sliding window, in that order.
type limiter struct {
	limits Limits
	global *window

	mu    sync.Mutex
	chats map[int64]*chatLimit
	calls int
}

type chatLimit struct {
	bucket *rate.Limiter
	group  *window // nil for private chats
	last   time.Time
}

func newLimiter(l Limits) *limiter {
	if l == (Limits{}) {
		l = DefaultLimits
	}
	lim := &limiter{limits: l, chats: map[int64]*chatLimit{}}
	if !l.Off {
		lim.global = newWindow(l.Global, l.GlobalWindow)
	}
	return lim
}

// wait blocks until a message to chatID may be sent, or ctx ends.
func (l *limiter) wait(ctx context.Context, chatID int64, group bool) error {
	if l.limits.Off {
		return nil
	}
	c := l.chat(chatID, group)
	if err := c.bucket.Wait(ctx); err != nil {
		return err
	}
	if c.group != nil {
		if err := sleepUntil(ctx, c.group.reserve(time.Now())); err != nil {
			return err
		}
	}
	return sleepUntil(ctx, l.global.reserve(time.Now()))
}

func (l *limiter) chat(chatID int64, group bool) *chatLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.calls++
	if l.calls%4096 == 0 {
		l.forgetIdle(now)
	}
	c := l.chats[chatID]
	if c == nil {
		burst := max(l.limits.ChatBurst, 1)
		c = &chatLimit{bucket: rate.NewLimiter(rate.Every(l.limits.PerChat+limitMargin), burst)}
		l.chats[chatID] = c
	}
	if group && c.group == nil && l.limits.Group > 0 {
		c.group = newWindow(l.limits.Group, l.limits.GroupWindow)
	}
	c.last = now
	return c
}

// forgetIdle drops chats that have been quiet longer than every window, so
// the map does not grow with every chat ever seen.
func (l *limiter) forgetIdle(now time.Time) {
	idle := 2 * max(l.limits.GroupWindow, l.limits.PerChat*time.Duration(max(l.limits.ChatBurst, 1)))
	for id, c := range l.chats {
		if now.Sub(c.last) > idle {
			delete(l.chats, id)
		}
	}
}

// window is a sliding-window log: at most n grants in any span shorter
// than d. Grants are handed out as reservations, possibly in the future.
type window struct {
	mu    sync.Mutex
	d     time.Duration
	slots []time.Time // the last n grants, oldest at head
	head  int
}

func newWindow(n int, d time.Duration) *window {
	return &window{d: d + limitMargin, slots: make([]time.Time, max(n, 1))}
}

// reserve returns the earliest time at or after now when one more event
// keeps the window's promise, and books it.
func (w *window) reserve(now time.Time) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	t := now
	if oldest := w.slots[w.head]; !oldest.IsZero() && oldest.Add(w.d).After(t) {
		t = oldest.Add(w.d)
	}
	if newest := w.slots[(w.head+len(w.slots)-1)%len(w.slots)]; newest.After(t) {
		t = newest
	}
	w.slots[w.head] = t
	w.head = (w.head + 1) % len(w.slots)
	return t
}

// sleepUntil waits until t or until ctx ends.
func sleepUntil(ctx context.Context, t time.Time) error {
	return relay.Sleep(ctx, time.Until(t))
}
