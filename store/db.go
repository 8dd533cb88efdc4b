package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq" // PostgreSQL driver
)

// connectTimeout bounds making one connection (TCP, TLS and start-up)
// unless the URL sets connect_timeout.
const connectTimeout = 10 * time.Second

// DB is a connection pool to a compass database.
type DB struct {
	db     *sqlx.DB
	url    string
	logger *slog.Logger
	loaded atomic.Int64 // content version the last Load read; -1: none
}

// Open connects to the PostgreSQL database at url (a postgres:// URL or a
// key=value connection string) and checks that it answers. It does not
// migrate: call Migrate.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pq.NewConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redact(url), err)
	}
	if cfg.ConnectTimeout <= 0 {
		// A server that accepts the connection and never answers (a
		// full backlog, a hung proxy) must not hang the caller.
		cfg.ConnectTimeout = connectTimeout
	}
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redact(url), err)
	}
	db := sqlx.NewDb(sql.OpenDB(connector), "postgres")
	db.SetMaxOpenConns(10)
	db.SetMaxIdleConns(5)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &DB{db: db, url: url, logger: slog.Default()}
	s.loaded.Store(-1)
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// SetLogger sets where the store logs reconnects and reloads (default
// slog.Default()).
func (s *DB) SetLogger(l *slog.Logger) {
	if l != nil {
		s.logger = l
	}
}

// Close closes the pool.
func (s *DB) Close() error { return s.db.Close() }

// Ping reports whether the database answers; use it for readiness.
func (s *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: database %s does not answer: %w", redact(s.url), err)
	}
	return nil
}

// redact hides a password in a database URL for messages and logs.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return "(connection string)"
	}
	return u.Redacted()
}
