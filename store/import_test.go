package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
)

func TestImport_LoadGivesTheSamePack(t *testing.T) {
	db, _, p := importFixture(t)
	assertLoads(t, db, p)
}

func TestImport_FirstImportReportsEverythingAdded(t *testing.T) {
	db, _ := newDB(t)
	p := loadFixture(t)
	r, err := db.Import(ctxT(t), p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(r.Intents.Added), len(p.Intents); got != want {
		t.Errorf("intents added = %d, want %d", got, want)
	}
	if got, want := len(r.Services.Added), len(p.Services); got != want {
		t.Errorf("services added = %d, want %d", got, want)
	}
	if !slices.Equal(r.Languages.Added, p.Languages) {
		t.Errorf("languages added = %v, want %v", r.Languages.Added, p.Languages)
	}
	if len(r.Intents.Changed)+len(r.Intents.Removed)+len(r.Outdated) != 0 {
		t.Errorf("first import reports changes or removals: %+v", r)
	}
}

func TestImport_SamePackAgainChangesNothing(t *testing.T) {
	db, url, p := importFixture(t)
	conn := sqlConn(t, url)
	before := count(t, conn, `SELECT count(*) FROM audit_log`)
	r, err := db.Import(ctxT(t), p)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Empty() {
		t.Errorf("second import of the same pack reports changes: %+v", r)
	}
	if after := count(t, conn, `SELECT count(*) FROM audit_log`); after != before {
		t.Errorf("second import wrote %d audit rows, want 0", after-before)
	}
}

func TestImport_ReportsAddedChangedRemovedAndOutdated(t *testing.T) {
	db, _, _ := importFixture(t)
	p := loadFixture(t)
	// Change the English answer of work.permit (source language) but not
	// the German and Ukrainian ones; remove a service; add a topic.
	permit := p.Intent("work.permit", "at")
	permit.Translations["en"].Answer = "It depends on your residence title. Ask the AMS first."
	permit.Services = []string{"graz-meldeamt"}
	p.Services = slices.DeleteFunc(p.Services, func(s *content.Service) bool { return s.ID == "wien-ams" })
	p.Topics = append(p.Topics, &content.Topic{ID: "education", Name: content.Text{"en": "Education"}})
	r, err := db.Import(ctxT(t), p)
	if err != nil {
		t.Fatal(err)
	}
	check := func(kind string, got []string, want ...string) {
		t.Helper()
		if !slices.Equal(got, want) {
			t.Errorf("%s = %q, want %q", kind, got, want)
		}
	}
	check("services removed", r.Services.Removed, "wien-ams")
	check("topics added", r.Topics.Added, "education")
	check("intents changed", r.Intents.Changed, "work.permit (at)")
	check("translations changed", r.Translations.Changed, "work.permit (at) en")
	check("outdated", r.Outdated, "work.permit (at) de", "work.permit (at) uk")

	got, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"de", "uk"} {
		if s := got.Intent("work.permit", "at").Translations[lang].Status; s != content.StatusOutdated {
			t.Errorf("after the English answer changed, %s status = %q, want outdated", lang, s)
		}
	}
	if got.Service("wien-ams") != nil {
		t.Error("removed service still loads")
	}
	var out strings.Builder
	r.Print(&out)
	for _, want := range []string{"services:", "- wien-ams", "+ education", "~ work.permit (at)", "outdated:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printed report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestImport_RefusesAnInvalidPackAndKeepsTheOldContent(t *testing.T) {
	db, _, p := importFixture(t)
	bad := loadFixture(t)
	bad.Intent("work.permit", "at").Translations["en"].Answer = " "
	if _, err := db.Import(ctxT(t), bad); err == nil || !strings.Contains(err.Error(), "work.permit") {
		t.Fatalf("import of a pack with an empty answer: err = %v, want one naming work.permit", err)
	}
	assertLoads(t, db, p)
}

func TestImport_ConcurrentImportsSerialise(t *testing.T) {
	db, _ := newDB(t)
	packs := make([]*content.Pack, 4)
	for i := range packs {
		packs[i] = loadFixture(t)
		packs[i].Intent("work.permit", "at").Translations["en"].Answer = "Version " + string(rune('A'+i))
	}
	var wg sync.WaitGroup
	errs := make([]error, len(packs))
	for i, p := range packs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = db.Import(context.Background(), p)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("import %d: %v", i, err)
		}
	}
	got, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	answer := got.Intent("work.permit", "at").Translations["en"].Answer
	for _, p := range packs {
		if p.Intent("work.permit", "at").Translations["en"].Answer == answer {
			return // the database holds exactly one of the packs' answers
		}
	}
	t.Fatalf("after concurrent imports the answer is %q, which no pack had", answer)
}

func TestPlanImport_ReportsWithoutChanging(t *testing.T) {
	db, url, p := importFixture(t)
	conn := sqlConn(t, url)
	before := count(t, conn, `SELECT count(*) FROM audit_log`)
	changed := loadFixture(t)
	changed.Intent("work.permit", "at").Translations["en"].Answer = "Changed in the plan only."
	r, err := db.PlanImport(ctxT(t), changed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Translations.Changed, []string{"work.permit (at) en"}) || len(r.Outdated) != 2 {
		t.Errorf("plan = changed %q, outdated %q; want the English answer and 2 outdated", r.Translations.Changed, r.Outdated)
	}
	if after := count(t, conn, `SELECT count(*) FROM audit_log`); after != before {
		t.Errorf("PlanImport wrote %d audit rows", after-before)
	}
	assertLoads(t, db, p)
}

func TestImportReport_PrintShortensLongLists(t *testing.T) {
	var r store.ImportReport
	for i := range 100 {
		r.Translations.Added = append(r.Translations.Added, fmt.Sprintf("x.y (at) l%d", i))
	}
	var out strings.Builder
	r.Print(&out)
	if !strings.Contains(out.String(), "100 added") || !strings.Contains(out.String(), "… and 70 more") ||
		strings.Count(out.String(), "\n") > 35 {
		t.Fatalf("report of 100 additions:\n%s", out.String())
	}
}
