package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/compassbot/compass/content"
)

// Inbox is what volunteer channels use to answer requests for a person:
// the terminal (`compass inbox`), Discord's inbox channel, anything else.
// It is channel-agnostic and hands out TicketView values only, which have
// no field that could carry who the person is: no address, no user or chat
// id, no name. What a volunteer writes reaches the person through the
// outbox, delivered by the process that runs the person's channel
// (Engine.Deliver).
type Inbox struct {
	e *Engine
}

// Inbox returns the engine's volunteer inbox, or nil when this deployment
// has none (Config.Tickets is nil).
func (e *Engine) Inbox() *Inbox {
	if e.cfg.Tickets == nil {
		return nil
	}
	return &Inbox{e: e}
}

// Volunteer is someone who answers in a volunteer inbox.
type Volunteer struct {
	// ID names the volunteer uniquely on their channel ("discord:81234",
	// "terminal:maria"). Other volunteers see it; the person never does.
	ID string
	// Name is shown to the person with a reply only when the volunteer
	// chose to show it; usually "" ("a volunteer").
	Name string
}

// The errors of inbox steps, for volunteer channels to tell apart.
var (
	ErrTicketTaken   = content.ErrTicketTaken  // another volunteer holds the ticket
	ErrTicketClosed  = content.ErrTicketClosed // the ticket is closed
	ErrNoTicket      = content.ErrNotFound     // no such ticket (or it was deleted at the person's request)
	ErrEmptyReply    = errors.New("the reply is empty")
	ErrReplyTooLong  = fmt.Errorf("the reply is longer than %d bytes", MaxReplyBytes)
	errNoVolunteerID = errors.New("bot: inbox: the volunteer has no id")
)

// MaxReplyBytes bounds a volunteer's reply; the person's channel splits it
// at its own limit. It holds 4,000 characters of any script (Discord's
// reply form takes 4,000; a character is at most 4 bytes), so that no
// form's text is refused after the volunteer typed it.
const MaxReplyBytes = 16384

// TicketView is a ticket as volunteers see it. It is built by the inbox
// only, from the ticket's shareable fields: it has no field for the
// person's channel, chat, user id, name, phone or photo, so nothing that
// identifies them can reach a volunteer channel through it.
type TicketView struct {
	Number     int64     `json:"number"`
	State      string    `json:"state"` // open, claimed, answered, closed; "deleted" when the person asked to forget
	Lang       string    `json:"lang"`
	LangName   string    `json:"lang_name"` // in the view's language
	Region     string    `json:"region"`
	RegionName string    `json:"region_name"`
	Topic      string    `json:"topic,omitempty"`
	TopicName  string    `json:"topic_name,omitempty"`
	Question   string    `json:"question"`
	Guesses    []Guess   `json:"guesses,omitempty"`   // the bot's best guesses, best first
	Volunteer  string    `json:"volunteer,omitempty"` // the volunteer id holding it
	ClosedBy   string    `json:"closed_by,omitempty"` // person, idle, blocked, or the id of the volunteer who closed it
	Opened     time.Time `json:"opened"`
	Updated    time.Time `json:"updated"`
	Closed     time.Time `json:"closed,omitzero"`
	Messages   []Entry   `json:"messages,omitempty"` // follow-ups and replies, in order
	ViewLang   string    `json:"view_lang"`          // the language names and titles are in
}

// Guess is one of the bot's candidates for a ticket's question.
type Guess struct {
	Intent string `json:"intent"`
	Title  string `json:"title"` // in the view's language
}

// Entry is a follow-up from the person, a reply from a volunteer or a
// note from the bot (a reply it could not deliver).
type Entry struct {
	Seq       int       `json:"seq"`
	From      string    `json:"from"`                // person, volunteer, bot (Text is a content.Note… code)
	Volunteer string    `json:"volunteer,omitempty"` // for replies
	Text      string    `json:"text"`
	At        time.Time `json:"at"`
}

// No returns the number as volunteers and people see it: "#12".
func (v TicketView) No() string { return ticketNo(v.Number) }

