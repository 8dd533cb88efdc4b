package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store/storetest"
)

// setConnections allows or refuses connections to the test database and
// ends the ones open: a database outage as the store sees it.
func setConnections(t *testing.T, dbURL string, allow bool) {
	t.Helper()
	admin := sqlConn(t, storetest.ServerURL())
	name := dbName(dbURL)
	if allow {
		mustExec(t, admin, `ALTER DATABASE `+name+` WITH ALLOW_CONNECTIONS true`)
		return
	}
	mustExec(t, admin, `ALTER DATABASE `+name+` WITH ALLOW_CONNECTIONS false`)
	mustExec(t, admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name)
}

func dbName(url string) string {
	name := url[strings.LastIndex(url, "/")+1:]
	name, _, _ = strings.Cut(name, "?")
	return name
}

func TestOutage_LoadFailsThenRecovers(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx := ctxT(t)
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	setConnections(t, url, false)
	t.Cleanup(func() { setConnections(t, url, true) })
	if _, err := db.Load(ctx); err == nil {
		t.Fatal("Load during an outage returned no error")
	}
	if err := db.Ping(ctx); err == nil {
		t.Fatal("Ping during an outage returned no error")
	}
	setConnections(t, url, true)
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping after the outage: %v", err)
	}
	if _, err := db.Load(ctx); err != nil {
		t.Fatalf("Load after the outage: %v", err)
	}
}

// After the listener's connection is cut, the watcher reconnects, signals
// (changes may have been missed) and delivers later changes again.
func TestWatch_ReconnectsAfterTheConnectionIsCut(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	w := startWatch(t, ctx, db)
	editor := sqlConn(t, url)

	mustExec(t, editor, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`)
	waitSignal(t, w, "signal after the listener reconnected")
	mustExec(t, editor, `UPDATE translations SET answer = 'After the outage.' WHERE intent = 'health.find_doctor' AND lang = 'en'`)
	waitSignal(t, w, "signal for a change after the reconnect")
	p, err := w.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Intent("health.find_doctor", "at").Translations["en"].Answer; got != "After the outage." {
		t.Fatalf("answer after reconnect = %q", got)
	}
}

// Watch started while the database is down returns at once and signals
// when the database is back.
func TestWatch_StartsDuringAnOutage(t *testing.T) {
	db, url, _ := importFixture(t)
	setConnections(t, url, false)
	t.Cleanup(func() { setConnections(t, url, true) })
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	started := make(chan content.Watcher)
	go func() { started <- db.Watch(ctx) }()
	var w content.Watcher
	select {
	case w = <-started:
	case <-time.After(2 * time.Second):
		t.Fatal("Watch blocked while the database was down")
	}
	select {
	case <-w.Changes():
		t.Fatal("signal while the database is down")
	case <-time.After(300 * time.Millisecond):
	}
	setConnections(t, url, true)
	waitSignal(t, w, "signal once the database is back")
}
