package telegram

import (
	"context"
	"sync"
	"time"

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

// limiter keeps every limit as Telegram sees it: Telegram counts messages
// when they ARRIVE, and a request arrives some time after it was started
// (late, when the machine is busy or the network slow) but before its
// answer comes back. So a sent message counts against a limit from its
// start until a full window after its answer: a limit of n in any window
// d lets a message start only while fewer than n others are in flight or
// were answered less than d ago (arrivalWindow). Then no n+1 arrivals fit
// in one window however late each one arrives (a measurement at the start
// of a request, as the old limiter did, let 32 arrive in one second under
// load). Per chat, sends are made one at a time, and a burst-tolerant rate
// (GCRA) is charged with each answer's time.
//
// Waiting messages are served urgent first (emergency numbers: bot.Reply's
// Urgent), then in order.
type limiter struct {
	limits Limits
	global *arrivalWindow

	mu    sync.Mutex
	chats map[int64]*chatLimit
	calls int
}

type chatLimit struct {
	turn  chan struct{}  // held while one message of the chat is sent
	tat   time.Time      // GCRA: theoretical arrival time of the next message
	group *arrivalWindow // nil for private chats
	last  time.Time
	users int // senders holding or waiting for turn (guarded by limiter.mu)
}

func newLimiter(l Limits) *limiter {
	if l == (Limits{}) {
		l = DefaultLimits
	}
	lim := &limiter{limits: l, chats: map[int64]*chatLimit{}}
	if !l.Off {
		lim.global = newArrivalWindow(l.Global, l.GlobalWindow)
	}
	return lim
}

// permit is one message allowed to be sent; done must be called once its
// request has been answered (or failed).
type permit struct {
	l      *limiter
	c      *chatLimit
	global func()
	group  func()
}

// acquire waits until a message to chatID may be sent, or until ctx ends.
// It reports how long it waited.
func (l *limiter) acquire(ctx context.Context, chatID int64, group, urgent bool) (*permit, time.Duration, error) {
	if l.limits.Off {
		return &permit{}, 0, nil
	}
	start := time.Now()
	c := l.chat(chatID, group)
	p := &permit{l: l, c: c}
	select {
	case c.turn <- struct{}{}:
	case <-ctx.Done():
		l.leave(c)
		return nil, time.Since(start), ctx.Err()
	}
	fail := func(err error) (*permit, time.Duration, error) {
		p.done()
		return nil, time.Since(start), err
	}
	// GCRA with emission interval PerChat and ChatBurst messages back to
	// back: a message may start once tat - (burst-1)·PerChat has passed.
	burst := time.Duration(max(l.limits.ChatBurst, 1) - 1)
	if err := relay.Sleep(ctx, time.Until(c.tat.Add(-burst*l.limits.PerChat))); err != nil {
		return fail(err)
	}
	var err error
	if c.group != nil {
		if p.group, err = c.group.acquire(ctx, urgent); err != nil {
			return fail(err)
		}
	}
	if p.global, err = l.global.acquire(ctx, urgent); err != nil {
		return fail(err)
	}
	return p, time.Since(start), nil
}

// done records that the message's request was answered now: from now on
// it counts as arrived, for a full window.
func (p *permit) done() {
	if p.c == nil {
		return
	}
	now := time.Now()
	if p.global != nil {
		p.global()
	}
	if p.group != nil {
		p.group()
	}
	p.c.tat = later(p.c.tat, now).Add(p.l.limits.PerChat)
	<-p.c.turn
	p.l.leave(p.c)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
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
		c = &chatLimit{turn: make(chan struct{}, 1)}
		l.chats[chatID] = c
	}
	if group && c.group == nil && l.limits.Group > 0 {
		c.group = newArrivalWindow(l.limits.Group, l.limits.GroupWindow)
	}
	c.last = now
	c.users++
	return c
}

func (l *limiter) leave(c *chatLimit) {
	l.mu.Lock()
	c.users--
	l.mu.Unlock()
}

// forgetIdle drops chats that nobody is sending to and that have been
// quiet longer than every window, so the map does not grow with every chat
// ever seen.
func (l *limiter) forgetIdle(now time.Time) {
	idle := 2 * max(l.limits.GroupWindow, l.limits.PerChat*time.Duration(max(l.limits.ChatBurst, 1)))
	for id, c := range l.chats {
		if c.users == 0 && now.Sub(c.last) > idle {
			delete(l.chats, id)
		}
	}
}

// arrivalWindow admits at most n requests whose arrival may fall in any
// span shorter than d: a request may start only while fewer than n others
// are in flight or were answered less than d ago. (Suppose n+1 arrived
// within d; the one of them started last started after the n others, each
// of which arrived, so was answered, less than d before its arrival, and
// so less than d before that start, or was still in flight: it could not
// have started.) Waiters are admitted urgent first, then in order.
type arrivalWindow struct {
	n int
	d time.Duration

	mu       sync.Mutex
	inflight int
	ends     []time.Time // answers of the last d, oldest first
	queue    []*waiter   // urgent ones first, each kind in order
	urgent   int         // urgent waiters at the head of queue
	timer    *time.Timer
}

type waiter struct {
	urgent  bool
	ready   chan struct{}
	granted bool
}

func newArrivalWindow(n int, d time.Duration) *arrivalWindow {
	return &arrivalWindow{n: max(n, 1), d: d}
}

// acquire waits for a place in the window, or until ctx ends. The
// returned function records the request's answer; call it exactly once.
func (w *arrivalWindow) acquire(ctx context.Context, urgent bool) (func(), error) {
	wt := &waiter{urgent: urgent, ready: make(chan struct{})}
	w.mu.Lock()
	if urgent {
		w.queue = append(w.queue, nil)
		copy(w.queue[w.urgent+1:], w.queue[w.urgent:])
		w.queue[w.urgent] = wt
		w.urgent++
	} else {
		w.queue = append(w.queue, wt)
	}
	w.admit(time.Now())
	w.mu.Unlock()
	select {
	case <-wt.ready:
		return w.answered, nil
	case <-ctx.Done():
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if wt.granted { // admitted meanwhile: give the place back (as if sent now)
		w.inflight--
		w.ends = append(w.ends, time.Now())
		w.admit(time.Now())
		return nil, ctx.Err()
	}
	for i, q := range w.queue {
		if q == wt {
			w.queue = append(w.queue[:i], w.queue[i+1:]...)
			if i < w.urgent {
				w.urgent--
			}
			break
		}
	}
	return nil, ctx.Err()
}

// answered records a request's answer.
func (w *arrivalWindow) answered() {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := time.Now()
	w.inflight--
	w.ends = append(w.ends, now)
	w.admit(now)
}

// admit lets waiters start while the window has room, and sets a timer
// for when the oldest answer leaves it. Called with w.mu held.
func (w *arrivalWindow) admit(now time.Time) {
	drop := 0
	for drop < len(w.ends) && !w.ends[drop].After(now.Add(-w.d)) {
		drop++
	}
	w.ends = w.ends[drop:]
	for len(w.queue) > 0 && w.inflight+len(w.ends) < w.n {
		wt := w.queue[0]
		w.queue = w.queue[1:]
		if w.urgent > 0 {
			w.urgent--
		}
		wt.granted = true
		w.inflight++
		close(wt.ready)
	}
	if len(w.queue) == 0 || len(w.ends) == 0 {
		return // nobody waits, or only answers still in flight free a place
	}
	wait := w.ends[0].Add(w.d).Sub(now)
	if w.timer == nil {
		w.timer = time.AfterFunc(wait, func() {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.admit(time.Now())
		})
		return
	}
	w.timer.Reset(wait)
}
