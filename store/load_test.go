package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

// Content that passes the constraints but not the pack rules (the
// database checks the shape of a time zone, Go whether it exists) is
// refused by Load with an error naming the row, so the bot keeps its last
// good pack.
func TestLoad_InvalidContentNamesTheRow(t *testing.T) {
	db, url, _ := importFixture(t)
	editor := sqlConn(t, url)
	tests := []struct {
		name, sql string
		want      []string
	}{
		{"unknown time zone", `UPDATE regions SET timezone = 'Europe/Graz' WHERE id = 'at'`,
			[]string{"region at", "timezone", "Europe/Graz"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx := editor.MustBegin()
			defer tx.Rollback()
			if _, err := tx.Exec(tt.sql); err != nil {
				t.Fatalf("%s: %v", tt.sql, err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			_, err := db.Load(ctxT(t))
			if err == nil {
				t.Fatalf("Load after %q succeeded", tt.sql)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load error lacks %q:\n%v", w, err)
				}
			}
			// Undo the edit for the next case.
			mustExec(t, editor, `SELECT undo_transaction((SELECT max(xact) FROM audit_log))`)
			if _, err := db.Load(ctxT(t)); err != nil {
				t.Fatalf("after undo: %v", err)
			}
		})
	}
}

func TestLoad_EmptyOrUnmigratedDatabaseSaysWhatToDo(t *testing.T) {
	ctx := ctxT(t)
	raw, err := store.Open(ctx, storetest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Load(ctx); err == nil || !strings.Contains(err.Error(), "compass migrate") {
		t.Errorf("Load of an unmigrated database: %v, want advice to run compass migrate", err)
	}
	empty, _ := newDB(t)
	if _, err := empty.Load(ctx); err == nil || !strings.Contains(err.Error(), "compass import") {
		t.Errorf("Load of an empty database: %v, want advice to run compass import", err)
	}
}

func TestOpen_UnreachableDatabaseFailsClearly(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := store.Open(ctx, "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open of an unreachable database succeeded")
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("error shows the password: %v", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("error does not name the server: %v", err)
	}
}

func TestFindings_ListOutdatedTranslations(t *testing.T) {
	db, url, _ := importFixture(t)
	mustExec(t, sqlConn(t, url), `UPDATE translations SET answer = 'New English answer.' WHERE intent = 'work.permit' AND lang = 'en'`)
	findings, err := db.Findings(ctxT(t), time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var outdated []string
	for _, f := range findings {
		if strings.Contains(f.Msg, "outdated") {
			outdated = append(outdated, f.Object+" "+f.Lang)
		}
	}
	// residence.registration (at-graz) fa is outdated in the fixture already.
	want := []string{"intent residence.registration (at-graz) fa", "intent work.permit (at) de", "intent work.permit (at) uk"}
	if strings.Join(outdated, ",") != strings.Join(want, ",") {
		t.Fatalf("outdated findings = %q, want %q", outdated, want)
	}
}
