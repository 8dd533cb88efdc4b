package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/compassbot/compass/content"
)

// Updates returns the log of the updates of source (e.g. "telegram:<bot
// id>") that this process, holder, takes (content.UpdateLog).
func (s *DB) Updates(source, holder string) content.UpdateLog {
	return updateLog{s: s, source: source, holder: holder}
}

type updateLog struct {
	s              *DB
	source, holder string
}

const (
	// An update is taken when it is new, when its holder died (lease
	// over) or when the same process takes it again; never once done.
	takeUpdateSQL = `INSERT INTO platform_updates (source, update_id, holder, lease_until)
VALUES ($1, $2, $3, now() + make_interval(secs => $4))
ON CONFLICT (source, update_id) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until, taken_at = now()
WHERE platform_updates.done_at IS NULL AND (platform_updates.lease_until < now() OR platform_updates.holder = excluded.holder)
RETURNING true`
	updateDoneSQL    = `SELECT done_at IS NOT NULL FROM platform_updates WHERE source = $1 AND update_id = $2`
	finishUpdateSQL  = `UPDATE platform_updates SET done_at = now() WHERE source = $1 AND update_id = $2`
	releaseUpdateSQL = `DELETE FROM platform_updates WHERE source = $1 AND update_id = $2 AND holder = $3 AND done_at IS NULL`
)

func (u updateLog) Take(ctx context.Context, id int64, lease time.Duration) (content.UpdateClaim, error) {
	var taken bool
	err := u.s.db.GetContext(ctx, &taken, takeUpdateSQL, u.source, id, u.holder, lease.Seconds())
	if err == nil {
		return content.UpdateFresh, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return content.UpdateFresh, fmt.Errorf("store: take update %d: %w", id, err)
	}
	var done bool
	if err := u.s.db.GetContext(ctx, &done, updateDoneSQL, u.source, id); err != nil {
		return content.UpdateFresh, fmt.Errorf("store: take update %d: %w", id, err)
	}
	if done {
		return content.UpdateDone, nil
	}
	return content.UpdateBusy, nil
}

func (u updateLog) Finish(ctx context.Context, id int64) error {
	if _, err := u.s.db.ExecContext(ctx, finishUpdateSQL, u.source, id); err != nil {
		return fmt.Errorf("store: finish update %d: %w", id, err)
	}
	return nil
}

func (u updateLog) Release(ctx context.Context, id int64) error {
	if _, err := u.s.db.ExecContext(ctx, releaseUpdateSQL, u.source, id, u.holder); err != nil {
		return fmt.Errorf("store: release update %d: %w", id, err)
	}
	return nil
}