// view builds the volunteers' view of t from its shareable fields. Names
// and titles are in the local language of the ticket's region (what the
// local group reads), else the pack's source language.
func (e *Engine) view(t content.Ticket) TicketView {
	v := TicketView{Number: t.Number, State: string(t.State), Lang: t.Lang, Region: t.Region, Topic: t.Topic,
		Question: t.Question, Volunteer: t.Volunteer, ClosedBy: t.ClosedBy,
		Opened: t.Opened, Updated: t.Updated, Closed: t.Closed}
	for _, m := range t.Messages {
		v.Messages = append(v.Messages, Entry{Seq: m.Seq, From: string(m.From), Volunteer: m.Volunteer, Text: m.Text, At: m.At})
	}
	st := e.state.Load()
	if st == nil {
		return v
	}
	p := st.pack
	lang := p.SourceLanguage
	if r := p.RegionSetting(t.Region, func(r *content.Region) bool { return r.LocalLanguage != "" }); r != nil {
		lang = r.LocalLanguage
	}
	chain := content.FallbackChain(lang, p.SourceLanguage)
	v.ViewLang, v.LangName = lang, languageName(t.Lang, lang)
	if r := p.Region(t.Region); r != nil {
		v.RegionName = r.Name.In(chain...)
	}
	if tp := p.Topic(t.Topic); tp != nil {
		v.TopicName = tp.Name.In(chain...)
	}
	for _, id := range t.Candidates {
		g := Guess{Intent: id, Title: id}
		if in := p.Intent(id, t.Region); in != nil {
			if tr, _ := in.In(chain...); tr != nil {
				g.Title = tr.Title
			}
		}
		v.Guesses = append(v.Guesses, g)
	}
	return v
}

// List returns the tickets volunteers work on (open, claimed, answered),
// oldest first, without their messages.
func (in *Inbox) List(ctx context.Context) ([]TicketView, error) {
	ts, err := in.e.cfg.Tickets.List(ctx, content.TicketOpen, content.TicketClaimed, content.TicketAnswered)
	if err != nil {
		return nil, err
	}
	out := make([]TicketView, len(ts))
	for i, t := range ts {
		out[i] = in.e.view(t)
	}
	return out, nil
}

// Get returns one ticket with its messages. A draft is not a ticket yet:
// ErrNoTicket.
func (in *Inbox) Get(ctx context.Context, number int64) (TicketView, error) {
	t, err := in.e.cfg.Tickets.Get(ctx, number)
	if err != nil {
		return TicketView{}, err
	}
	if !t.State.Visible() {
		return TicketView{}, ErrNoTicket
	}
	return in.e.view(t), nil
}

// Claim takes a ticket for v: exclusive (ErrTicketTaken when another
// volunteer holds it), and fine again for its holder.
func (in *Inbox) Claim(ctx context.Context, number int64, v Volunteer) (TicketView, error) {
	return in.act(ctx, number, content.ActClaim, v, nil)
}

// Release gives a ticket back to every volunteer (open again).
func (in *Inbox) Release(ctx context.Context, number int64, v Volunteer) (TicketView, error) {
	return in.act(ctx, number, content.ActRelease, v, nil)
}

// Close closes a ticket; the person is told, politely, in their language.
func (in *Inbox) Close(ctx context.Context, number int64, v Volunteer) (TicketView, error) {
	return in.act(ctx, number, content.ActClose, v, func(t content.Ticket) (*content.TicketMessage, *Reply) {
		r := in.e.notice(t, tr(t.Lang, "handoff_closed_volunteer", "number", ticketNo(t.Number)))
		return nil, &r
	})
}

// Reply sends text to the person of the ticket, marked as from a
// volunteer (with v.Name only when it is set), and records it in the
// ticket. Replying to an open ticket claims it for v; a ticket another
// volunteer holds gives ErrTicketTaken. The reply is queued and delivered
// by the process that runs the person's channel.
func (in *Inbox) Reply(ctx context.Context, number int64, v Volunteer, text string) (TicketView, error) {
	text = cleanChars(text) // no terminal escapes or bidirectional overrides, as from people
	switch {
	case text == "":
		return TicketView{}, ErrEmptyReply
	case len(text) > MaxReplyBytes:
		return TicketView{}, ErrReplyTooLong
	}
	return in.act(ctx, number, content.ActReply, v, func(t content.Ticket) (*content.TicketMessage, *Reply) {
		msg := &content.TicketMessage{From: content.FromVolunteer, Volunteer: v.ID, Signature: v.Name, Text: text, At: in.e.cfg.Now()}
		head := tr(t.Lang, "volunteer_reply", "number", ticketNo(t.Number))
		if name := strings.TrimSpace(v.Name); name != "" {
			head = tr(t.Lang, "volunteer_reply_named", "name", name, "number", ticketNo(t.Number))
		}
		r := in.e.notice(t, head+"\n\n"+text)
		r.Buttons = [][]Button{{{Label: tr(t.Lang, "btn_back_to_bot"), Payload: handoffPayload(stepBack, t.Number).encode()}}}
		stampLanguage([]Reply{r}, t.Lang)
		return msg, &r
	})
}

