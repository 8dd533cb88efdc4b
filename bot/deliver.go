package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/compassbot/compass/content"
)

// DeliverOptions tune Engine.Deliver. The zero value means the defaults.
type DeliverOptions struct {
	Sweep       time.Duration // look for waiting deliveries at least this often; default 30 s
	Lease       time.Duration // how long one process owns a delivery it is sending; default 2 min
	MaxAttempts int           // deliveries tried before giving up; default 12 (about 6 hours)
}

func (o DeliverOptions) withDefaults() DeliverOptions {
	if o.Sweep <= 0 {
		o.Sweep = 30 * time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 12
	}
	return o
}

// ErrRefused is matched by Sender errors when the platform refused the
// message for good (a permanent error): sending it again is pointless.
var ErrRefused = errors.New("the platform refused the message")

// Deliver sends the replies waiting in the outbox (volunteers' replies,
// notices that a ticket closed) to people on the channels connected to
// this engine, until ctx ends. Run it in the process that runs the
// channels (compass serve), in its own goroutine. It wakes on the store's
// events (PostgreSQL LISTEN/NOTIFY: a reply typed in another process
// arrives at once) and sweeps every Sweep in case a notification was
// missed. Each delivery is leased, so that among several processes one
// sends it; it is removed once sent. A chat that blocked the bot is
// forgotten (Blocked); transient failures are retried with backoff, up to
// MaxAttempts. Without Config.Tickets it returns at once.
func (e *Engine) Deliver(ctx context.Context, opt DeliverOptions) {
	if e.cfg.Tickets == nil {
		return
	}
	opt = opt.withDefaults()
	events := e.cfg.Tickets.Events(ctx)
	sweep := time.NewTicker(opt.Sweep)
	defer sweep.Stop()
	e.deliverWaiting(ctx, opt)
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if ev.Kind == content.EventOutbox || ev.Kind == content.EventResync {
				e.deliverWaiting(ctx, opt)
			}
		case <-sweep.C:
			e.deliverWaiting(ctx, opt)
		}
	}
}

// deliverWaiting sends every delivery that is due, one after another.
func (e *Engine) deliverWaiting(ctx context.Context, opt DeliverOptions) {
	channels := e.Connected()
	if len(channels) == 0 {
		return
	}
	for ctx.Err() == nil {
		d, err := e.cfg.Tickets.Next(ctx, channels, opt.Lease)
		if errors.Is(err, content.ErrNotFound) {
			return
		}
		if err != nil {
			if ctx.Err() == nil {
				e.log.Warn("outbox: reading waiting deliveries failed", "err", err)
			}
			return
		}
		e.deliverOne(ctx, d, opt)
	}
}

// deliverOne sends one delivery and settles it.
func (e *Engine) deliverOne(ctx context.Context, d content.Delivery, opt DeliverOptions) {
	store := e.cfg.Tickets
	to := Address{Channel: d.Channel, ChatID: d.ChatID}
	var r Reply
	if err := json.Unmarshal(d.Body, &r); err != nil {
		e.log.Error("outbox: unreadable delivery dropped", "delivery", d.ID, "ticket", d.Ticket, "err", err)
		e.settle(ctx, store.Delivered(ctx, d.ID))
		return
	}
	err := e.Send(ctx, to, r)
	switch {
	case err == nil:
		e.log.Info("outbox: delivered", "ticket", d.Ticket, "channel", d.Channel)
		e.settle(ctx, store.Delivered(ctx, d.ID))
	case errors.Is(err, ErrBlocked):
		e.log.Info("outbox: the person blocked the bot; delivery dropped", "ticket", d.Ticket, "channel", d.Channel)
		e.settle(ctx, store.Delivered(ctx, d.ID))
		e.Blocked(ctx, to)
	case errors.Is(err, ErrRefused), errors.Is(err, ErrNoChannel), d.Attempts >= opt.MaxAttempts:
		e.log.Error("outbox: delivery given up; the person does not get it", "ticket", d.Ticket, "channel", d.Channel, "attempts", d.Attempts, "err", err)
		e.observe.DeliveryGivenUp()
		e.settle(ctx, store.Delivered(ctx, d.ID))
		e.noteUndelivered(ctx, d.Ticket)
	case ctx.Err() != nil:
		// Shutting down: the lease runs out and a process sends it later.
	default:
		wait := deliveryBackoff(d.Attempts)
		e.log.Warn("outbox: delivery failed; retrying later", "ticket", d.Ticket, "attempt", d.Attempts, "retry_in", wait, "err", err)
		e.settle(ctx, store.Postpone(ctx, d.ID, wait))
	}
}

