package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/compassbot/compass/content"
)

// Address is where a chat's messages go: a channel and a chat on it. It is
// what the engine needs to write to a person outside the answer to their
// message (a volunteer's reply, a notice that their request was closed).
// An address identifies a person to the platform: it never leaves the bot
// (see Inbox).
type Address struct {
	Channel string // "telegram", "discord", "cli", ...
	ChatID  string // the platform's id of the chat
}

// IsZero reports whether a is the empty address.
func (a Address) IsZero() bool { return a == Address{} }

// Sender delivers a reply to an address on its channel. Every channel
// adapter implements it: it formats, splits and sends the reply exactly as
// it does for the answers to a message, within the platform's limits.
//
// Send returns an error wrapping ErrBlocked when the person blocked the bot
// or the chat no longer exists, so that the engine stops writing to it.
type Sender interface {
	Send(ctx context.Context, to Address, r Reply) error
}

// SenderFunc adapts a function to the Sender interface.
type SenderFunc func(ctx context.Context, to Address, r Reply) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, to Address, r Reply) error { return f(ctx, to, r) }

var (
	// ErrBlocked is wrapped by Sender errors when the chat blocked the bot,
	// the account was deleted or the chat is gone: sending again is
	// pointless until the person writes again.
	ErrBlocked = errors.New("the chat blocked the bot or is gone")
	// ErrNoChannel is returned by Engine.Send for an address whose channel
	// has no connected Sender in this process.
	ErrNoChannel = errors.New("no sender connected for this channel")
)

// Formatting is how a channel shows a reply's title and links.
type Formatting string

const (
	FormatPlain    Formatting = "plain"    // text only (terminal)
	FormatHTML     Formatting = "html"     // Telegram's HTML parse mode
	FormatMarkdown Formatting = "markdown" // Discord's markdown
)

// Capabilities say what a channel can show and what people can do on it,
// so that the engine offers only what works there. A zero limit means
// "no limit the engine must respect".
type Capabilities struct {
	Location         bool       // people can share a location (the engine suggests it)
	MaxButtonsPerRow int        // buttons in one row
	MaxButtonRows    int        // rows of buttons under one message
	MaxTextLen       int        // longest message in the platform's units; adapters split longer replies there
	MaxPayloadBytes  int        // longest button payload the platform carries
	Formatting       Formatting // how titles and links are shown
}

// DefaultCapabilities are assumed for a channel that connected none: a
// location can be shared and buttons are not limited (the terminal).
var DefaultCapabilities = Capabilities{Location: true, MaxPayloadBytes: MaxPayloadBytes, Formatting: FormatPlain}

// channels is the engine's table of connected adapters.
type channels struct {
	mu      sync.RWMutex
	senders map[string]Sender
	caps    map[string]Capabilities
}

// Connect tells the engine that s delivers replies to addresses on channel
// and what the channel can do. Adapters are connected once, after the
// engine is made (the adapter needs the engine as its Handler); a second
// Connect for a channel replaces the first. s may be nil for a channel
// that only receives (its capabilities still count).
func (e *Engine) Connect(channel string, s Sender, caps Capabilities) {
	e.chans.mu.Lock()
	defer e.chans.mu.Unlock()
	if e.chans.senders == nil {
		e.chans.senders, e.chans.caps = map[string]Sender{}, map[string]Capabilities{}
	}
	if s != nil {
		e.chans.senders[channel] = s
	} else {
		delete(e.chans.senders, channel)
	}
	e.chans.caps[channel] = caps
}

// Capabilities returns what channel can do: what its adapter connected
// with, else DefaultCapabilities.
func (e *Engine) Capabilities(channel string) Capabilities {
	e.chans.mu.RLock()
	defer e.chans.mu.RUnlock()
	if c, ok := e.chans.caps[channel]; ok {
		return c
	}
	return DefaultCapabilities
}

