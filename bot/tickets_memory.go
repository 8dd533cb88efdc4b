package bot

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/compassbot/compass/content"
)

// memoryTickets is a content.TicketStore that forgets everything when the
// process ends: for a bot without a database whose volunteers answer in
// the same process (Discord's inbox channel), and for tests. Deliveries
// and events go straight to the process's own deliverer and subscribers.
type memoryTickets struct {
	mu         sync.Mutex
	tickets    map[int64]*content.Ticket
	last       int64
	deliveries []*memoryDelivery
	lastID     int64
	subs       map[chan content.TicketEvent]struct{}
	now        func() time.Time
}

type memoryDelivery struct {
	content.Delivery
	notBefore time.Time
}

// NewMemoryTickets returns an empty in-memory ticket store, safe for
// concurrent use.
func NewMemoryTickets() content.TicketStore {
	return &memoryTickets{tickets: map[int64]*content.Ticket{}, subs: map[chan content.TicketEvent]struct{}{}, now: time.Now}
}

// copyTicket returns a copy of t that shares nothing with it; messages are
// left out unless withMessages.
func copyTicket(t *content.Ticket, withMessages bool) content.Ticket {
	c := *t
	c.Candidates = slices.Clone(t.Candidates)
	c.Messages = nil
	if withMessages {
		c.Messages = slices.Clone(t.Messages)
	}
	return c
}

// activeLocked returns the person's ticket that is not closed, or nil.
func (m *memoryTickets) activeLocked(channel, userID string) *content.Ticket {
	for _, t := range m.tickets {
		if t.Channel == channel && t.UserID == userID && t.State.Active() {
			return t
		}
	}
	return nil
}

func (m *memoryTickets) SaveDraft(_ context.Context, t content.Ticket) (content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.activeLocked(t.Channel, t.UserID)
	if old != nil && old.State != content.TicketDraft {
		return content.Ticket{}, content.ErrTicketState
	}
	t.State, t.Messages, t.Candidates = content.TicketDraft, nil, slices.Clone(t.Candidates)
	if old != nil {
		t.Number, t.Created = old.Number, old.Created
	} else {
		m.last++
		t.Number = m.last
	}
	m.tickets[t.Number] = &t
	return copyTicket(&t, false), nil
}

func (m *memoryTickets) Active(_ context.Context, channel, userID string) (content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t := m.activeLocked(channel, userID); t != nil {
		return copyTicket(t, false), nil
	}
	return content.Ticket{}, content.ErrNotFound
}

func (m *memoryTickets) Get(_ context.Context, number int64) (content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.tickets[number]; ok {
		return copyTicket(t, true), nil
	}
	return content.Ticket{}, content.ErrNotFound
}

// sorted returns the tickets that pass keep, by number.
func (m *memoryTickets) sorted(keep func(*content.Ticket) bool) []content.Ticket {
	var out []content.Ticket
	for _, t := range m.tickets {
		if keep(t) {
			out = append(out, copyTicket(t, false))
		}
	}
	slices.SortFunc(out, func(a, b content.Ticket) int { return int(a.Number - b.Number) })
	return out
}

func (m *memoryTickets) List(_ context.Context, states ...content.TicketState) ([]content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sorted(func(t *content.Ticket) bool { return slices.Contains(states, t.State) }), nil
}

func (m *memoryTickets) Act(_ context.Context, number int64, a content.TicketAction, who string, now time.Time, msg *content.TicketMessage, out *content.Delivery) (content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	t, ok := m.tickets[number]
	if !ok {
		return content.Ticket{}, content.ErrNotFound
	}
	next := copyTicket(t, false)
	before := next.State
	if err := next.Apply(a, who, now); err != nil {
		return content.Ticket{}, err
	}
	next.Messages = t.Messages
	var events []content.TicketEvent
	if msg != nil {
		mm := *msg
		mm.Seq = len(next.Messages) + 1
		next.Messages = append(next.Messages, mm)
		events = append(events, content.TicketEvent{Kind: content.EventMessage, Number: number, Seq: mm.Seq})
	}
	switch {
	case before == content.TicketDraft && next.State == content.TicketOpen:
		events = append(events, content.TicketEvent{Kind: content.EventOpened, Number: number})
	case before != next.State || next.Volunteer != t.Volunteer:
		events = append(events, content.TicketEvent{Kind: content.EventState, Number: number})
	}
	*t = next
	if out != nil {
		m.lastID++
		d := &memoryDelivery{Delivery: *out}
		d.ID, d.Ticket, d.Body = m.lastID, number, slices.Clone(out.Body)
		m.deliveries = append(m.deliveries, d)
		events = append(events, content.TicketEvent{Kind: content.EventOutbox, Number: number})
	}
	m.publishLocked(events...)
	return copyTicket(t, false), nil
}

