package main

import (
	"context"
	"fmt"
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
	db, err := openMigratedStore(ctx, *url)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass migrate: %v\n", err)
		return 1
	}
	defer db.Close()
	fmt.Fprintln(env.Stdout, "the database schema is up to date")
	return 0
}
