package store_test

import (
	"errors"
	"testing"

	"github.com/compassbot/compass/content"
)

func TestSessions_PutGetUpdateForget(t *testing.T) {
	db, url := newDB(t)
	ss := db.Sessions()
	ctx := ctxT(t)

	if _, err := ss.Get(ctx, "telegram", "42"); !errors.Is(err, content.ErrNotFound) {
		t.Fatalf("Get of an unknown user: err = %v, want content.ErrNotFound", err)
	}
	want := content.Session{Channel: "telegram", UserID: "42", Lang: "fa", Written: "prs", Region: "at-graz", Topic: "health", Focus: "i:health.find_doctor"}
	if err := ss.Put(ctx, want); err != nil {
		t.Fatal(err)
	}
	other := content.Session{Channel: "discord", UserID: "42", Lang: "uk"}
	if err := ss.Put(ctx, other); err != nil {
		t.Fatal(err)
	}
	if got, err := ss.Get(ctx, "telegram", "42"); err != nil || got != want {
		t.Fatalf("Get = %+v, %v; want %+v", got, err, want)
	}
	want.Lang, want.Written, want.Topic = "prs", "uk", ""
	if err := ss.Put(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := ss.Get(ctx, "telegram", "42"); err != nil || got != want {
		t.Fatalf("after update Get = %+v, %v; want %+v", got, err, want)
	}

	if n := count(t, sqlConn(t, url), `SELECT count(*) FROM sessions WHERE channel = 'telegram' AND user_id = '42' AND written = 'uk'`); n != 1 {
		t.Fatalf("the written language is not in the sessions table (%d rows)", n)
	}
	want.Written = ""
	if err := ss.Put(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := ss.Get(ctx, "telegram", "42"); err != nil || got != want {
		t.Fatalf("after clearing the written language Get = %+v, %v; want %+v", got, err, want)
	}
	want.Written = "uk"
	if err := ss.Put(ctx, want); err != nil {
		t.Fatal(err)
	}

	if err := ss.Delete(ctx, "telegram", "42"); err != nil {
		t.Fatal(err)
	}
	if _, err := ss.Get(ctx, "telegram", "42"); !errors.Is(err, content.ErrNotFound) {
		t.Fatalf("after Delete: err = %v, want content.ErrNotFound", err)
	}
	if n := count(t, sqlConn(t, url), `SELECT count(*) FROM sessions WHERE channel = 'telegram' AND user_id = '42'`); n != 0 {
		t.Fatalf("%d rows of the forgotten user remain", n)
	}
	if got, err := ss.Get(ctx, "discord", "42"); err != nil || got != other {
		t.Fatalf("forgetting the telegram user touched the discord one: %+v, %v", got, err)
	}
	if err := ss.Delete(ctx, "telegram", "never-seen"); err != nil {
		t.Fatalf("Delete of an unknown user: %v", err)
	}
	if err := ss.Put(ctx, content.Session{Channel: "telegram"}); err == nil {
		t.Fatal("Put without a user id was accepted")
	}
}
