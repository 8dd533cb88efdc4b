package telegram

import (
	"context"
	"time"

	"github.com/compassbot/compass/content"
)

// updateLogTimeout bounds each call to the update log: a slow database
// must not hold updates back; without an answer the update is handled
// (answering twice beats not answering).
const updateLogTimeout = 2 * time.Second

// claim takes update id in Config.Updates, the log replicas share; without
// one, or when the log does not answer, every update is fresh.
func (a *Adapter) claim(ctx context.Context, id int) content.UpdateClaim {
	if a.cfg.Updates == nil {
		return content.UpdateFresh
	}
	ctx, cancel := context.WithTimeout(ctx, updateLogTimeout)
	defer cancel()
	c, err := a.cfg.Updates.Take(ctx, int64(id), a.cfg.UpdateTimeout+updateLogTimeout)
	if err != nil {
		a.log.Warn("telegram: update log unavailable; handling the update anyway", "update", id, "err", err)
		return content.UpdateFresh
	}
	return c
}

// settle records in the update log that update id was answered, or gives
// it back when it was cut off unanswered.
func (a *Adapter) settle(id int, finished bool) {
	if a.cfg.Updates == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), updateLogTimeout)
	defer cancel()
	var err error
	if finished {
		err = a.cfg.Updates.Finish(ctx, int64(id))
	} else {
		err = a.cfg.Updates.Release(ctx, int64(id))
	}
	if err != nil {
		a.log.Warn("telegram: recording an update in the update log failed", "update", id, "answered", finished, "err", err)
	}
}
