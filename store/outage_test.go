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

// After the listener's connection is cut, the watcher reconnects and
// delivers later changes again. A reconnect reloads nothing when the
// content did not change (the probe saw 42 reloads in 10 s of cut
// connections), and signals when it changed while nobody listened.
func TestWatch_ReconnectsAfterTheConnectionIsCut(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	w := startWatch(t, ctx, db)
	editor := sqlConn(t, url)
	cut := func() {
		t.Helper()
		var before int
		if err := editor.Get(&before, listenerPIDSQL); err != nil {
			t.Fatal(err)
		}
		mustExec(t, editor, `SELECT pg_terminate_backend($1)`, before)
		for end := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			var pid int
			if editor.Get(&pid, listenerPIDSQL) == nil && pid != before {
				return
			}
			if time.Now().After(end) {
				t.Fatal("the listener did not reconnect within 10 s")
			}
		}
	}

	for range 5 {
		cut()
	}
	select {
	case <-w.Changes():
		t.Fatal("a reconnect without a change signalled a reload")
	case <-time.After(300 * time.Millisecond):
	}

	// A change nobody was told about (as while the connection was down):
	// the next reconnect signals.
	mustExec(t, editor, `UPDATE content_version SET version = version + 1`)
	cut()
	waitSignal(t, w, "signal after a reconnect that missed a change")

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

// listenerPIDSQL finds the watcher's connection.
const listenerPIDSQL = `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' ORDER BY backend_start DESC LIMIT 1`

// TestWatch_NoSignalWhenLoadedContentIsCurrent: serve loads, then watches;
// the watcher's first signal would reload the same content (and log "content
// pack in use" twice). It does not come; a change still does.
func TestWatch_NoSignalWhenLoadedContentIsCurrent(t *testing.T) {
	db, url, _ := importFixture(t)
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	if _, err := db.Load(ctx); err != nil {
		t.Fatal(err)
	}
	w := db.Watch(ctx)
	select {
	case <-w.Changes():
		t.Fatal("signal although the loaded content is current")
	case <-time.After(500 * time.Millisecond):
	}
	mustExec(t, sqlConn(t, url), `UPDATE translations SET answer = 'Changed.' WHERE intent = 'health.find_doctor' AND lang = 'en'`)
	waitSignal(t, w, "signal for a change")
}

// TestContentVersion_CountsCommitsThatChangeContent: one step per
// committed transaction that changed content, whatever it changed and how
// many rows; none for a transaction that changed nothing or rolled back.
func TestContentVersion_CountsCommitsThatChangeContent(t *testing.T) {
	_, url, _ := importFixture(t)
	editor := sqlConn(t, url)
	version := func() int { return count(t, editor, `SELECT version FROM content_version`) }
	v0 := version()
	mustExec(t, editor, `UPDATE translations SET answer = answer || '.' WHERE lang = 'en'`) // many rows, one commit
	if v := version(); v != v0+1 {
		t.Errorf("after one update of many rows: version %d, want %d", v, v0+1)
	}
	mustExec(t, editor, `UPDATE translations SET answer = answer WHERE lang = 'en'`) // changes nothing
	tx := editor.MustBegin()
	tx.MustExec(`UPDATE topics SET name = name || '{"en": "X"}'`)
	tx.Rollback()
	if v := version(); v != v0+1 {
		t.Errorf("after a no-op update and a rollback: version %d, want %d", v, v0+1)
	}
	mustExec(t, editor, `TRUNCATE intent_services`)
	if v := version(); v != v0+2 {
		t.Errorf("after TRUNCATE: version %d, want %d", v, v0+2)
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
