package store_test

import (
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
)

func statusOf(t *testing.T, db *store.DB, intent, region, lang string) content.TranslationStatus {
	t.Helper()
	p, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	in := p.Intent(intent, region)
	if in == nil || in.Translations[lang] == nil {
		t.Fatalf("no %s translation of %s (%s)", lang, intent, region)
	}
	return in.Translations[lang].Status
}

func mustExec(t *testing.T, conn *sqlx.DB, query string, args ...any) {
	t.Helper()
	if _, err := conn.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// Lineage holds for raw SQL edits: the triggers, not compass, keep it.
func TestLineage_SourceEditMarksOtherLanguagesOutdated(t *testing.T) {
	db, url, _ := importFixture(t)
	conn := sqlConn(t, url)
	const where = `WHERE intent = 'work.permit' AND region = 'at'`

	mustExec(t, conn, `UPDATE translations SET keywords = array_append(keywords, 'job') `+where+` AND lang = 'en'`)
	if s := statusOf(t, db, "work.permit", "at", "de"); s != "" {
		t.Fatalf("after an English keyword edit, de status = %q, want unchanged \"\"", s)
	}

	mustExec(t, conn, `UPDATE translations SET answer = 'It depends on your residence permit.' `+where+` AND lang = 'en'`)
	for lang, want := range map[string]content.TranslationStatus{"en": content.StatusReviewed, "de": content.StatusOutdated, "uk": content.StatusOutdated} {
		if s := statusOf(t, db, "work.permit", "at", lang); s != want {
			t.Errorf("after the English answer changed, %s status = %q, want %q", lang, s, want)
		}
	}
	if s := statusOf(t, db, "residence.registration", "at", "de"); s != content.StatusMachine {
		t.Errorf("another intent's translation changed status to %q", s)
	}

	// The translator updates the German answer: lineage now points at the
	// current English text and the translation is no longer outdated.
	mustExec(t, conn, `UPDATE translations SET answer = 'Das hängt von Ihrem Aufenthaltstitel ab.' `+where+` AND lang = 'de'`)
	if s := statusOf(t, db, "work.permit", "at", "de"); s != "" {
		t.Errorf("after the German answer was updated, status = %q, want \"\" (not outdated)", s)
	}
	// A reviewer marks the Ukrainian one reviewed without changing it.
	mustExec(t, conn, `UPDATE translations SET status = 'reviewed' `+where+` AND lang = 'uk'`)
	if s := statusOf(t, db, "work.permit", "at", "uk"); s != content.StatusReviewed {
		t.Errorf("after marking reviewed, uk status = %q", s)
	}
	var versions []struct {
		Lang          string `db:"lang"`
		Version       int    `db:"version"`
		SourceVersion *int   `db:"source_version"`
	}
	if err := conn.Select(&versions, `SELECT lang, version, source_version FROM translations `+where+` ORDER BY lang`); err != nil {
		t.Fatal(err)
	}
	for _, v := range versions {
		switch {
		case v.Lang == "en" && (v.Version != 2 || v.SourceVersion != nil):
			t.Errorf("en: version %d, source_version %v; want 2, NULL", v.Version, v.SourceVersion)
		case v.Lang != "en" && (v.SourceVersion == nil || *v.SourceVersion != 2):
			t.Errorf("%s: source_version %v, want 2 (the current English version)", v.Lang, v.SourceVersion)
		}
	}

	// Another English change outdates both again.
	mustExec(t, conn, `UPDATE translations SET title = 'May I work?' `+where+` AND lang = 'en'`)
	for _, lang := range []string{"de", "uk"} {
		if s := statusOf(t, db, "work.permit", "at", lang); s != content.StatusOutdated {
			t.Errorf("after the English title changed, %s status = %q, want outdated", lang, s)
		}
	}
}