func (m *memoryTickets) DeleteFor(_ context.Context, channel, userID string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for num, t := range m.tickets {
		if t.Channel == channel && t.UserID == userID {
			if t.State.Visible() {
				m.publishLocked(content.TicketEvent{Kind: content.EventDeleted, Number: num})
			}
			m.deleteLocked(num)
			n++
		}
	}
	return n, nil
}

func (m *memoryTickets) deleteLocked(number int64) {
	delete(m.tickets, number)
	m.deliveries = slices.DeleteFunc(m.deliveries, func(d *memoryDelivery) bool { return d.Ticket == number })
}

func (m *memoryTickets) DeleteDraft(_ context.Context, number int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if t, ok := m.tickets[number]; ok && t.State == content.TicketDraft {
		m.deleteLocked(number)
	}
	return nil
}

func (m *memoryTickets) At(_ context.Context, channel, chatID string) ([]content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sorted(func(t *content.Ticket) bool {
		return t.Channel == channel && t.ChatID == chatID && t.State.Active()
	}), nil
}

func (m *memoryTickets) Idle(_ context.Context, before time.Time) ([]content.Ticket, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sorted(func(t *content.Ticket) bool { return t.State.Active() && t.Updated.Before(before) }), nil
}

func (m *memoryTickets) Purge(_ context.Context, closedBefore time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, t := range m.tickets {
		if t.State == content.TicketClosed && t.Closed.Before(closedBefore) && (t.Question != "" || t.ChatID != "" || len(t.Messages) > 0) {
			t.Question, t.ChatID, t.UserID, t.Channel, t.Messages = "", "", "", "", nil
			n++
		}
	}
	return n, nil
}

func (m *memoryTickets) Next(_ context.Context, channels []string, lease time.Duration) (content.Delivery, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	for _, d := range m.deliveries {
		if slices.Contains(channels, d.Channel) && !d.notBefore.After(now) {
			d.notBefore = now.Add(lease)
			d.Attempts++
			out := d.Delivery
			out.Body = slices.Clone(d.Body)
			return out, nil
		}
	}
	return content.Delivery{}, content.ErrNotFound
}

func (m *memoryTickets) Delivered(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.deliveries = slices.DeleteFunc(m.deliveries, func(d *memoryDelivery) bool { return d.ID == id })
	return nil
}

func (m *memoryTickets) Postpone(_ context.Context, id int64, after time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, d := range m.deliveries {
		if d.ID == id {
			d.notBefore = m.now().Add(after)
		}
	}
	return nil
}

// memoryEventBuffer is how many events a slow subscriber may fall behind
// before it is told to resync instead.
const memoryEventBuffer = 256

func (m *memoryTickets) Events(ctx context.Context) <-chan content.TicketEvent {
	ch := make(chan content.TicketEvent, memoryEventBuffer)
	m.mu.Lock()
	m.subs[ch] = struct{}{}
	m.mu.Unlock()
	context.AfterFunc(ctx, func() {
		m.mu.Lock()
		defer m.mu.Unlock()
		delete(m.subs, ch)
		close(ch)
	})
	return ch
}

// publishLocked hands events to every subscriber without blocking: a
// subscriber whose buffer is full misses them and gets a resync as soon as
// there is room (its buffer is drained of one event to make room).
func (m *memoryTickets) publishLocked(events ...content.TicketEvent) {
	for ch := range m.subs {
		for _, ev := range events {
			select {
			case ch <- ev:
			default:
				select { // make room: the oldest event goes, a resync replaces it
				case <-ch:
				default:
				}
				select {
				case ch <- content.TicketEvent{Kind: content.EventResync}:
				default:
				}
			}
		}
	}
}
