package store_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAudit_RecordsWhoChangedWhatAndUndoRestores(t *testing.T) {
	db, url, _ := importFixture(t)
	editor := sqlConn(t, url+"&application_name=graz-editor")
	const where = `WHERE intent = 'health.find_doctor' AND region = 'at' AND lang = 'en'`
	var before string
	if err := editor.Get(&before, `SELECT answer FROM translations `+where); err != nil {
		t.Fatal(err)
	}
	mustExec(t, editor, `UPDATE translations SET answer = 'Call 1450 first.' `+where)

	var entry struct {
		ID          int64  `db:"id"`
		DBUser      string `db:"db_user"`
		Application string `db:"application"`
		Op          string `db:"op"`
		Old         []byte `db:"old"`
		New         []byte `db:"new"`
	}
	err := editor.Get(&entry, `SELECT id, db_user, application, op, old, new FROM audit_log
		WHERE table_name = 'translations' AND new->>'intent' = 'health.find_doctor' AND new->>'lang' = 'en'
		ORDER BY id DESC LIMIT 1`)
	if err != nil {
		t.Fatal(err)
	}
	var old, cur map[string]any
	if err := json.Unmarshal(entry.Old, &old); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(entry.New, &cur); err != nil {
		t.Fatal(err)
	}
	if entry.Op != "UPDATE" || entry.DBUser == "" || entry.Application != "graz-editor" ||
		old["answer"] != before || cur["answer"] != "Call 1450 first." {
		t.Fatalf("audit entry = op %s user %q app %q old %v new %v", entry.Op, entry.DBUser, entry.Application, old["answer"], cur["answer"])
	}

	var msg string
	if err := editor.Get(&msg, `SELECT undo_change($1)`, entry.ID); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "undid update on translations") {
		t.Errorf("undo_change said %q", msg)
	}
	p, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Intent("health.find_doctor", "at").Translations["en"].Answer; got != before {
		t.Fatalf("after undo the answer is %q, want %q", got, before)
	}
	// Undoing the same change again would overwrite the undo: refused.
	if _, err := editor.Exec(`SELECT undo_change($1)`, entry.ID); err == nil || !strings.Contains(err.Error(), "has changed since") {
		t.Fatalf("second undo of the same change: err = %v, want 'has changed since'", err)
	}
}

func TestAudit_UndoRestoresADeletedIntent(t *testing.T) {
	db, url, p := importFixture(t)
	editor := sqlConn(t, url)
	mustExec(t, editor, `DELETE FROM intents WHERE id = 'work.permit'`)
	after, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	if after.Intent("work.permit", "at") != nil {
		t.Fatal("deleted intent still loads")
	}
	// The delete cascaded to the intent's translations and service links:
	// undo the whole transaction.
	var xact int64
	var n int
	if err := editor.QueryRow(`SELECT xact, count(*) FROM audit_log WHERE op = 'DELETE' GROUP BY xact`).Scan(&xact, &n); err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Fatalf("deleting an intent logged %d deletes, want the intent, 2 service links and 3 translations", n)
	}
	mustExec(t, editor, `SELECT undo_transaction($1)`, xact)
	assertLoads(t, db, p)
}

// A row changed twice goes back step by step, as docs/editors.md says:
// undo the later change, then the earlier one. (Each change of an answer
// moves the row's version on, and the undo compared whole rows, version
// included, so the earlier change could never be undone.)
func TestAudit_UndoLaterChangeThenEarlier(t *testing.T) {
	db, url, _ := importFixture(t)
	editor := sqlConn(t, url)
	const where = `WHERE intent = 'health.find_doctor' AND region = 'at' AND lang = 'en'`
	var original string
	if err := editor.Get(&original, `SELECT answer FROM translations `+where); err != nil {
		t.Fatal(err)
	}
	mustExec(t, editor, `UPDATE translations SET answer = 'First edit.' `+where)
	mustExec(t, editor, `UPDATE translations SET answer = 'Second edit.' `+where)
	var changes []int64
	if err := editor.Select(&changes, `SELECT id FROM audit_log WHERE table_name = 'translations'
		AND op = 'UPDATE' AND new->>'intent' = 'health.find_doctor' AND new->>'lang' = 'en' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(changes) != 2 {
		t.Fatalf("found %d recorded updates of the answer, want 2", len(changes))
	}
	// The earlier one first: refused, the later change is in the way.
	if _, err := editor.Exec(`SELECT undo_change($1)`, changes[0]); err == nil || !strings.Contains(err.Error(), "has changed since") {
		t.Fatalf("undoing the earlier change first: err = %v, want 'has changed since'", err)
	}
	for i, want := range []string{"First edit.", original} {
		mustExec(t, editor, `SELECT undo_change($1)`, changes[len(changes)-1-i])
		p, err := db.Load(ctxT(t))
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Intent("health.find_doctor", "at").Translations["en"].Answer; got != want {
			t.Fatalf("after undoing change %d the answer is %q, want %q", changes[len(changes)-1-i], got, want)
		}
	}
}
