package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content/packfile"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/store/storetest"
)

// ask, chat and check read the content from PostgreSQL when DATABASE_URL
// is set, end to end: migrate, import a pack, then ask about it.
func TestContentFromDatabase(t *testing.T) {
	env := map[string]string{"DATABASE_URL": storetest.NewDatabase(t)}
	if r := runCLI(t, "", env, "migrate"); r.code != 0 {
		t.Fatalf("migrate: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", env, "import", "--pack", "../../bot/testdata/pack"); r.code != 0 {
		t.Fatalf("import: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r := runCLI(t, `{"text":"meldezettel","lang":"de","region":"at-graz"}`+"\n", env, "ask", "--json")
	out := parseAskOutput(t, r.stdout)
	if r.code != 0 || len(out) != 1 || out[0].Intent == nil || *out[0].Intent != "residence.registration" ||
		!strings.Contains(*out[0].Reply, "Schmiedgasse") {
		t.Fatalf("ask from the database: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runCLI(t, "", env, "check")
	if r.code != 0 || !strings.Contains(r.stdout, `the database: pack "fixture"`) || !strings.Contains(r.stdout, "uk: missing translation") {
		t.Fatalf("check from the database: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// A flag on the command line beats DATABASE_URL.
	r = runCLI(t, "", env, "check", "--pack", "testdata/broken-pack")
	if r.code != 1 || !strings.Contains(r.stdout, "doctor.yaml") {
		t.Fatalf("--pack must win over DATABASE_URL: exit %d\n%s", r.code, r.stdout)
	}
}

func TestContentFromDatabase_Unreachable(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}
	r := runCLI(t, "hello\n", env, "ask", "--json")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "127.0.0.1:1") {
		t.Fatalf("unreachable database: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// An editor's change reaches a running engine without a restart.
func TestKeepFresh_ReloadsOnDatabaseChange(t *testing.T) {
	url := storetest.NewDatabase(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := map[string]string{"DATABASE_URL": url}
	if r := runCLI(t, "", env, "migrate"); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	if r := runCLI(t, "", env, "import", "--pack", "../../bot/testdata/pack"); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	cli := &Env{Getenv: func(k string) string { return env[k] }, Stderr: io.Discard}
	src := addSourceFlags(flag.NewFlagSet("t", flag.ContinueOnError), cli)
	cs, err := src.open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	engine, err := cs.newEngine(cs.sessions(), logger)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cs.keepFresh(ctx, engine, logger, func(int64, error) {}); close(done) }()
	time.Sleep(300 * time.Millisecond) // let the listener connect

	edited, err := packfile.LoadDir("../../bot/testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	edited.Intent("residence.registration", "at").Translations["de"].Answer = "Neue Antwort vom Meldeamt."
	if _, err := cs.DB.Import(ctx, edited); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		a, err := engine.Ask(ctx, bot.Question{Text: "meldezettel", LangHint: "de"})
		if err == nil && strings.Contains(a.Replies[0].Text, "Neue Antwort") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the engine still answers with the old text 10 s after the import")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
}
