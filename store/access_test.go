package store_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/compassbot/compass/store/storetest"
)

// An editor role made with grant_editor_access can change content (and the
// audit log names it) but cannot read sessions or rewrite the history.
func TestEditorAccess_ContentYesSessionsAndHistoryNo(t *testing.T) {
	_, dbURL, _ := importFixture(t)
	owner := sqlConn(t, dbURL)
	role := "compass_editor_" + strings.TrimPrefix(dbName(dbURL), "compass_test_")
	admin := sqlConn(t, storetest.ServerURL())
	mustExec(t, admin, `CREATE ROLE `+role+` LOGIN`)
	t.Cleanup(func() {
		admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, role)
		owner.Exec(`DROP OWNED BY ` + role)
		admin.Exec(`DROP ROLE ` + role)
	})
	mustExec(t, owner, `SELECT grant_editor_access($1)`, role)
	mustExec(t, owner, `INSERT INTO sessions (channel, user_id, lang) VALUES ('telegram', '42', 'fa')`)

	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	editor := sqlConn(t, u.String())

	mustExec(t, editor, `UPDATE translations SET answer = 'Edited by the editor role.' WHERE intent = 'work.permit' AND lang = 'en'`)
	mustExec(t, editor, `INSERT INTO languages (tag) VALUES ('so')`)
	var who string
	if err := editor.Get(&who, `SELECT db_user FROM audit_log ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if who != role {
		t.Errorf("audit log names %q, want the editor %q", who, role)
	}
	for _, forbidden := range []string{
		`SELECT * FROM sessions`,
		`DELETE FROM sessions`,
		`DELETE FROM audit_log`,
		`UPDATE audit_log SET db_user = 'someone else'`,
	} {
		if _, err := editor.Exec(forbidden); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("editor ran %q: err = %v, want permission denied", forbidden, err)
		}
	}
	var id int64
	if err := editor.Get(&id, `SELECT max(id) FROM audit_log WHERE table_name = 'translations'`); err != nil {
		t.Fatal(err)
	}
	mustExec(t, editor, `SELECT undo_change($1)`, id)
}
