package content

import (
	"context"
	"errors"
	"time"
)

// TicketState is where a person's request for a human stands. A ticket
// starts as a draft while the person writes and confirms it; only then do
// volunteers see it: open → claimed → answered → closed. A volunteer may
// release a claimed or answered ticket (back to open); anyone involved may
// close it.
type TicketState string

const (
	TicketDraft    TicketState = "draft"    // the person is writing or confirming; no volunteer sees it
	TicketOpen     TicketState = "open"     // waiting for a volunteer
	TicketClaimed  TicketState = "claimed"  // a volunteer took it
	TicketAnswered TicketState = "answered" // the volunteer who took it replied
	TicketClosed   TicketState = "closed"   // done; nothing reaches the person any more
)

// TicketStates lists every state, in the order a ticket goes through them.
var TicketStates = []TicketState{TicketDraft, TicketOpen, TicketClaimed, TicketAnswered, TicketClosed}

// Active reports whether the ticket can still take messages (not closed).
func (s TicketState) Active() bool { return s != TicketClosed && s != "" }

// Visible reports whether volunteers see a ticket in this state.
func (s TicketState) Visible() bool { return s != TicketDraft && s != "" }

// Ticket is one person's request for a human. The number is pseudonymous:
// it says nothing about the person. Channel, ChatID and UserID say where
// the person is; they are kept only in the bot's own database and never
// shown to a volunteer. Question is what the person chose to share.
type Ticket struct {
	Number     int64
	Channel    string // the person's channel, e.g. "telegram"
	ChatID     string // where replies go
	UserID     string // the person (for /forget and sessions)
	Lang       string // the language the person writes in
	Region     string // the person's region
	Topic      string // the topic they last browsed or were answered about; may be ""
	Question   string // the text the person chose to share
	Candidates []string
	State      TicketState
	Volunteer  string // who claimed it: an id on the volunteers' channel; "" when nobody
	ClosedBy   string // who closed it: "person", "idle", "blocked" or the volunteer's id; "" while open
	Created    time.Time
	Opened     time.Time // when the person sent it; zero for a draft
	Updated    time.Time // last activity (a message or a change of state)
	Closed     time.Time // zero unless closed
	Messages   []TicketMessage
}

// TicketAuthor says who wrote a message of a ticket.
type TicketAuthor string

const (
	FromPerson    TicketAuthor = "person"
	FromVolunteer TicketAuthor = "volunteer"
	// FromBot is a notice from the bot to the volunteers, e.g. that a
	// reply could not be delivered to the person. Its Text is one of the
	// Note… codes; volunteers' views say it in their language.
	FromBot TicketAuthor = "bot"
)

// NoteUndelivered is the text of the bot's notice that a message to the
// person (a volunteer's reply) was given up on: the person does not have it.
const NoteUndelivered = "undelivered"

// TicketMessage is one message in a ticket after the question: a
// follow-up from the person, a reply from a volunteer or a notice from the
// bot.
type TicketMessage struct {
	Seq       int // 1, 2, … within the ticket
	From      TicketAuthor
	Volunteer string // the volunteer's id, for replies
	Signature string // the name the volunteer chose to show the person; usually ""
	Text      string
	At        time.Time
}

// TicketAction is a step in a ticket's life.
type TicketAction string

const (
	ActSubmit   TicketAction = "submit"   // the person confirmed the draft: draft → open
	ActClaim    TicketAction = "claim"    // a volunteer takes it: open → claimed
	ActReply    TicketAction = "reply"    // a volunteer replies (taking an open ticket): → answered
	ActFollowUp TicketAction = "followup" // the person adds a message; the state stays
	ActRelease  TicketAction = "release"  // back to open for any volunteer
	ActClose    TicketAction = "close"    // done
	ActNote     TicketAction = "note"     // the bot adds a notice for volunteers, closed tickets too; state and activity stay
)

var (
	// ErrTicketTaken is returned when a volunteer claims or replies to a
	// ticket another volunteer holds.
	ErrTicketTaken = errors.New("ticket is taken by another volunteer")
	// ErrTicketClosed is returned for any step on a closed ticket.
	ErrTicketClosed = errors.New("ticket is closed")
	// ErrTicketState is returned for a step the ticket's state does not
	// allow (a volunteer acting on a draft, submitting twice).
	ErrTicketState = errors.New("ticket is not in a state that allows this")
)

