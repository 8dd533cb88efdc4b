package store_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/compassbot/compass/content/bundled"
)

var sqlBlock = regexp.MustCompile("(?s)```sql\n(.*?)```")

// The SQL recipes in docs/editors.md run, in order, against the bundled
// pack, and leave content that the bots load. Placeholder change and
// transaction numbers are replaced by the latest ones.
func TestEditorsGuide_RecipesWork(t *testing.T) {
	guide, err := os.ReadFile("../docs/editors.md")
	if err != nil {
		t.Fatal(err)
	}
	p, err := bundled.Load()
	if err != nil {
		t.Skipf("bundled pack: %v", err)
	}
	db, url := newDB(t)
	if _, err := db.Import(ctxT(t), p); err != nil {
		t.Fatal(err)
	}
	editor := sqlConn(t, url)
	editor.SetMaxOpenConns(1) // BEGIN and COMMIT must share the connection
	// The administrators' recipes create cluster-wide roles: not run here
	// (TestEditorAccess covers grant_editor_access).
	recipes, _, _ := strings.Cut(string(guide), "## For administrators")
	blocks := sqlBlock.FindAllStringSubmatch(recipes, -1)
	if len(blocks) < 8 {
		t.Fatalf("found %d SQL recipes in docs/editors.md, want at least 8", len(blocks))
	}
	for i, b := range blocks {
		recipe := b[1]
		if strings.Contains(recipe, "undo_change(1234)") {
			last := count(t, editor, `SELECT max(id) FROM audit_log WHERE table_name = 'translations'`)
			recipe = strings.ReplaceAll(recipe, "1234", strconv.Itoa(last))
		}
		if strings.Contains(recipe, "undo_transaction(567890)") {
			last := count(t, editor, `SELECT max(xact) FROM audit_log`)
			recipe = strings.ReplaceAll(recipe, "567890", strconv.Itoa(last))
		}
		if _, err := editor.Exec(recipe); err != nil {
			t.Fatalf("recipe %d fails: %v\n%s", i+1, err, recipe)
		}
	}
	loaded, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatalf("after the recipes the content does not load: %v", err)
	}
	if !contains(loaded.Languages, "prs") || loaded.Service("graz-caritas-beratung") == nil {
		t.Fatalf("the recipes' language or service is missing: languages %v", loaded.Languages)
	}
}
