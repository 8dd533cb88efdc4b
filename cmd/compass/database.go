package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/compassbot/compass/store"
)

// databaseURLFlag adds --database-url to fs, defaulting to $DATABASE_URL.
func databaseURLFlag(fs *flag.FlagSet, env *Env) *string {
	return fs.String("database-url", env.Getenv("DATABASE_URL"),
		"PostgreSQL URL, e.g. postgres://user@host/db?sslmode=disable (env DATABASE_URL)")
}

// openMigratedStore connects to the database and applies any migrations it
// lacks (under an advisory lock, so replicas starting together are safe).
// The store logs to logger from the start, so that what migrating logs has
// the format of the rest.
func openMigratedStore(ctx context.Context, url string, logger *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	db.SetLogger(logger)
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// newCommandFlags returns a flag set for a database subcommand that prints
// its usage and errors to w (parse it with parseFlags).
func newCommandFlags(name, usage string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	fs.Usage = func() {
		fmt.Fprintf(w, "Usage: compass %s\n\n", usage)
		fs.PrintDefaults()
	}
	return fs
}
