package content

import (
	"context"
	"time"
)

// UpdateClaim is what taking a platform update found.
type UpdateClaim int

const (
	UpdateFresh UpdateClaim = iota // taken: handle it
	UpdateDone                     // answered already (by any replica): acknowledge, do not answer again
	UpdateBusy                     // another live replica is handling it now
)

// UpdateLog remembers, across replicas sharing a database, which updates
// of a platform were taken and answered, by the platform's update id, so
// that an update delivered twice is answered once. store.DB.Updates
// implements it; adapters take it in their configuration.
type UpdateLog interface {
	// Take claims update id for this process for lease.
	Take(ctx context.Context, id int64, lease time.Duration) (UpdateClaim, error)
	// Finish records that the update was answered.
	Finish(ctx context.Context, id int64) error
	// Release gives back an update taken but not answered (cut off by a
	// shutdown), so that its redelivery is handled at once.
	Release(ctx context.Context, id int64) error
}
