package store_test

import (
	"context"
	"io/fs"
	"slices"
	"sync"
	"testing"

	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

func migrationCount(t *testing.T) int {
	t.Helper()
	names, err := fs.Glob(store.Migrations(), "*.sql")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded migrations (%v)", err)
	}
	return len(names)
}

func TestMigrate_FromEmptyThenAgainIsNoOp(t *testing.T) {
	db, url := newDB(t) // migrates once
	conn := sqlConn(t, url)
	var applied int
	if err := conn.Get(&applied, `SELECT count(*) FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if want := migrationCount(t); applied != want {
		t.Fatalf("schema_migrations has %d rows, want %d", applied, want)
	}
	var tables []string
	if err := conn.Select(&tables, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"audit_log", "intents", "languages", "regions", "services", "sessions", "translations"} {
		if !contains(tables, want) {
			t.Errorf("table %s missing after migrate; have %v", want, tables)
		}
	}
	if err := db.Migrate(ctxT(t)); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	var again int
	if err := conn.Get(&again, `SELECT count(*) FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if again != applied {
		t.Fatalf("second migrate changed schema_migrations: %d rows, was %d", again, applied)
	}
}

func TestMigrate_ConcurrentCallersDoNotRace(t *testing.T) {
	url := storetest.NewDatabase(t)
	const replicas = 4
	var wg sync.WaitGroup
	errs := make(chan error, replicas)
	for range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := store.Open(context.Background(), url)
			if err != nil {
				errs <- err
				return
			}
			defer db.Close()
			errs <- db.Migrate(context.Background())
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("replica: %v", err)
		}
	}
	var applied int
	if err := sqlConn(t, url).Get(&applied, `SELECT count(*) FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	if want := migrationCount(t); applied != want {
		t.Fatalf("schema_migrations has %d rows, want %d", applied, want)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestMigrateReport_NamesWhatItAppliedThenNothing(t *testing.T) {
	url := storetest.NewDatabase(t)
	db, err := store.Open(ctxT(t), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	want, err := fs.Glob(store.Migrations(), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	first, err := db.MigrateReport(ctxT(t))
	if err != nil {
		t.Fatalf("first migrate: %v", err)
	}
	if !slices.Equal(first, want) {
		t.Fatalf("first migrate applied %v, want %v", first, want)
	}
	again, err := db.MigrateReport(ctxT(t))
	if err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if len(again) != 0 {
		t.Fatalf("second migrate applied %v, want none", again)
	}
}