// Connected returns the channels that have a Sender in this process.
func (e *Engine) Connected() []string {
	e.chans.mu.RLock()
	defer e.chans.mu.RUnlock()
	out := make([]string, 0, len(e.chans.senders))
	for ch := range e.chans.senders {
		out = append(out, ch)
	}
	return out
}

// Send delivers r to an address through the adapter of its channel. Its
// buttons are fitted to the channel's limits. It returns ErrNoChannel when
// no adapter for the channel is connected, and the adapter's error
// otherwise (wrapping ErrBlocked when the chat blocked the bot).
func (e *Engine) Send(ctx context.Context, to Address, r Reply) error {
	e.chans.mu.RLock()
	s := e.chans.senders[to.Channel]
	e.chans.mu.RUnlock()
	if s == nil {
		return fmt.Errorf("bot: send to %s: %w", to.Channel, ErrNoChannel)
	}
	r.Buttons = fitButtons(r.Buttons, e.Capabilities(to.Channel))
	return s.Send(ctx, to, r)
}

// fitButtons lays rows out within a channel's limits, keeping their order:
// rows longer than MaxButtonsPerRow are wrapped; while there are more rows
// than MaxButtonRows, the two neighbouring rows that fit together in one
// row with the fewest buttons are joined; if no two fit, the rows before
// the last (which leads on: topics, more, back) are dropped from the end.
func fitButtons(rows [][]Button, caps Capabilities) [][]Button {
	if per := caps.MaxButtonsPerRow; per > 0 {
		var wrapped [][]Button
		for _, row := range rows {
			wrapped = append(wrapped, chunk(row, per)...)
		}
		rows = wrapped
	}
	limit := caps.MaxButtonRows
	if limit <= 0 || len(rows) <= limit {
		return rows
	}
	for len(rows) > limit {
		best := -1
		for i := 0; i+1 < len(rows); i++ {
			n := len(rows[i]) + len(rows[i+1])
			if caps.MaxButtonsPerRow > 0 && n > caps.MaxButtonsPerRow {
				continue
			}
			if best < 0 || n < len(rows[best])+len(rows[best+1]) {
				best = i
			}
		}
		if best < 0 {
			last := rows[len(rows)-1]
			return append(rows[:limit-1:limit-1], last)
		}
		joined := append(append([]Button{}, rows[best]...), rows[best+1]...)
		rows = append(append(rows[:best:best], joined), rows[best+2:]...)
	}
	return rows
}

// Blocked is what an adapter reports when a chat blocked the bot, the
// account was deleted or the chat is gone: the engine forgets the person
// of that chat (their session; in a private chat the chat id is the
// person's id, as on Telegram) and closes their open tickets without a
// word to them, so that no volunteer waits on someone who cannot be
// reached. It logs and goes on when the stores fail; it never sends.
func (e *Engine) Blocked(ctx context.Context, at Address) {
	ctx = context.WithoutCancel(ctx)
	users := map[string]bool{at.ChatID: true}
	if store := e.cfg.Tickets; store != nil {
		open, err := store.At(ctx, at.Channel, at.ChatID)
		if err != nil {
			e.log.Warn("reading a blocked chat's tickets failed", "channel", at.Channel, "err", err)
		}
		for _, t := range open {
			users[t.UserID] = true
			_, err := store.Act(ctx, t.Number, content.ActClose, "blocked", e.cfg.Now(), nil, nil)
			if err != nil && !errors.Is(err, content.ErrTicketClosed) && !errors.Is(err, content.ErrNotFound) {
				e.log.Warn("closing a blocked chat's ticket failed", "ticket", t.Number, "err", err)
			}
		}
	}
	for user := range users {
		if err := e.cfg.Sessions.Delete(ctx, at.Channel, user); err != nil {
			e.log.Warn("forgetting a blocked chat's session failed", "channel", at.Channel, "err", err)
		}
	}
	e.log.Info("chat blocked the bot; session deleted and tickets closed", "channel", at.Channel)
}
