package telegram

import "sync/atomic"

// Stats counts what the adapter did since it started. All fields are
// totals; read them with (*Adapter).Stats.
type Stats struct {
	Updates        int64 // updates received (polling or webhook)
	Handled        int64 // updates the engine answered
	Ignored        int64 // updates not for the engine (edits, channel posts, other bots' commands)
	Malformed      int64 // updates that could not be decoded
	Duplicates     int64 // updates seen twice and not handled again
	HandlerErrors  int64 // engine errors (the person got an apology)
	Unfinished     int64 // updates cut off by shutdown before any reply was sent (delivered again later)
	Shed           int64 // updates dropped because their chat had MaxPerChat waiting (flood)
	FloodNotices   int64 // notices sent to flooding chats (at most one per chat per flood episode)
	Sent           int64 // Bot API calls that succeeded
	RateLimited    int64 // 429 answers
	Blocked        int64 // 403 answers: chats marked blocked
	Transient      int64 // 5xx and network errors
	Permanent      int64 // other refusals (400 …)
	Migrated       int64 // groups that became supergroups
	Retries        int64 // calls repeated after 429, 5xx or migration
	Dropped        int64 // messages given up on (blocked chat, permanent error, retries exhausted)
	Callbacks      int64 // callback queries answered
	WebhookRefused int64 // webhook requests refused (bad secret, method, size, JSON, overload)
}

// counters is Stats with atomic fields.
type counters struct {
	updates, handled, ignored, malformed, duplicates, handlerErrors, unfinished, shed atomic.Int64
	sent, rateLimited, blocked, transient, permanent, migrated                        atomic.Int64
	retries, dropped, callbacks, webhookRefused, floodNotices                         atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Updates: c.updates.Load(), Handled: c.handled.Load(), Ignored: c.ignored.Load(),
		Malformed: c.malformed.Load(), Duplicates: c.duplicates.Load(), HandlerErrors: c.handlerErrors.Load(),
		Unfinished: c.unfinished.Load(), Shed: c.shed.Load(), Sent: c.sent.Load(), RateLimited: c.rateLimited.Load(),
		Blocked: c.blocked.Load(), Transient: c.transient.Load(), Permanent: c.permanent.Load(),
		Migrated: c.migrated.Load(), Retries: c.retries.Load(), Dropped: c.dropped.Load(),
		Callbacks: c.callbacks.Load(), WebhookRefused: c.webhookRefused.Load(),
		FloodNotices: c.floodNotices.Load(),
	}
}

// count records the outcome of one Bot API call.
func (c *counters) count(o Outcome) {
	switch o {
	case Sent:
		c.sent.Add(1)
	case RateLimited:
		c.rateLimited.Add(1)
	case Blocked:
		c.blocked.Add(1)
	case Transient:
		c.transient.Add(1)
	case Permanent, Unauthorized:
		c.permanent.Add(1)
	case Migrated:
		c.migrated.Add(1)
	}
}
