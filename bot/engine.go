package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/compassbot/compass/content"
)

// Config is what an Engine needs from the outside world.
type Config struct {
	Sessions      content.SessionStore   // where each person's language and region live; nil: in memory
	NewMatcher    content.MatcherFactory // builds the matcher for each pack (required)
	Now           func() time.Time       // the clock (opening hours); nil: time.Now
	Calendars     content.Calendars      // public holidays for opening hours (holidays.Lookup); nil: none
	Logger        *slog.Logger           // nil: discard
	DefaultRegion string                 // region of people who chose none; "": the pack's root
	// Tickets keeps requests for a person (docs/handoff.md). Set it only
	// where a volunteer inbox is configured (compass inbox on the database,
	// Discord's inbox channel): it turns the handoff on. While nil, "Talk to
	// a person" says honestly that nobody is reachable here and lists the
	// region's helplines instead of promising a reply.
	Tickets content.TicketStore
	// StoreTimeout bounds each session read and write, and the read of the
	// person's ticket, while answering (storeguard.go); 0: DefaultStoreTimeout.
	StoreTimeout time.Duration
}

// Engine is the conversation engine shared by every channel. It is safe for
// concurrent use; SetPack may run while messages are being handled.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	health *storeHealth // how the stores answered (storeguard.go)
	state  atomic.Pointer[state]
	chans  channels // connected adapters (outbound.go)
}

// state is one content snapshot with everything derived from it. It is
// never modified after SetPack publishes it.
type state struct {
	pack          *content.Pack
	matcher       content.Matcher
	langs         map[string]bool   // pack languages
	intents       map[string]string // idHash → intent id
	topics        map[string]string // idHash → topic id
	regions       map[string]string // idHash → region id
	services      map[string]string // idHash → service id
	serviceIx     *serviceIndex     // filtered nearest-and-open queries (serviceindex.go)
	languageNames languageNames     // names of languages a question may ask for (servicequery.go)
	districts     []districtForm    // districts a question may name
}

// ErrNoContent is returned by Handle before the first successful SetPack.
var ErrNoContent = errors.New("bot: no content pack loaded")

// New returns an engine without content; call SetPack before Handle.
func New(cfg Config) *Engine {
	if cfg.Sessions == nil {
		cfg.Sessions = NewMemorySessions()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.StoreTimeout <= 0 {
		cfg.StoreTimeout = DefaultStoreTimeout
	}
	health := &storeHealth{now: cfg.Now, timeout: cfg.StoreTimeout}
	if _, inMemory := cfg.Sessions.(*memorySessions); !inMemory {
		cfg.Sessions = guardedSessions{inner: cfg.Sessions, health: health}
	}
	if cfg.Tickets != nil {
		cfg.Tickets = guardedTickets{TicketStore: cfg.Tickets, health: health}
	}
	return &Engine{cfg: cfg, log: cfg.Logger, health: health}
}

// SetPack builds the matcher for p and then switches to p in one atomic
// step: messages being handled keep the snapshot they started with, and no
// message ever waits for a reload. On error the previous pack stays.
func (e *Engine) SetPack(p *content.Pack) error {
	if p == nil {
		return errors.New("bot: SetPack: nil pack")
	}
	if e.cfg.NewMatcher == nil {
		return errors.New("bot: SetPack: Config.NewMatcher is nil")
	}
	m, err := e.cfg.NewMatcher(p)
	if err != nil {
		return fmt.Errorf("bot: building matcher for pack %q: %w", p.ID, err)
	}
	s := &state{
		pack: p, matcher: m,
		langs:         map[string]bool{},
		intents:       map[string]string{},
		topics:        map[string]string{},
		regions:       map[string]string{},
		services:      map[string]string{},
		serviceIx:     newServiceIndex(p, e.cfg.Calendars),
		languageNames: languageNamesOf(p),
		districts:     districtForms(p),
	}
	for _, l := range p.Languages {
		s.langs[l] = true
	}
	add := func(kind string, m map[string]string, id string) {
		h := idHash(id)
		if old, ok := m[h]; ok && old != id {
			e.log.Warn("button hash collision; the second id cannot be reached by button", "kind", kind, "first", old, "second", id)
			return
		}
		m[h] = id
	}
	for _, id := range p.IntentIDs() {
		add("intent", s.intents, id)
	}
	for _, t := range p.Topics {
		add("topic", s.topics, t.ID)
	}
	for _, r := range p.Regions {
		add("region", s.regions, r.ID)
	}
	for _, sv := range p.Services {
		add("service", s.services, sv.ID)
	}
	e.state.Store(s)
	e.log.Info("content pack in use", "pack", p.ID, "intents", len(s.intents), "languages", len(p.Languages))
	return nil
}

// Pack returns the content pack in use, or nil before the first SetPack.
func (e *Engine) Pack() *content.Pack {
	if s := e.state.Load(); s != nil {
		return s.pack
	}
	return nil
}

// Handle answers one message. It returns an error only when no content is
// loaded; everything a person can send gets a reply.
func (e *Engine) Handle(ctx context.Context, m Message) ([]Reply, error) {
	st := e.state.Load()
	if st == nil {
		return nil, ErrNoContent
	}
	c := e.newConversation(ctx, st, m)
	replies := c.dispatch()
	c.save()
	for i := range replies {
		replies[i].Buttons = fitButtons(replies[i].Buttons, c.caps)
	}
	return replies, nil
}
