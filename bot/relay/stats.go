package relay

import "sync/atomic"

// Stats counts what an adapter did since it started. All fields are
// totals. Not every adapter uses every field.
type Stats struct {
	Updates        int64 // updates or events received
	Handled        int64 // updates the engine answered
	Ignored        int64 // updates not for the engine (edits, channel posts, other bots' commands)
	Malformed      int64 // updates that could not be decoded
	Duplicates     int64 // updates seen twice and not handled again
	HandlerErrors  int64 // engine errors (the person got an apology)
	Unfinished     int64 // updates cut off by shutdown before any reply was sent (delivered again later)
	Shed           int64 // updates dropped because their person had MaxPerKey waiting (flood)
	FloodNotices   int64 // notices sent to flooding people (at most one per flood episode)
	Sent           int64 // platform calls that succeeded
	RateLimited    int64 // 429 answers
	Blocked        int64 // answers saying the chat blocked the bot or is gone
	Transient      int64 // 5xx and network errors
	Permanent      int64 // other refusals (400 …)
	Migrated       int64 // chats that moved (groups that became supergroups)
	Retries        int64 // calls repeated after 429, 5xx or migration
	Dropped        int64 // messages given up on (blocked chat, permanent error, retries exhausted)
	Callbacks      int64 // button presses answered
	WebhookRefused int64 // webhook requests refused (bad secret or signature, method, size, JSON, overload)
	Outbound       int64 // messages sent to an address outside an answer (volunteer replies, notices)
}

// Counters is Stats with atomic fields, for adapters to count into.
type Counters struct {
	Updates, Handled, Ignored, Malformed, Duplicates, HandlerErrors, Unfinished, Shed atomic.Int64
	FloodNotices, Sent, RateLimited, Blocked, Transient, Permanent, Migrated          atomic.Int64
	Retries, Dropped, Callbacks, WebhookRefused, Outbound                             atomic.Int64
}

// Snapshot reads the counters.
func (c *Counters) Snapshot() Stats {
	return Stats{
		Updates: c.Updates.Load(), Handled: c.Handled.Load(), Ignored: c.Ignored.Load(),
		Malformed: c.Malformed.Load(), Duplicates: c.Duplicates.Load(), HandlerErrors: c.HandlerErrors.Load(),
		Unfinished: c.Unfinished.Load(), Shed: c.Shed.Load(), FloodNotices: c.FloodNotices.Load(),
		Sent: c.Sent.Load(), RateLimited: c.RateLimited.Load(), Blocked: c.Blocked.Load(),
		Transient: c.Transient.Load(), Permanent: c.Permanent.Load(), Migrated: c.Migrated.Load(),
		Retries: c.Retries.Load(), Dropped: c.Dropped.Load(), Callbacks: c.Callbacks.Load(),
		WebhookRefused: c.WebhookRefused.Load(), Outbound: c.Outbound.Load(),
	}
}

// Count records the outcome of one platform call.
func (c *Counters) Count(o Outcome) {
	switch o {
	case Sent:
		c.Sent.Add(1)
	case RateLimited:
		c.RateLimited.Add(1)
	case Blocked:
		c.Blocked.Add(1)
	case Transient:
		c.Transient.Add(1)
	case Permanent, Unauthorized:
		c.Permanent.Add(1)
	case Migrated:
		c.Migrated.Add(1)
	}
}
