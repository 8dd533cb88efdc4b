package main

import (
	"context"
	"fmt"

	"github.com/compassbot/compass/content/packfile"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
)

func init() {
	register(command{
		name:    "export",
		summary: "write the database's content (or, without a database, the bundled pack) as a content pack",
		run:     runExport,
	})
}

func runExport(ctx context.Context, env *Env, args []string) int {
	fs := newCommandFlags("export", "export --out DIR [--database-url URL | --bundled]", env.Stderr)
	out := fs.String("out", "", "directory to write the pack into (created if missing; must be empty or hold a pack)")
	useBundled := fs.Bool("bundled", false, "write the bundled pack even when a database is configured")
	url := databaseURLFlag(fs, env)
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	if *out == "" {
		fmt.Fprintln(env.Stderr, "compass export: where to? set --out DIR")
		return 2
	}
	var (
		p    *content.Pack
		from string
		err  error
	)
	if *url == "" || *useBundled {
		from = "the bundled pack"
		p, err = loadBundled()
	} else {
		from = "the database"
		p, err = loadFromDatabase(ctx, *url)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass export: %v\n", err)
		return 1
	}
	if err := packfile.Write(*out, p); err != nil {
		fmt.Fprintf(env.Stderr, "compass export: write %s: %v\n", *out, err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%s) to %s\n", from, packSummary(p), *out)
	return 0
}

func loadFromDatabase(ctx context.Context, url string) (*content.Pack, error) {
	db, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Load(ctx)
}