// noteUndelivered tells the ticket's volunteers that a message to the
// person was given up on, so that nobody believes the person has it; a
// closed ticket too (replies are retried for hours: the volunteer has
// often closed it by then). A ticket deleted meanwhile (/forget) takes none.
func (e *Engine) noteUndelivered(ctx context.Context, ticket int64) {
	now := e.cfg.Now()
	note := &content.TicketMessage{From: content.FromBot, Text: content.NoteUndelivered, At: now}
	_, err := e.cfg.Tickets.Act(ctx, ticket, content.ActNote, "bot", now, note, nil)
	if err != nil && !errors.Is(err, content.ErrNotFound) {
		e.settle(ctx, err)
	}
}

func (e *Engine) settle(ctx context.Context, err error) {
	if err != nil && ctx.Err() == nil {
		e.log.Warn("outbox: updating a delivery failed", "err", err)
	}
}

// deliveryBackoff waits 30 s after the first failed delivery, doubling up
// to an hour.
func deliveryBackoff(attempt int) time.Duration {
	return min(30*time.Second<<min(max(attempt-1, 0), 7), time.Hour)
}

// TicketJobs tune Engine.RunTicketJobs. The zero value means the defaults.
type TicketJobs struct {
	Every     time.Duration // how often the jobs run; default 10 min
	IdleAfter time.Duration // a ticket without activity this long closes itself; default 7 days
	Retention time.Duration // text and person of closed tickets are kept this long; default 30 days (COMPASS_TICKET_RETENTION)
}

// DefaultTicketRetention is how long the text of a closed ticket is kept.
const DefaultTicketRetention = 30 * 24 * time.Hour

func (j TicketJobs) withDefaults() TicketJobs {
	if j.Every <= 0 {
		j.Every = 10 * time.Minute
	}
	if j.IdleAfter <= 0 {
		j.IdleAfter = 7 * 24 * time.Hour
	}
	if j.Retention <= 0 {
		j.Retention = DefaultTicketRetention
	}
	return j
}

// RunTicketJobs runs TidyTickets now and then every j.Every until ctx
// ends. Run it in its own goroutine in compass serve. Several replicas may
// run it at once: every step is safe to repeat. Without Config.Tickets it
// returns at once.
func (e *Engine) RunTicketJobs(ctx context.Context, j TicketJobs) {
	if e.cfg.Tickets == nil {
		return
	}
	j = j.withDefaults()
	t := time.NewTicker(j.Every)
	defer t.Stop()
	for {
		if _, err := e.TidyTickets(ctx, j); err != nil && ctx.Err() == nil {
			e.log.Warn("ticket jobs failed; trying again later", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tidied says what TidyTickets did.
type Tidied struct {
	Drafts int // drafts the person left, deleted
	Idle   int // tickets closed for lack of activity (the person was told)
	Purged int // closed tickets whose text and person were forgotten
}

// TidyTickets does what keeps the tickets honest and small, at the
// engine's clock (Config.Now): drafts left for draftTTL are deleted,
// tickets without activity for j.IdleAfter close themselves with a polite
// message to the person, and closed tickets older than j.Retention lose
// their text and their person.
func (e *Engine) TidyTickets(ctx context.Context, j TicketJobs) (Tidied, error) {
	var done Tidied
	if e.cfg.Tickets == nil {
		return done, nil
	}
	j = j.withDefaults()
	store := e.cfg.Tickets
	now := e.cfg.Now()
	stale, err := store.Idle(ctx, now.Add(-min(draftTTL, j.IdleAfter)))
	if err != nil {
		return done, err
	}
	for _, t := range stale {
		switch {
		case t.State == content.TicketDraft:
			if err := store.DeleteDraft(ctx, t.Number); err != nil {
				return done, err
			}
			done.Drafts++
		case now.Sub(t.Updated) >= j.IdleAfter:
			days := strconv.Itoa(max(int(j.IdleAfter/(24*time.Hour)), 1))
			notice := e.notice(t, tr(t.Lang, "handoff_closed_idle", "number", ticketNo(t.Number), "days", days))
			notice.Buttons = [][]Button{humanButton(t.Lang)}
			stampLanguage([]Reply{notice}, t.Lang)
			out, err := delivery(t, &notice)
			if err != nil {
				return done, err
			}
			_, err = store.Act(ctx, t.Number, content.ActClose, "idle", now, nil, out)
			if errors.Is(err, content.ErrTicketClosed) || errors.Is(err, content.ErrNotFound) {
				continue // closed or forgotten meanwhile
			}
			if err != nil {
				return done, err
			}
			e.log.Info("ticket closed for lack of activity", "ticket", t.Number)
			done.Idle++
		}
	}
	if done.Purged, err = store.Purge(ctx, now.Add(-j.Retention)); err != nil {
		return done, err
	}
	return done, nil
}
