package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/compassbot/compass/content/packfile"
)

func init() {
	register(command{
		name:    "import",
		summary: "load a content pack directory into PostgreSQL and print what changed",
		run:     runImport,
	})
}

func runImport(ctx context.Context, env *Env, args []string) int {
	fs := newCommandFlags("import", "import --pack DIR [--dry-run] [--database-url URL]", env.Stderr)
	dir := fs.String("pack", env.Getenv("COMPASS_PACK"), "content pack directory to import (env COMPASS_PACK)")
	dryRun := fs.Bool("dry-run", false, "print what would change, change nothing")
	url := databaseURLFlag(fs, env)
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	switch {
	case *dir == "":
		fmt.Fprintln(env.Stderr, "compass import: which pack? set --pack DIR")
		return 2
	case *url == "":
		fmt.Fprintln(env.Stderr, "compass import: no database: set --database-url or DATABASE_URL")
		return 2
	}
	p, err := packfile.LoadDirContext(ctx, *dir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass import: the pack in %s has errors, nothing was imported:\n%v\n", *dir, err)
		return 1
	}
	db, err := openMigratedStore(ctx, *url, newLogger(env, env.Stderr, slog.LevelWarn)) // the report says what changed
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass import: %v\n", err)
		return 1
	}
	defer db.Close()
	importPack, verb := db.Import, "imported"
	if *dryRun {
		importPack, verb = db.PlanImport, "dry run, nothing changed: importing would change"
	}
	report, err := importPack(ctx, p)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass import: nothing was imported: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "%s pack %s from %s\n", verb, p.ID, *dir)
	report.Print(env.Stdout)
	return 0
}
