package relay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
)

func TestPolicy_ActsOnEachOutcome(t *testing.T) {
	rl := func(d time.Duration) Result { return Result{Outcome: RateLimited, RetryAfter: d} }
	tests := []struct {
		name      string
		answers   []Result
		wantCalls int
		want      Outcome
		retries   int64
		dropped   int64
	}{
		{"sent at once", []Result{{}}, 1, Sent, 0, 0},
		{"429 waits retry_after", []Result{rl(20 * time.Millisecond), {}}, 2, Sent, 1, 0},
		{"429 too long drops", []Result{rl(2 * time.Minute)}, 1, RateLimited, 0, 1},
		{"transient backs off", []Result{{Outcome: Transient}, {Outcome: Transient}, {}}, 3, Sent, 2, 0},
		{"transient gives up", []Result{{Outcome: Transient}, {Outcome: Transient}, {Outcome: Transient}, {Outcome: Transient}}, 4, Transient, 3, 1},
		{"blocked stops", []Result{{Outcome: Blocked}}, 1, Blocked, 0, 1},
		{"permanent drops", []Result{{Outcome: Permanent}}, 1, Permanent, 0, 1},
		{"migrated retries at once", []Result{{Outcome: Migrated, MigrateTo: -100}, {}}, 2, Sent, 1, 0},
		{"canceled returns", []Result{{Outcome: Canceled}}, 1, Canceled, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Policy{Backoff: func(n int) time.Duration { return time.Duration(n) * time.Millisecond }}
			var stats Counters
			calls := 0
			err := p.Do(context.Background(), &stats, slog.New(slog.NewTextHandler(io.Discard, nil)), "test", func() (Result, error) {
				r := tt.answers[calls]
				calls++
				if r.Outcome == Sent {
					return r, nil
				}
				return r, fmt.Errorf("answer %d", calls)
			})
			if calls != tt.wantCalls || OutcomeOf(err) != tt.want {
				t.Errorf("%d calls, outcome %v (%v); want %d, %v", calls, OutcomeOf(err), err, tt.wantCalls, tt.want)
			}
			if got := stats.Snapshot(); got.Dropped != tt.dropped || got.Retries != tt.retries {
				t.Errorf("dropped %d, retries %d; want %d, %d", got.Dropped, got.Retries, tt.dropped, tt.retries)
			}
		})
	}
}

func TestError_MatchesErrBlockedOnlyWhenBlocked(t *testing.T) {
	blocked := fmt.Errorf("wrapped: %w", &Error{Outcome: Blocked, Err: errors.New("403")})
	if !errors.Is(blocked, bot.ErrBlocked) {
		t.Error("a blocked send does not match bot.ErrBlocked")
	}
	if errors.Is(&Error{Outcome: Permanent}, bot.ErrBlocked) {
		t.Error("a permanent refusal matches bot.ErrBlocked")
	}
	if OutcomeOf(blocked) != Blocked || OutcomeOf(nil) != Sent || OutcomeOf(errors.New("x")) != Transient {
		t.Error("OutcomeOf misreads errors")
	}
}

// A token the platform refuses (401: rotated, revoked) refuses every
// message, not this one: it is no bot.ErrRefused, so the outbox keeps a
// volunteer's reply and tries again (a replica with the new token may
// send it) instead of dropping every waiting reply at once.
func TestError_RefusedOnlyForTheMessage(t *testing.T) {
	if !errors.Is(&Error{Outcome: Permanent}, bot.ErrRefused) {
		t.Error("a permanent refusal of the message does not match bot.ErrRefused")
	}
	if errors.Is(&Error{Outcome: Unauthorized}, bot.ErrRefused) {
		t.Error("a refused token matches bot.ErrRefused: every waiting reply would be given up")
	}
}
