package main

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compassbot/compass/content/packfile"

	"github.com/compassbot/compass/store/storetest"
)

const storeFixturePack = "../../store/testdata/pack"

func TestExport_WithoutDatabaseWritesTheBundledPack(t *testing.T) {
	t.Run("no database", func(t *testing.T) {
		r, dir := bundledExport()
		checkBundledExport(t, r, dir)
	})
	t.Run("--bundled beats DATABASE_URL", func(t *testing.T) {
		exportBundled(t, map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}, "--bundled")
	})
}

func exportBundled(t *testing.T, env map[string]string, flags ...string) {
	dir := filepath.Join(t.TempDir(), "new-city")
	checkBundledExport(t, runCLI(t, "", env, append([]string{"export", "--out", dir}, flags...)...), dir)
}

// checkBundledExport checks that export wrote the bundled pack into dir.
func checkBundledExport(t *testing.T, r cliResult, dir string) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, err := packfile.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := loadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Intents) != len(want.Intents) || got.ID != want.ID || !strings.Contains(r.stdout, "bundled pack") {
		t.Fatalf("exported pack %s with %d intents (%q), want the bundled %s with %d", got.ID, len(got.Intents), r.stdout, want.ID, len(want.Intents))
	}
}

func TestMigrateImportExport_EndToEnd(t *testing.T) {
	env := map[string]string{"DATABASE_URL": storetest.NewDatabase(t)}

	if r := runCLI(t, "", env, "migrate"); r.code != 0 || !strings.HasPrefix(r.stdout, "applied 0001_content.sql, ") || strings.Contains(r.stdout, "up to date") {
		t.Fatalf("first migrate: exit %d, want 'applied 0001_content.sql, …'\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", env, "migrate"); r.code != 0 || r.stdout != "the database schema is up to date\n" {
		t.Fatalf("second migrate: exit %d, want only 'up to date'\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", env, "import", "--dry-run", "--pack", storeFixturePack); r.code != 0 || !strings.Contains(r.stdout, "+ work.permit (at)") {
		t.Fatalf("import --dry-run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := runCLI(t, "", env, "import", "--pack", storeFixturePack)
	if r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"intents:", "+ work.permit (at)", "+ wien-ams"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := runCLI(t, "", env, "import", "--pack", storeFixturePack); r.code != 0 || !strings.Contains(r.stdout, "nothing changed") {
		t.Fatalf("second import: exit %d, want 'nothing changed':\n%s%s", r.code, r.stdout, r.stderr)
	}

	// An editor's SQL edit is what `compass ask` answers with.
	editor, err := sql.Open("postgres", env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer editor.Close()
	const edited = "Edited in SQL: ask the AMS about your work permit."
	if _, err := editor.Exec(`UPDATE translations SET answer = $1 WHERE intent = 'work.permit' AND lang = 'en'`, edited); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, `{"text": "Do I need a work permit?", "lang": "en", "region": "at"}`+"\n", env, "ask", "--json")
	if r.code != 0 || !strings.Contains(r.stdout, `"intent":"work.permit"`) || !strings.Contains(r.stdout, edited) {
		t.Errorf("ask --json after the SQL edit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	dir := t.TempDir()
	if r := runCLI(t, "", env, "export", "--out", dir); r.code != 0 || !strings.Contains(r.stdout, "the database") {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	got, err := packfile.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := packfile.LoadDir(storeFixturePack)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Intents) != len(want.Intents) || len(got.Services) != len(want.Services) {
		t.Fatalf("exported %d intents and %d services, want %d and %d", len(got.Intents), len(got.Services), len(want.Intents), len(want.Services))
	}
}

func TestDatabaseCommands_UsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"migrate"}, nil, "DATABASE_URL"},
		{[]string{"import", "--pack", storeFixturePack}, nil, "DATABASE_URL"},
		{[]string{"import"}, map[string]string{"DATABASE_URL": "postgres://x@127.0.0.1/x"}, "--pack"},
		{[]string{"export"}, nil, "--out"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.env, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("compass %v: exit %d, stderr %q; want exit 2 mentioning %s", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func TestImport_BrokenPackImportsNothing(t *testing.T) {
	env := map[string]string{"DATABASE_URL": storetest.NewDatabase(t)}
	r := runCLI(t, "", env, "import", "--pack", t.TempDir()) // no pack.yaml
	if r.code != 1 || !strings.Contains(r.stderr, "pack.yaml") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Fatalf("exit %d, stderr %q; want 1 naming pack.yaml", r.code, r.stderr)
	}
}
