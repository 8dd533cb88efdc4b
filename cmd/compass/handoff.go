package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

// handoffConfig says where this deployment's volunteers answer requests
// for a person (docs/handoff.md). The handoff is on only where a volunteer
// inbox is configured: without one, "Talk to a person" honestly lists the
// helplines instead of promising an answer nobody would give.
type handoffConfig struct {
	inbox     string        // COMPASS_INBOX: "" (none) or "terminal" (compass inbox on the database)
	retention time.Duration // how long closed tickets keep their text (COMPASS_TICKET_RETENTION, read with the other retentions)
	// adapterInbox names an inbox an adapter of this process serves (e.g.
	// "discord" with DISCORD_INBOX_CHANNEL); "" for none. It turns the
	// handoff on too, with the tickets in the database, or in memory
	// without one (its volunteers answer in this process).
	adapterInbox string
}

// inboxTerminal: volunteers answer with `compass inbox` on the database.
const inboxTerminal = "terminal"

// fromEnv reads COMPASS_INBOX; an error is a usage error.
func (h *handoffConfig) fromEnv(env *Env) error {
	h.inbox = strings.ToLower(settingFor("COMPASS_INBOX").fromEnv(env))
	switch h.inbox {
	case "", inboxTerminal:
		return nil
	}
	return usageError{fmt.Sprintf("COMPASS_INBOX=%q: the volunteer inbox is %q (volunteers answer with compass inbox on the database) or unset", h.inbox, inboxTerminal)}
}

// tickets returns the ticket store of the configured inbox, or nil when
// there is none (the handoff is off). The terminal inbox runs in another
// process, so its tickets must be in the database.
func (h handoffConfig) tickets(cs *contentSource) (content.TicketStore, error) {
	switch {
	case h.inbox == "" && h.adapterInbox == "":
		return nil, nil
	case cs.DB != nil:
		return cs.DB.Tickets(), nil
	case h.inbox != "":
		return nil, usageError{fmt.Sprintf("COMPASS_INBOX=%s needs the bot's database, where compass inbox reads the tickets: set DATABASE_URL (content comes from %s now)", h.inbox, cs.Origin)}
	}
	return bot.NewMemoryTickets(), nil
}

// names says which inboxes are on, for the log.
func (h handoffConfig) names() string {
	return strings.Trim(h.inbox+","+h.adapterInbox, ",")
}

// start runs what the handoff needs beside the adapters, until ctx ends:
// the deliverer of volunteers' replies (for the channels connected to the
// engine) and the ticket jobs (idle tickets, drafts, retention). The
// returned function waits for them to stop.
func (h handoffConfig) start(ctx context.Context, e *bot.Engine, logger *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	if e.Inbox() == nil {
		logger.Info("compass serve: no volunteer inbox (COMPASS_INBOX unset): \"Talk to a person\" lists helplines")
		return wg.Wait
	}
	logger.Info("compass serve: volunteer inbox", "inbox", h.names(), "ticket_retention", h.retention.String())
	wg.Add(2)
	go func() { defer wg.Done(); e.Deliver(ctx, bot.DeliverOptions{}) }()
	go func() { defer wg.Done(); e.RunTicketJobs(ctx, bot.TicketJobs{Retention: h.retention}) }()
	return wg.Wait
}
