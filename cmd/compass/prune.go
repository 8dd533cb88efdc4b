package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/compassbot/compass/store"
)

func init() {
	register(command{
		name:    "prune",
		summary: "delete what is kept past its retention: idle sessions, unanswered questions, ticket texts, audit rows",
		run:     runPrune,
	})
}

const pruneUsage = `prune [--database-url URL]

Deletes from the bot's database what is older than its retention
(docs/privacy.md): sessions of people who have not written for
COMPASS_SESSION_RETENTION, unanswered questions older than
COMPASS_GAPS_RETENTION, the text and person of requests for a person closed
longer than COMPASS_TICKET_RETENTION ago, and audit rows older than
COMPASS_AUDIT_RETENTION. compass serve does the same every hour, one
replica at a time; prune is for a cron job or before a backup.`

// retentionFromEnv reads the retention settings.
func retentionFromEnv(env *Env) (store.Retention, error) {
	var r store.Retention
	var errs []error
	for _, s := range []struct {
		envVar string
		dst    *time.Duration
	}{
		{"COMPASS_SESSION_RETENTION", &r.Sessions}, {"COMPASS_GAPS_RETENTION", &r.Gaps},
		{"COMPASS_TICKET_RETENTION", &r.Tickets}, {"COMPASS_AUDIT_RETENTION", &r.Audit},
	} {
		d, err := durationSetting(env, s.envVar, time.Hour)
		*s.dst = d
		errs = append(errs, err)
	}
	return r, errors.Join(errs...)
}

func runPrune(ctx context.Context, env *Env, args []string) int {
	fs := newCommandFlags("prune", pruneUsage, env.Stderr)
	url := databaseURLFlag(fs, env)
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	r, err := retentionFromEnv(env)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass prune: %v\n", err)
		return 2
	}
	if *url == "" {
		fmt.Fprintln(env.Stderr, "compass prune: no database: set DATABASE_URL (without one, compass keeps nothing)")
		return 2
	}
	db, err := openMigratedStore(ctx, *url, newLogger(env, env.Stderr, slog.LevelWarn))
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass prune: %v\n", err)
		return 1
	}
	defer db.Close()
	p, err := db.Prune(ctx, time.Now(), r)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass prune: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "deleted %d idle session(s) (older than %s), %d unanswered question(s) (%s), %d audit row(s) (%s), %d update id(s); emptied %d closed ticket(s) (%s)\n",
		p.Sessions, days(r.Sessions), p.Gaps, days(r.Gaps), p.Audit, days(r.Audit), p.Updates, p.Tickets, days(r.Tickets))
	return 0
}

// days writes a retention as people say it: 180d, 36h.
func days(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	return d.String()
}

// retentionEvery is how often serve prunes.
const retentionEvery = time.Hour

// retentionLock names the advisory lock that lets one replica prune at a
// time.
var retentionLock = store.LockKey("retention")

// keepRetention prunes the database now and every retentionEvery until
// ctx ends. A replica that finds another pruning (the advisory lock held)
// skips its turn. Run it in its own goroutine.
func keepRetention(ctx context.Context, db *store.DB, r store.Retention, logger *slog.Logger) {
	t := time.NewTicker(retentionEvery)
	defer t.Stop()
	for {
		pruneOnce(ctx, db, r, logger)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// pruneOnce prunes unless another replica holds the retention lock; it
// reports whether it did.
func pruneOnce(ctx context.Context, db *store.DB, r store.Retention, logger *slog.Logger) bool {
	lock, ok, err := db.TryLock(ctx, retentionLock)
	if err != nil || !ok {
		if err != nil && ctx.Err() == nil {
			logger.Warn("retention: could not take the lock; trying again later", "err", err)
		}
		return false
	}
	defer lock.Unlock()
	p, err := db.Prune(ctx, time.Now(), r)
	if err != nil {
		if ctx.Err() == nil {
			logger.Warn("retention: pruning failed; trying again later", "err", err)
		}
		return false
	}
	logger.Info("retention: pruned", "sessions", p.Sessions, "gaps", p.Gaps, "tickets", p.Tickets, "audit", p.Audit, "update_ids", p.Updates)
	return true
}
