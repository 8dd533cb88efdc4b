package storetest_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/compassbot/compass/store/storetest"
)

func TestNewDatabase_IsEmptyAndDropped(t *testing.T) {
	var name string
	t.Run("create", func(t *testing.T) {
		u := storetest.NewDatabase(t)
		db, err := sql.Open("postgres", u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.QueryRow(`SELECT current_database()`).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(name, "compass_test_") {
			t.Fatalf("database name %q lacks the compass_test_ prefix", name)
		}
		var tables int
		if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables); err != nil {
			t.Fatal(err)
		}
		if tables != 0 {
			t.Fatalf("new database has %d tables, want 0", tables)
		}
		// Leave this connection open: cleanup must terminate it.
	})
	if name == "" {
		t.Skip("database not created")
	}
	admin, err := sql.Open("postgres", storetest.ServerURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRow(`SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("database %s still exists after cleanup", name)
	}
}
