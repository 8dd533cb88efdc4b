package store

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// maxGapText is the most of a question a gap keeps (runes).
const maxGapText = 1000

const insertGapSQL = `INSERT INTO gaps (at, lang, region, text, near_miss, score) VALUES ($1, $2, $3, $4, $5, $6)`

// RecordGap keeps one unanswered question (content.GapRecorder).
func (s *DB) RecordGap(ctx context.Context, g content.Gap) error {
	text := []rune(g.Text)
	if len(text) > maxGapText {
		text = text[:maxGapText]
	}
	if len(text) == 0 {
		return nil
	}
	if _, err := s.db.ExecContext(ctx, insertGapSQL, g.At, g.Lang, g.Region, string(text), candidates(g.NearMiss), g.Score); err != nil {
		return fmt.Errorf("store: record gap: %w", err)
	}
	return nil
}

// GapFilter selects gaps: asked since Since, in Lang and Region when set.
type GapFilter struct {
	Since  time.Time
	Lang   string
	Region string
}

const listGapsSQL = `SELECT at, lang, region, text, near_miss, score FROM gaps
WHERE at >= $1 AND ($2 = '' OR lang = $2) AND ($3 = '' OR region = $3) ORDER BY at`

type gapRow struct {
	At       time.Time      `db:"at"`
	Lang     string         `db:"lang"`
	Region   string         `db:"region"`
	Text     string         `db:"text"`
	NearMiss pq.StringArray `db:"near_miss"`
	Score    float64        `db:"score"`
}

// Gaps returns the unanswered questions the filter selects, oldest first.
func (s *DB) Gaps(ctx context.Context, f GapFilter) ([]content.Gap, error) {
	var rows []gapRow
	if err := s.db.SelectContext(ctx, &rows, listGapsSQL, f.Since, f.Lang, f.Region); err != nil {
		return nil, fmt.Errorf("store: list gaps: %w", err)
	}
	gaps := make([]content.Gap, len(rows))
	for i, r := range rows {
		gaps[i] = content.Gap{At: r.At, Lang: r.Lang, Region: r.Region, Text: r.Text, NearMiss: []string(r.NearMiss), Score: r.Score}
	}
	return gaps, nil
}
