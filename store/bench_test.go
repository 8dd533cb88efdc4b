package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/store"
)

func importBundled(b *testing.B) (*store.DB, string, *content.Pack) {
	b.Helper()
	p, err := bundled.Load()
	if err != nil {
		b.Skipf("bundled pack: %v", err)
	}
	return importPack(b, p)
}

// BenchmarkReload measures commit-to-new-answer latency: an editor commits
// an UPDATE of an answer; the time until a watcher has signalled and Load
// has returned the new answer. Reported as ns/op and as p50/p99 ms.
func BenchmarkReload(b *testing.B) {
	db, url, _ := importBundled(b)
	benchReload(b, db, url)
}

// benchReload times, per iteration, an editor's UPDATE of an answer until a
// watcher has signalled and Load returned the new text.
func benchReload(b *testing.B, db *store.DB, url string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := startWatch(b, ctx, db)
	editor := sqlConn(b, url)
	var samples []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		answer := fmt.Sprintf("Call 1450 (version %d).", i)
		start := time.Now()
		if _, err := editor.Exec(`UPDATE translations SET answer = $1 WHERE intent = 'health.phone_advice' AND region = 'at' AND lang = 'en'`, answer); err != nil {
			b.Fatal(err)
		}
		waitSignal(b, w, "change signal")
		p, err := w.Load(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if got := p.Intent("health.phone_advice", "at").Translations["en"].Answer; got != answer {
			b.Fatalf("reloaded answer %q, want %q", got, answer)
		}
		samples = append(samples, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, samples)
}

// BenchmarkLoad measures building the bundled pack from SQL (and
// validating it), the work of one reload.
func BenchmarkLoad(b *testing.B) {
	db, _, _ := importBundled(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Load(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPackFiles is the baseline for BenchmarkLoad: reading the
// same pack from its embedded YAML files.
func BenchmarkLoadPackFiles(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bundled.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkImportUnchanged measures importing the bundled pack into a
// database that already holds it (nothing is written).
func BenchmarkImportUnchanged(b *testing.B) {
	db, _, p := importBundled(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r, err := db.Import(ctx, p); err != nil || !r.Empty() {
			b.Fatalf("import: %v, report empty: %v", err, r.Empty())
		}
	}
}

// BenchmarkImportFresh measures importing the bundled pack into an empty
// database (each iteration deletes the content first, outside the timer).
func BenchmarkImportFresh(b *testing.B) {
	db, url, p := importBundled(b)
	editor := sqlConn(b, url)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if _, err := editor.Exec(`TRUNCATE translations, intent_services, intents, service_hours, service_languages,
			service_topics, services, topics, helplines, emergency_numbers, regions, pack, languages`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.Import(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}

// largePack is the bundled pack with every intent variant copied until
// there are at least n, under new ids: a big city's content.
func largePack(b *testing.B, n int) *content.Pack {
	b.Helper()
	p, err := bundled.Load()
	if err != nil {
		b.Skipf("bundled pack: %v", err)
	}
	base := p.Intents
	for k := 1; len(p.Intents) < n; k++ {
		for _, in := range base {
			c := *in
			c.ID, c.File = fmt.Sprintf("%s_%d", in.ID, k), ""
			p.Intents = append(p.Intents, &c)
		}
	}
	return p
}

// BenchmarkLarge repeats Load, import and reload on a pack of 1,000 intent
// variants in 9 languages (about 9,000 translations).
func BenchmarkLarge(b *testing.B) {
	p := largePack(b, 1000)
	db, url, _ := importPack(b, p)
	ctx := context.Background()
	b.Run("Load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.Load(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ImportUnchanged", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := db.Import(ctx, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Reload", func(b *testing.B) { benchReload(b, db, url) })
}

func reportPercentiles(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	at := func(q float64) float64 {
		return float64(samples[int(q*float64(len(samples)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(at(1), "max-ms")
}
