package relay

import (
	"errors"
	"time"

	"github.com/compassbot/compass/bot"
)

// Outcome is the class of the answer a platform gave to one call; it says
// what to do next.
type Outcome int

const (
	Sent         Outcome = iota // it worked
	RateLimited                 // 429: wait RetryAfter, then retry
	Blocked                     // the person blocked the bot, left, or the chat is gone: stop sending to it
	Transient                   // 5xx, network: retry with backoff
	Permanent                   // 400 and other refusals: log and drop
	Migrated                    // the chat moved (a group became a supergroup): resend to MigrateTo
	Canceled                    // our own context ended
	Unauthorized                // the token was refused: the adapter cannot work at all
)

var outcomeNames = [...]string{"sent", "rate_limited", "blocked", "transient", "permanent", "migrated", "canceled", "unauthorized"}

// String is the outcome's name in logs and metrics labels.
func (o Outcome) String() string {
	if int(o) >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// Result is one call's answer sorted into an Outcome, with what the
// outcome needs.
type Result struct {
	Outcome    Outcome
	RetryAfter time.Duration // for RateLimited
	MigrateTo  int64         // for Migrated: the chat's new id
}

// Error is a send that did not succeed, with its outcome. It unwraps to the
// platform's error, and matches bot.ErrBlocked when the outcome is Blocked
// and bot.ErrRefused when it is Permanent, so the engine can tell a
// blocked chat and a refused message without knowing the platform.
type Error struct {
	Outcome Outcome
	Err     error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "send " + e.Outcome.String()
	}
	return "send " + e.Outcome.String() + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, bot.ErrBlocked) true for a blocked chat and
// errors.Is(err, bot.ErrRefused) true for a permanent refusal.
func (e *Error) Is(target error) bool {
	switch target {
	case bot.ErrBlocked:
		return e.Outcome == Blocked
	case bot.ErrRefused:
		return e.Outcome == Permanent // a refused token (Unauthorized) refuses every message: try again later
	}
	return false
}

// OutcomeOf returns the outcome an error returned by Policy.Do carries:
// Sent for nil, Transient for an error that is not an *Error.
func OutcomeOf(err error) Outcome {
	if err == nil {
		return Sent
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Outcome
	}
	return Transient
}
