package storetest_test

import (
	"database/sql"
	"os"
	"os/exec"
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

// Without a reachable server NewDatabase skips the test, except under
// CI=true, where it fails it. Checked in a child process, where the
// helper test below runs against a closed port.
func TestNewDatabase_UnreachableServerSkipsOrFailsUnderCI(t *testing.T) {
	if os.Getenv("STORETEST_CHILD") != "" {
		t.Skip("child process")
	}
	for _, tt := range []struct {
		ci       string
		wantFail bool
		wantOut  string
	}{
		{"", false, "--- SKIP"},
		{"true", true, "--- FAIL"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperUnreachable$", "-test.v")
		cmd.Env = append(os.Environ(), "STORETEST_CHILD=1", "CI="+tt.ci,
			"COMPASS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=2")
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tt.wantFail || !strings.Contains(string(out), tt.wantOut) ||
			!strings.Contains(string(out), "not reachable") {
			t.Errorf("CI=%q: err = %v, output:\n%s\nwant %s with a 'not reachable' message", tt.ci, err, out, tt.wantOut)
		}
	}
}

func TestHelperUnreachable(t *testing.T) {
	if os.Getenv("STORETEST_CHILD") == "" {
		t.Skip("run by TestNewDatabase_UnreachableServerSkipsOrFailsUnderCI")
	}
	storetest.NewDatabase(t)
	t.Error("NewDatabase returned for an unreachable server")
}