// Apply makes one step on t at now, by who (a volunteer id for claim,
// reply, release and a volunteer's close; "person", "idle" or "blocked"
// for the other closes). It is the one rule every TicketStore follows, so that memory
// and database agree: a claim is exclusive (a ticket another volunteer
// holds gives ErrTicketTaken), claiming or replying again as its holder is
// fine, a reply takes an open ticket, and nothing happens to a closed one.
func (t *Ticket) Apply(a TicketAction, who string, now time.Time) error {
	if a == ActNote {
		// A note changes nothing and may come after the close (a reply
		// given up on hours later); a draft has no volunteer to read it.
		if !t.State.Visible() {
			return ErrTicketState
		}
		return nil
	}
	if t.State == TicketClosed {
		return ErrTicketClosed
	}
	volunteerStep := a == ActClaim || a == ActReply || a == ActRelease
	if t.State == TicketDraft && (volunteerStep || a == ActFollowUp) {
		return ErrTicketState
	}
	switch a {
	case ActSubmit:
		if t.State != TicketDraft {
			return ErrTicketState
		}
		t.State, t.Opened = TicketOpen, now
	case ActClaim, ActReply:
		if t.Volunteer != "" && t.Volunteer != who {
			return ErrTicketTaken
		}
		t.Volunteer = who
		if a == ActReply {
			t.State = TicketAnswered
		} else if t.State == TicketOpen {
			t.State = TicketClaimed
		}
	case ActRelease:
		t.State, t.Volunteer = TicketOpen, ""
	case ActFollowUp:
	case ActClose:
		t.State, t.ClosedBy, t.Closed = TicketClosed, who, now
	default:
		return ErrTicketState
	}
	t.Updated = now
	return nil
}

// TicketEventKind says what happened to a ticket.
type TicketEventKind string

const (
	EventOpened  TicketEventKind = "opened"  // the person sent it: volunteers see it now
	EventState   TicketEventKind = "state"   // claimed, answered, released or closed
	EventMessage TicketEventKind = "message" // a follow-up or a reply was added (Seq)
	EventDeleted TicketEventKind = "deleted" // the person asked to forget them (/forget)
	EventOutbox  TicketEventKind = "outbox"  // a delivery to a person is waiting
	EventResync  TicketEventKind = "resync"  // events may have been missed: list again
)

// TicketEvent tells subscribers that a ticket changed. It carries no
// content: subscribers read the ticket.
type TicketEvent struct {
	Kind   TicketEventKind
	Number int64
	Seq    int // for EventMessage
}

// Delivery is a message to a person waiting to be sent (a volunteer's
// reply, a notice that their ticket closed). Body is the engine's reply,
// encoded by the engine; the store keeps it only until it is delivered.
type Delivery struct {
	ID       int64
	Ticket   int64 // deleting the ticket deletes its deliveries
	Channel  string
	ChatID   string
	Body     []byte
	Attempts int // deliveries tried so far, this one included
}

// TicketStore keeps tickets and the deliveries to people they cause. The
// PostgreSQL store (package store) and the in-memory one (bot) implement
// it; both follow Ticket.Apply.
type TicketStore interface {
	// SaveDraft stores the person's draft (a ticket in state draft),
	// replacing any draft they had, and returns it with its number. It
	// fails with ErrTicketState when they have a ticket that is not closed.
	SaveDraft(ctx context.Context, t Ticket) (Ticket, error)
	// Active returns the person's ticket that is not closed (a draft
	// included), without messages, or ErrNotFound.
	Active(ctx context.Context, channel, userID string) (Ticket, error)
	// Get returns a ticket with its messages, or ErrNotFound.
	Get(ctx context.Context, number int64) (Ticket, error)
	// List returns the tickets in the given states, oldest first, without
	// messages.
	List(ctx context.Context, states ...TicketState) ([]Ticket, error)
	// Act applies a step (Ticket.Apply) at now, atomically: with a message
	// to add (msg, nil for none) and a delivery to queue (out, nil for
	// none), all or nothing. It returns the ticket as it is after the
	// step (without messages).
	Act(ctx context.Context, number int64, a TicketAction, who string, now time.Time, msg *TicketMessage, out *Delivery) (Ticket, error)
	// DeleteFor deletes every ticket of the person, with their messages
	// and deliveries (/forget), and returns how many.
	DeleteFor(ctx context.Context, channel, userID string) (int, error)
	// At returns the tickets not closed whose person is at the chat.
	At(ctx context.Context, channel, chatID string) ([]Ticket, error)
	// Idle returns the tickets not closed (drafts included) whose last
	// activity is before the time.
	Idle(ctx context.Context, before time.Time) ([]Ticket, error)
	// DeleteDraft deletes a draft; it is not an error if it is gone.
	DeleteDraft(ctx context.Context, number int64) error
	// Purge forgets the text and the person of tickets closed before the
	// time: their question, messages, chat and user go; what remains
	// (number, language, region, topic, state, times) is statistics. It
	// returns how many tickets it purged.
	Purge(ctx context.Context, closedBefore time.Time) (int, error)

	// Next leases the oldest waiting delivery for one of the channels, so
	// that no other process sends it for lease; ErrNotFound when none.
	Next(ctx context.Context, channels []string, lease time.Duration) (Delivery, error)
	// Delivered removes a delivery that was sent (or given up on).
	Delivered(ctx context.Context, id int64) error
	// Postpone makes a delivery wait until after.
	Postpone(ctx context.Context, id int64, after time.Duration) error

	// Events delivers ticket events until ctx ends, then closes the
	// channel. After a lost connection it sends EventResync. Events are
	// hints for live views (a volunteer channel's ticket messages): the
	// store is the truth, and a subscriber that starts late lists it.
	Events(ctx context.Context) <-chan TicketEvent
}
