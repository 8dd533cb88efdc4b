package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/compassbot/compass/store"
)

func init() {
	register(command{
		name:    "migrate",
		summary: "create or update the PostgreSQL schema (--database-url or DATABASE_URL)",
		run:     runMigrate,
	})
}

func runMigrate(ctx context.Context, env *Env, args []string) int {
	fs := newCommandFlags("migrate", "migrate [--database-url URL]", env.Stderr)
	url := databaseURLFlag(fs, env)
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	if *url == "" {
		fmt.Fprintln(env.Stderr, "compass migrate: no database: set --database-url or DATABASE_URL")
		return 2
	}
	db, err := store.Open(ctx, *url)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass migrate: %v\n", err)
		return 1
	}
	defer db.Close()
	db.SetLogger(newLogger(env, env.Stderr, slog.LevelWarn)) // what was applied is printed below
	applied, err := db.MigrateReport(ctx)
	if len(applied) > 0 {
		fmt.Fprintf(env.Stdout, "applied %s\n", strings.Join(applied, ", "))
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass migrate: %v\n", err)
		return 1
	}
	if len(applied) == 0 {
		fmt.Fprintln(env.Stdout, "the database schema is up to date")
	}
	return 0
}
