package eval

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/match"
)

// Size of the synthetic pack of issue 4's targets.
const (
	synthIntents = 2000
	synthLangs   = 25
	synthSeed    = 1
	synthQueryN  = 2000
)

var synthPack = sync.OnceValue(func() *content.Pack { return SynthPack(synthIntents, synthLangs, synthSeed) })

// synthMatcher is the matcher BenchmarkBuildIndex built last, kept so that
// BenchmarkMatch in the same run need not build it again.
var synthMatcher content.Matcher

// BenchmarkBuildIndex builds the matcher for the synthetic pack (2,000
// intents × 25 languages). heap-MB is the heap in use after the build with
// pack and matcher alive; index-MB the part the matcher added.
func BenchmarkBuildIndex(b *testing.B) {
	synthMatcher = BuildBench(b, synthPack())
}

// BenchmarkMatch measures Understand on the synthetic pack with synthetic
// queries, and on the bundled pack with the evaluation set's texts; it
// reports the median and 99th percentile latency of single calls.
func BenchmarkMatch(b *testing.B) {
	m := synthMatcher
	if m == nil {
		var err error
		if m, err = match.New(synthPack()); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("synthetic", func(b *testing.B) { benchQueries(b, m, SynthQueries(synthPack(), synthQueryN, 2)) })
	bm, err := match.New(bundledPack(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bundled", func(b *testing.B) { benchQueries(b, bm, evalQueries(b)) })
}

// BenchmarkPostgresFTS measures the PostgreSQL baseline's query on the same
// data: the whole synthetic pack (one row per intent and language) and the
// bundled pack with the evaluation set's texts.
func BenchmarkPostgresFTS(b *testing.B) {
	db := newTestDB(b)
	ctx := context.Background()
	start := time.Now()
	fts, err := NewPostgresFTS(ctx, db, Docs(synthPack()))
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d synthetic documents in %v", synthIntents*synthLangs, time.Since(start).Round(time.Millisecond))
	b.Run("synthetic", func(b *testing.B) {
		benchQueries(b, &Thresholded{Ranker: fts}, SynthQueries(synthPack(), synthQueryN, 2))
	})

	bfts, err := NewPostgresFTS(ctx, newTestDB(b), Docs(bundledPack(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bundled", func(b *testing.B) { benchQueries(b, &Thresholded{Ranker: bfts}, evalQueries(b)) })
}

// benchQueries answers the queries round robin, timing every call, and
// reports the median and 99th percentile in microseconds.
func benchQueries(b *testing.B, m content.Matcher, queries []content.Query) {
	b.ReportAllocs()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		m.Understand(queries[i%len(queries)])
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	if t, ok := m.(*Thresholded); ok && t.Err() != nil {
		b.Fatal(t.Err())
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds())/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds())/1e3, "p99-µs")
}

// evalQueries are the texts of both evaluation splits as queries.
func evalQueries(b *testing.B) []content.Query {
	var qs []content.Query
	data := loadSplits(b)
	for _, s := range splits {
		for _, c := range data[s] {
			qs = append(qs, content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region})
		}
	}
	return qs
}
