package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/compassbot/compass/content/packfile"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

const fixturePack = "testdata/pack"

// newDB returns a migrated, empty store on a database of its own, and that
// database's URL.
func newDB(t testing.TB) (*store.DB, string) {
	t.Helper()
	url := storetest.NewDatabase(t)
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return db, url
}

// sqlConn opens a plain connection for the raw SQL an editor would run.
func sqlConn(t testing.TB, url string) *sqlx.DB {
	t.Helper()
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func loadFixture(t testing.TB) *content.Pack {
	t.Helper()
	p, err := packfile.LoadDir(fixturePack)
	if err != nil {
		t.Fatalf("fixture pack: %v", err)
	}
	return p
}

// importFixture migrates a new database and imports the fixture pack.
func importFixture(t testing.TB) (*store.DB, string, *content.Pack) {
	t.Helper()
	return importPack(t, loadFixture(t))
}

// importPack imports p into a new database.
func importPack(t testing.TB, p *content.Pack) (*store.DB, string, *content.Pack) {
	t.Helper()
	db, url := newDB(t)
	if _, err := db.Import(context.Background(), p); err != nil {
		t.Fatalf("import pack %s: %v", p.ID, err)
	}
	return db, url, p
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// assertLoads loads db's content and fails unless it is the same as want;
// it returns what it loaded.
func assertLoads(t testing.TB, db *store.DB, want *content.Pack) *content.Pack {
	t.Helper()
	got, err := db.Load(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	assertSamePack(t, got, want)
	return got
}

// assertSamePack fails unless the two packs hold the same content. Empty
// and nil lists and maps count as equal; the packs' lookup indexes are
// ignored (only exported fields are compared).
func assertSamePack(t testing.TB, got, want *content.Pack) {
	t.Helper()
	g, w := exported(got), exported(want)
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.MarshalIndent(g, "", " ")
		wj, _ := json.MarshalIndent(w, "", " ")
		t.Fatalf("packs differ:\n%s", lineDiff(string(gj), string(wj)))
	}
}

// packContent is the exported content of a Pack, normalised.
type packContent struct {
	ID, Name, SourceLanguage string
	Languages                []string
	Regions                  []*content.Region
	Topics                   []*content.Topic
	Intents                  []*content.Intent
	Services                 []*content.Service
}

func exported(p *content.Pack) packContent {
	c := packContent{ID: p.ID, Name: p.Name, SourceLanguage: p.SourceLanguage, Languages: p.Languages,
		Regions: p.Regions, Topics: p.Topics, Intents: p.Intents, Services: p.Services}
	// Round-trip through JSON with empty values dropped by normalize.
	b, _ := json.Marshal(c)
	var out packContent
	_ = json.Unmarshal(b, &out)
	normalize(reflect.ValueOf(&out).Elem())
	return out
}

// normalize turns empty slices and maps into nil, recursively.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				normalize(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Map:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			normalize(e)
			v.SetMapIndex(k, e)
		}
	}
}

// lineDiff shows the first lines where got and want differ.
func lineDiff(got, want string) string {
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; (i < len(gl) || i < len(wl)) && shown < 10; i++ {
		g, w := at(gl, i), at(wl, i)
		if g != w {
			fmt.Fprintf(&b, "line %d:\n  got:  %s\n  want: %s\n", i+1, g, w)
			shown++
		}
	}
	return b.String()
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end)"
}

func count(t testing.TB, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
