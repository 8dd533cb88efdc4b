package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLock is the pg_advisory_lock key that serialises Migrate across
// processes ("compass" in ASCII), so replicas starting together don't race.
const migrationLock = 0x636f6d70617373

const (
	lockSQL                  = `SELECT pg_advisory_lock($1)`
	unlockSQL                = `SELECT pg_advisory_unlock($1)`
	createMigrationsTableSQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
	name       text PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now()
)`
	appliedMigrationSQL = `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = $1)`
	recordMigrationSQL  = `INSERT INTO schema_migrations (name) VALUES ($1)`
)

// Migrate applies the embedded migrations (migrations/*.sql) that the
// database has not seen yet, in name order, each in its own transaction. It
// holds a PostgreSQL advisory lock meanwhile, so concurrent callers wait for
// each other; running it again is a no-op. MigrateReport does the same and
// also says which migrations it applied.
func (s *DB) Migrate(ctx context.Context) error {
	_, err := s.MigrateReport(ctx)
	return err
}

// MigrateReport is Migrate that returns the names of the migrations this call
// applied, in the order applied (e.g. "0001_content.sql"); none means the
// schema was already up to date. On error it returns those applied before the
// failure.
func (s *DB) MigrateReport(ctx context.Context) ([]string, error) {
	names, err := fs.Glob(Migrations(), "*.sql")
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	sort.Strings(names)
	conn, err := s.db.Connx(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, lockSQL, migrationLock); err != nil {
		return nil, fmt.Errorf("store: migrate: take lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), unlockSQL, migrationLock)
	if _, err := conn.ExecContext(ctx, createMigrationsTableSQL); err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var applied []string
	for _, name := range names {
		ran, err := s.migrateOne(ctx, conn, name)
		if err != nil {
			return applied, fmt.Errorf("store: migration %s: %w", name, err)
		}
		if ran {
			applied = append(applied, name)
		}
	}
	return applied, nil
}

// migrateOne applies migration name unless the database has it already,
// reporting whether it ran.
func (s *DB) migrateOne(ctx context.Context, conn *sqlx.Conn, name string) (bool, error) {
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var applied bool
	if err := tx.GetContext(ctx, &applied, appliedMigrationSQL, name); err != nil {
		return false, err
	}
	if applied {
		return false, nil
	}
	body, err := fs.ReadFile(Migrations(), name)
	if err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, recordMigrationSQL, name); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	s.logger.Info("store: applied migration", "name", name)
	return true, nil
}

// Migrations returns the embedded migration files, for tests and tools.
func Migrations() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
