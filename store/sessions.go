package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/compassbot/compass/content"
)

// Sessions returns the session store kept in the sessions table: a person's
// channel, user id, chosen language, last written language, region and
// browsed topic, nothing else.
func (s *DB) Sessions() content.SessionStore { return sessions{s} }

type sessions struct{ s *DB }

const (
	selectSessionSQL = `SELECT channel, user_id, coalesce(lang, '') AS lang, coalesce(written, '') AS written,
	coalesce(region, '') AS region, coalesce(topic, '') AS topic, coalesce(focus, '') AS focus
	FROM sessions WHERE channel = $1 AND user_id = $2`
	upsertSessionSQL = `INSERT INTO sessions (channel, user_id, lang, written, region, topic, focus, updated_at)
VALUES ($1, $2, nullif($3, ''), nullif($4, ''), nullif($5, ''), nullif($6, ''), nullif($7, ''), now())
ON CONFLICT (channel, user_id) DO UPDATE
SET lang = excluded.lang, written = excluded.written, region = excluded.region, topic = excluded.topic,
	focus = excluded.focus, updated_at = excluded.updated_at`
	deleteSessionSQL = `DELETE FROM sessions WHERE channel = $1 AND user_id = $2`
)

type sessionRow struct {
	Channel string `db:"channel"`
	UserID  string `db:"user_id"`
	Lang    string `db:"lang"`
	Written string `db:"written"`
	Region  string `db:"region"`
	Topic   string `db:"topic"`
	Focus   string `db:"focus"`
}

// Get returns the user's session, or content.ErrNotFound.
func (ss sessions) Get(ctx context.Context, channel, userID string) (content.Session, error) {
	var r sessionRow
	err := ss.s.db.GetContext(ctx, &r, selectSessionSQL, channel, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return content.Session{}, content.ErrNotFound
	}
	if err != nil {
		return content.Session{}, fmt.Errorf("store: get session: %w", err)
	}
	return content.Session{Channel: r.Channel, UserID: r.UserID, Lang: r.Lang, Written: r.Written, Region: r.Region, Topic: r.Topic, Focus: r.Focus}, nil
}

// Put stores the session, replacing the user's previous one.
func (ss sessions) Put(ctx context.Context, sess content.Session) error {
	if sess.Channel == "" || sess.UserID == "" {
		return fmt.Errorf("store: put session: channel and user id are required (got %q, %q)", sess.Channel, sess.UserID)
	}
	if _, err := ss.s.db.ExecContext(ctx, upsertSessionSQL, sess.Channel, sess.UserID, sess.Lang, sess.Written, sess.Region, sess.Topic, sess.Focus); err != nil {
		return fmt.Errorf("store: put session: %w", err)
	}
	return nil
}

// Delete removes everything stored about the user. Deleting an unknown
// user is not an error.
func (ss sessions) Delete(ctx context.Context, channel, userID string) error {
	if _, err := ss.s.db.ExecContext(ctx, deleteSessionSQL, channel, userID); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}
