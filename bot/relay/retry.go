package relay

import (
	"context"
	"log/slog"
	"time"
)

// Policy says how often a send is tried and how long to wait in between.
// The zero value means the defaults.
type Policy struct {
	MaxAttempts   int                             // calls per message, the first included; default 4
	MaxRetryAfter time.Duration                   // a 429 asking to wait longer drops the message; default 60 s
	Backoff       func(attempt int) time.Duration // wait after the n-th transient failure; default ExpBackoff
}

// ExpBackoff waits 0.5 s, 1 s, 2 s, … up to 30 s.
func ExpBackoff(attempt int) time.Duration {
	d := 500 * time.Millisecond << min(max(attempt-1, 0), 6)
	return min(d, 30*time.Second)
}

func (p Policy) withDefaults() Policy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 4
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = time.Minute
	}
	if p.Backoff == nil {
		p.Backoff = ExpBackoff
	}
	return p
}

// Do makes a call until it is sent, refused for good, or the policy gives
// up: it waits RetryAfter after a 429 (dropping the message when that is
// longer than MaxRetryAfter), backs off after transient failures, retries
// a migrated chat at once (call must switch to the new chat), and stops at
// once for a blocked chat, a permanent refusal or a canceled context. call
// classifies its own answer (and counts it: Do counts only retries and
// dropped messages). desc and the attrs describe the message in logs;
// never put message text there. The error is nil or an *Error.
func (p Policy) Do(ctx context.Context, stats *Counters, log *slog.Logger, desc string, call func() (Result, error), attrs ...any) error {
	p = p.withDefaults()
	for attempt := 1; ; attempt++ {
		r, err := call()
		var wait time.Duration
		switch r.Outcome {
		case Sent:
			return nil
		case Canceled, Unauthorized:
			return &Error{Outcome: r.Outcome, Err: err}
		case Blocked:
			stats.Dropped.Add(1)
			return &Error{Outcome: Blocked, Err: err}
		case RateLimited:
			wait = r.RetryAfter
		case Transient:
			wait = p.Backoff(attempt)
		case Migrated:
		default:
			log.Warn(desc+": refused", append(attrs, "outcome", r.Outcome.String(), "error", err)...)
			stats.Dropped.Add(1)
			return &Error{Outcome: r.Outcome, Err: err}
		}
		if attempt >= p.MaxAttempts || wait > p.MaxRetryAfter {
			log.Warn(desc+": giving up", append(attrs, "outcome", r.Outcome.String(), "attempts", attempt, "error", err)...)
			stats.Dropped.Add(1)
			return &Error{Outcome: r.Outcome, Err: err}
		}
		stats.Retries.Add(1)
		if err := Sleep(ctx, wait); err != nil {
			return &Error{Outcome: Canceled, Err: err}
		}
	}
}

// Sleep waits d or until ctx ends, and returns ctx's error then.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
