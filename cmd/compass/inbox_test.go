package main

import (
	"context"
	"database/sql"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

// inboxDatabase is a migrated database with the content p (the small
// test pack: the inbox shows tickets, it answers no questions).
func inboxDatabase(t *testing.T, p *content.Pack) (*store.DB, string) {
	t.Helper()
	url := storetest.NewDatabase(t)
	ctx := context.Background()
	db, err := openMigratedStore(ctx, url, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Import(ctx, p); err != nil {
		t.Fatal(err)
	}
	return db, url
}

func TestInbox_ListShowClaimReplyReleaseClose(t *testing.T) {
	db, url := inboxDatabase(t, contenttest.ValidPack())
	env := map[string]string{"DATABASE_URL": url}
	if r := runCLI(t, "", env, "inbox"); r.code != 0 || !strings.Contains(r.stdout, "No open tickets") {
		t.Fatalf("empty inbox: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	tk := contenttest.OpenTicket(t, db.Tickets(), "4711", "Where do I find a doctor who speaks Arabic?")
	r := runCLI(t, "", env, "inbox")
	if r.code != 0 || !strings.Contains(r.stdout, "#1") || !strings.Contains(r.stdout, "Where do I find a doctor who speaks Arabic?") ||
		!strings.Contains(r.stdout, "open") {
		t.Fatalf("inbox list: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "4711") {
		t.Errorf("the list shows the person's id:\n%s", r.stdout)
	}
	if r := runCLI(t, "", env, "inbox", "claim", "1"); r.code != 2 || !strings.Contains(r.stderr, "--as") {
		t.Errorf("claim without --as: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", env, "inbox", "--as", "maria", "claim", "#1"); r.code != 0 || !strings.Contains(r.stdout, "#1 claimed") {
		t.Fatalf("claim: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", env, "inbox", "claim", "1", "--as", "jonas"); r.code != 1 || !strings.Contains(r.stderr, "taken by terminal:maria") {
		t.Errorf("a second claim: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "Go to the clinic on Main Square.\nBring your e-card.\n", env, "inbox", "--as", "maria", "reply", "1"); r.code != 0 || !strings.Contains(r.stdout, "reply queued") {
		t.Fatalf("reply from stdin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, "", env, "inbox", "show", "1")
	if r.code != 0 || !strings.Contains(r.stdout, "answered") || !strings.Contains(r.stdout, "terminal:maria") || !strings.Contains(r.stdout, "Bring your e-card.") {
		t.Errorf("show: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The outbox gave the reply up (bot.Engine.Deliver): the volunteer reads so.
	note := &content.TicketMessage{From: content.FromBot, Text: content.NoteUndelivered, At: time.Now()}
	if _, err := db.Tickets().Act(context.Background(), tk.Number, content.ActNote, "bot", time.Now(), note, nil); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, "", env, "inbox", "show", "1"); !strings.Contains(r.stdout, "could not be delivered") {
		t.Errorf("show after the reply was given up does not say so:\n%s%s", r.stdout, r.stderr)
	}
	if r := runCLI(t, "", env, "inbox", "--as", "maria", "release", "1"); r.code != 0 {
		t.Errorf("release: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", env, "inbox", "--as", "jonas", "close", "1"); r.code != 0 || !strings.Contains(r.stdout, "closed") {
		t.Errorf("close: exit %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", env, "inbox", "--as", "jonas", "reply", "1", "too late"); r.code != 1 || !strings.Contains(r.stderr, "closed") {
		t.Errorf("reply to a closed ticket: exit %d %s", r.code, r.stderr)
	}
	// The reply and the closing notice wait in the outbox for serve.
	d, err := db.Tickets().Next(context.Background(), []string{"telegram"}, 0)
	if err != nil || d.ChatID != tk.ChatID || !strings.Contains(string(d.Body), "Bring your e-card.") {
		t.Errorf("the reply waiting for delivery: %+v, %v", d, err)
	}
}

func TestInbox_TwoVolunteersRaceOneWins(t *testing.T) {
	db, url := inboxDatabase(t, contenttest.ValidPack())
	contenttest.OpenTicket(t, db.Tickets(), "1", "q")
	env := map[string]string{"DATABASE_URL": url}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, name := range []string{"maria", "jonas"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = runCLI(t, "", env, "inbox", "--as", name, "claim", "1").code
		}()
	}
	wg.Wait()
	if codes[0]+codes[1] != 1 {
		t.Errorf("exit codes %v; want one claim to win (0) and one to lose (1)", codes)
	}
}

func TestInbox_Misuse(t *testing.T) {
	_, url := inboxDatabase(t, contenttest.ValidPack())
	env := map[string]string{"DATABASE_URL": url}
	for _, tt := range []struct {
		env  map[string]string
		args []string
		code int
		want string
	}{
		{nil, []string{"inbox"}, 2, "DATABASE_URL"},
		{env, []string{"inbox", "frobnicate"}, 2, "unknown subcommand"},
		{env, []string{"inbox", "show"}, 2, "which ticket"},
		{env, []string{"inbox", "show", "x1"}, 2, "not a ticket number"},
		{env, []string{"inbox", "show", "99"}, 1, "no ticket #99"},
		{env, []string{"inbox", "--as", "m", "reply", "99", "hi"}, 1, "no ticket #99"},
		{env, []string{"inbox", "--as", "m", "close", "1", "extra"}, 2, "unexpected argument"},
	} {
		r := runCLI(t, "", tt.env, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
}

// A volunteer whose tickets another session holds locked is told so after
// inboxDBWait instead of waiting silently for as long as the lock lasts.
func TestInbox_LockedTicketsAreReportedNotWaitedFor(t *testing.T) {
	db, url := inboxDatabase(t, contenttest.ValidPack())
	contenttest.OpenTicket(t, db.Tickets(), "4711", "Where do I find a doctor?")
	conn, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	defer func(wait time.Duration) { inboxDBWait = wait }(inboxDBWait)
	inboxDBWait = 300 * time.Millisecond
	env := map[string]string{"DATABASE_URL": url}
	for _, args := range [][]string{{"inbox"}, {"inbox", "show", "1"}, {"inbox", "--as", "maria", "claim", "1"}, {"inbox", "--as", "maria", "reply", "1", "hello"}} {
		r := runCLI(t, "", env, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "did not answer in time") || !strings.Contains(r.stderr, "locked") {
			t.Errorf("%v with the tickets locked: exit %d %q", args, r.code, r.stderr)
		}
	}
}
