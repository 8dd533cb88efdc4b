package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/jmoiron/sqlx"
)

// Retention says how long what the bot keeps is kept (docs/privacy.md).
// A zero duration keeps that kind forever.
type Retention struct {
	Sessions time.Duration // sessions of people who have not written for this long
	Gaps     time.Duration // unanswered questions
	Tickets  time.Duration // text and person of closed tickets (Tickets().Purge)
	Audit    time.Duration // audit_log rows
}

// updateRetention is how long platform_updates remembers an update id:
// Telegram keeps an update for 24 hours.
const updateRetention = 48 * time.Hour

// Pruned says how many rows Prune deleted or emptied.
type Pruned struct {
	Sessions, Gaps, Tickets, Audit, Updates int
}

const (
	pruneSessionsSQL = `DELETE FROM sessions WHERE updated_at < $1`
	pruneGapsSQL     = `DELETE FROM gaps WHERE at < $1`
	pruneAuditSQL    = `DELETE FROM audit_log WHERE at < $1`
	pruneUpdatesSQL  = `DELETE FROM platform_updates WHERE taken_at < $1`
)

// Prune deletes what is older than its retention at now: sessions idle
// longer than r.Sessions, gaps older than r.Gaps, the text and person of
// tickets closed longer than r.Tickets ago (the ticket store's Purge, as
// the ticket jobs do), audit rows older than r.Audit, and update ids
// older than two days. Safe to run at any time and from several processes.
func (s *DB) Prune(ctx context.Context, now time.Time, r Retention) (Pruned, error) {
	var p Pruned
	var err error
	for _, step := range []struct {
		what string
		keep time.Duration
		n    *int
		run  func(before time.Time) (int, error)
	}{
		{"sessions", r.Sessions, &p.Sessions, func(before time.Time) (int, error) { return s.deleteOlder(ctx, pruneSessionsSQL, before) }},
		{"gaps", r.Gaps, &p.Gaps, func(before time.Time) (int, error) { return s.deleteOlder(ctx, pruneGapsSQL, before) }},
		{"tickets", r.Tickets, &p.Tickets, func(before time.Time) (int, error) { return s.Tickets().Purge(ctx, before) }},
		{"audit log", r.Audit, &p.Audit, func(before time.Time) (int, error) { return s.deleteOlder(ctx, pruneAuditSQL, before) }},
		{"update ids", updateRetention, &p.Updates, func(before time.Time) (int, error) { return s.deleteOlder(ctx, pruneUpdatesSQL, before) }},
	} {
		if step.keep <= 0 {
			continue
		}
		if *step.n, err = step.run(now.Add(-step.keep)); err != nil {
			return p, fmt.Errorf("store: prune %s: %w", step.what, err)
		}
	}
	return p, nil
}

func (s *DB) deleteOlder(ctx context.Context, query string, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, query, before)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

const (
	tryLockSQL     = `SELECT pg_try_advisory_lock($1)`
	releaseLockSQL = `SELECT pg_advisory_unlock($1)`
)

// Lock is a PostgreSQL session advisory lock, held on a connection of its
// own: Unlock releases it, and the server does as soon as the process or
// its connection dies, so that another replica can take it.
type Lock struct {
	key  int64
	conn *sqlx.Conn
}

// LockKey is the advisory lock key for a name (FNV-1a of "compass:" +
// name), so that every process derives the same key.
func LockKey(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("compass:" + name))
	return int64(h.Sum64())
}

// TryLock takes the advisory lock key if no other session holds it; ok
// is false (and the lock nil) when one does.
func (s *DB) TryLock(ctx context.Context, key int64) (l *Lock, ok bool, err error) {
	conn, err := s.db.Connx(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lock: %w", err)
	}
	if err := conn.GetContext(ctx, &ok, tryLockSQL, key); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("store: lock: %w", err)
		}
		return nil, false, nil
	}
	return &Lock{key: key, conn: conn}, true, nil
}

// Held reports whether the lock is still held: its connection answers.
// A lock whose connection broke has been released by the server (or will
// be, once it notices), and another process may hold it by now.
func (l *Lock) Held(ctx context.Context) bool {
	_, err := l.conn.ExecContext(ctx, `SELECT 1`)
	return err == nil
}

// Unlock releases the lock and its connection.
func (l *Lock) Unlock() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, _ = l.conn.ExecContext(ctx, releaseLockSQL, l.key)
	l.conn.Close()
}