// act makes one step for a volunteer: it reads the ticket (for the
// person's address, which stays inside the engine), lets compose add a
// message and a reply to deliver, and applies the step atomically.
func (in *Inbox) act(ctx context.Context, number int64, a content.TicketAction, v Volunteer,
	compose func(content.Ticket) (*content.TicketMessage, *Reply)) (TicketView, error) {
	if strings.TrimSpace(v.ID) == "" {
		return TicketView{}, errNoVolunteerID
	}
	t, err := in.e.cfg.Tickets.Get(ctx, number)
	if err != nil {
		return TicketView{}, err
	}
	if !t.State.Visible() {
		return TicketView{}, ErrNoTicket
	}
	var msg *content.TicketMessage
	var out *content.Delivery
	if compose != nil {
		var r *Reply
		msg, r = compose(t)
		if out, err = delivery(t, r); err != nil {
			return TicketView{}, err
		}
	}
	if _, err := in.e.cfg.Tickets.Act(ctx, number, a, v.ID, in.e.cfg.Now(), msg, out); err != nil {
		return TicketView{}, err
	}
	in.e.log.Info("ticket step", "ticket", number, "step", string(a))
	return in.Get(ctx, number)
}

// delivery wraps a reply to the ticket's person for the outbox.
func delivery(t content.Ticket, r *Reply) (*content.Delivery, error) {
	if r == nil {
		return nil, nil
	}
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("bot: encoding a reply: %w", err)
	}
	return &content.Delivery{Ticket: t.Number, Channel: t.Channel, ChatID: t.ChatID, Body: body}, nil
}

// notice is a reply to a ticket's person in their language.
func (e *Engine) notice(t content.Ticket, text string) Reply {
	return Reply{Text: text, Lang: t.Lang, RTL: content.LanguageOf(t.Lang).RTL()}
}

// InboxEventKind says what happened to a ticket.
type InboxEventKind string

const (
	InboxOpened  InboxEventKind = "opened"  // a person sent a request: post it
	InboxMessage InboxEventKind = "message" // a follow-up or a reply was added (Event.Message)
	InboxState   InboxEventKind = "state"   // claimed, answered, released or closed: update it
	InboxDeleted InboxEventKind = "deleted" // the person asked to forget them: remove what was posted
	InboxResync  InboxEventKind = "resync"  // events may have been missed: List again
)

// InboxEvent tells a volunteer channel that a ticket changed, with the
// ticket as it is now (only its number and state "deleted" for
// InboxDeleted; nothing for InboxResync).
type InboxEvent struct {
	Kind    InboxEventKind `json:"kind"`
	Ticket  TicketView     `json:"ticket"`
	Message *Entry         `json:"message,omitempty"`
}

// Subscribe delivers inbox events until ctx ends, then closes the
// channel. Events come from the ticket store, so they include changes made
// by other processes (`compass inbox` in a terminal, another replica).
// They are for live views: a channel that starts, or gets InboxResync,
// lists the tickets (List) to catch up.
func (in *Inbox) Subscribe(ctx context.Context) <-chan InboxEvent {
	out := make(chan InboxEvent, 64)
	events := in.e.cfg.Tickets.Events(ctx)
	go func() {
		defer close(out)
		for ev := range events {
			ie, ok := in.event(ctx, ev)
			if !ok {
				continue
			}
			select {
			case out <- ie:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// event turns a store event into an inbox event.
func (in *Inbox) event(ctx context.Context, ev content.TicketEvent) (InboxEvent, bool) {
	switch ev.Kind {
	case content.EventResync:
		return InboxEvent{Kind: InboxResync}, true
	case content.EventDeleted:
		return InboxEvent{Kind: InboxDeleted, Ticket: TicketView{Number: ev.Number, State: "deleted"}}, true
	case content.EventOpened, content.EventState, content.EventMessage:
	default:
		return InboxEvent{}, false
	}
	v, err := in.Get(ctx, ev.Number)
	if errors.Is(err, ErrNoTicket) {
		return InboxEvent{Kind: InboxDeleted, Ticket: TicketView{Number: ev.Number, State: "deleted"}}, true
	}
	if err != nil {
		in.e.log.Warn("inbox: reading a changed ticket failed", "ticket", ev.Number, "err", err)
		return InboxEvent{Kind: InboxResync}, true
	}
	ie := InboxEvent{Kind: InboxEventKind(ev.Kind), Ticket: v}
	if ev.Kind == content.EventMessage {
		for i := range v.Messages {
			if v.Messages[i].Seq == ev.Seq {
				ie.Message = &v.Messages[i]
			}
		}
	}
	return ie, true
}

// Preview shortens a ticket's question for a list: its first line, at
// most n characters.
func (v TicketView) Preview(n int) string {
	q, _, _ := strings.Cut(strings.TrimSpace(v.Question), "\n")
	if utf8.RuneCountInString(q) <= n {
		return q
	}
	return string([]rune(q)[:n-1]) + "…"
}
