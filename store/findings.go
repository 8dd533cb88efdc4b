package store

import (
	"context"
	"time"

	"github.com/compassbot/compass/content"
)

// Findings loads the content and lists what editors should look at, as of
// now: missing, machine-made and outdated translations per language, and
// reviews older than 12 months (content.CheckPack).
func (s *DB) Findings(ctx context.Context, now time.Time) ([]content.Finding, error) {
	p, err := s.Load(ctx)
	if err != nil {
		return nil, err
	}
	return content.CheckPack(p, now), nil
}
