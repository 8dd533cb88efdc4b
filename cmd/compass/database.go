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
	var url string
	stringFlag(fs, env, "DATABASE_URL", &url)
	return &url
}

// openMigratedStore connects to the database and applies any migrations it
// lacks (under an advisory lock, so replicas starting together are safe).
// The store logs to logger from the start, so that what migrating logs has
// the format of the rest.
func openMigratedStore(ctx context.Context, url string, logger *slog.Logger) (*store.DB, error) {
	db, err := openStore(ctx, url, logger)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openStore connects to the database; the store logs to logger (nil:
// slog.Default()).
func openStore(ctx context.Context, url string, logger *slog.Logger) (*store.DB, error) {
	db, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	db.SetLogger(logger)
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
