package eval

import (
	"context"
	"database/sql"
	"flag"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/store/storetest"
)

var showMisses = flag.Bool("misses", false, "list the lines of the dev split each answerer got wrong")

// splits are the evaluation splits: tune on dev, report on test.
var splits = []string{"dev", "test"}

func loadSplits(t testing.TB) map[string][]Case {
	t.Helper()
	out := map[string][]Case{}
	for _, s := range splits {
		cases, err := LoadCases("testdata/" + s + ".jsonl")
		if err != nil {
			t.Fatal(err)
		}
		out[s] = cases
	}
	return out
}

// bundledPack is the embedded pack the evaluation set is written against.
func bundledPack(t testing.TB) *content.Pack {
	t.Helper()
	p, err := bundled.Load()
	if err != nil {
		t.Fatalf("bundled pack: %v", err)
	}
	return p
}

// TestEval runs the matcher and the two baselines over both splits and
// prints the tables (go test ./eval -run Eval -v). It asserts only that the
// matcher answers every line sensibly; the numbers are reported, not
// asserted. Add -args -misses to list what went wrong on dev.
func TestEval(t *testing.T) {
	data := loadSplits(t)
	pack := bundledPack(t)
	for _, s := range splits {
		for _, c := range data[s] {
			if c.Intent != "" && len(pack.Variants(c.Intent)) == 0 {
				t.Errorf("%s.jsonl:%d: intent %q is not in the bundled pack", s, c.Line, c.Intent)
			}
		}
	}
	start := time.Now()
	m, err := match.New(pack)
	if err != nil {
		t.Fatalf("match.New: %v", err)
	}
	t.Logf("matcher built in %v", time.Since(start).Round(time.Millisecond))
	checked := &sanityChecker{t: t, m: m, pack: pack}
	bm25 := &Thresholded{Ranker: NewBM25(Docs(pack))}
	threshold, right, err := TuneThreshold(bm25.Ranker, data["dev"])
	if err != nil {
		t.Fatal(err)
	}
	bm25.Threshold = threshold
	t.Logf("BM25 threshold tuned on dev: %.3f (%d dev lines right)", threshold, right)

	reports := map[string][]Report{}
	for _, s := range splits {
		reports[s] = []Report{
			Evaluate("matcher", s, checked, data[s], pack.Languages),
			Evaluate("bm25", s, bm25, data[s], pack.Languages),
		}
	}
	t.Run("postgres", func(t *testing.T) {
		pg := postgresBaseline(t, pack, data["dev"])
		for _, s := range splits {
			reports[s] = append(reports[s], Evaluate("postgres-fts", s, pg, data[s], pack.Languages))
		}
		if err := pg.Err(); err != nil {
			t.Errorf("postgres baseline: %v", err)
		}
	})
	for _, s := range splits {
		t.Logf("\n%s", Compare(reports[s]...))
		if *showMisses && s == "dev" {
			for _, r := range reports[s] {
				t.Logf("\n%s", r.FormatMisses())
			}
		}
		mr := reports[s][0]
		if mr.Overall.N != len(data[s]) {
			t.Errorf("%s: matcher answered %d of %d lines", s, mr.Overall.N, len(data[s]))
		}
		for _, v := range []float64{mr.Overall.Accuracy(), mr.Top3.Accuracy(), mr.FallbackPrecision(),
			mr.FallbackRecall(), mr.EmergencyRecall(), mr.FalseAlarmRate()} {
			if v < 0 || v > 1 || math.IsNaN(v) {
				t.Errorf("%s: a rate is out of [0,1]: %v", s, v)
			}
		}
	}
}

// postgresBaseline loads the pack into a database of its own, dropped when
// t ends, and tunes the threshold on dev. Without a reachable database t is
// skipped (failed under CI=true) by storetest.
func postgresBaseline(t *testing.T, pack *content.Pack, dev []Case) *Thresholded {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fts, err := NewPostgresFTS(ctx, newTestDB(t), Docs(pack))
	if err != nil {
		t.Fatal(err)
	}
	th, right, err := TuneThreshold(fts, dev)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Postgres configurations %v; threshold tuned on dev: %.4f (%d dev lines right)", fts.Configs(), th, right)
	return &Thresholded{Ranker: fts, Threshold: th}
}

// sanityChecker wraps the matcher and checks each answer: a pack language,
// scores in [0,1] best first, known intents, Confident only with a candidate.
type sanityChecker struct {
	t    *testing.T
	m    content.Matcher
	pack *content.Pack
}

func (s *sanityChecker) Understand(q content.Query) content.Understanding {
	u := s.m.Understand(q)
	if !slices.Contains(s.pack.Languages, u.Lang) {
		s.t.Errorf("%q: answer language %q is not a pack language", q.Text, u.Lang)
	}
	if u.Confident && len(u.Candidates) == 0 {
		s.t.Errorf("%q: confident without candidates", q.Text)
	}
	for i, c := range u.Candidates {
		if c.Score < 0 || c.Score > 1 || math.IsNaN(c.Score) {
			s.t.Errorf("%q: candidate %s has score %v outside [0,1]", q.Text, c.Intent, c.Score)
		}
		if i > 0 && c.Score > u.Candidates[i-1].Score {
			s.t.Errorf("%q: candidates not sorted best first", q.Text)
		}
		if len(s.pack.Variants(c.Intent)) == 0 {
			s.t.Errorf("%q: candidate %q is not in the pack", q.Text, c.Intent)
		}
	}
	return u
}

// newTestDB connects to a database of its own, dropped when t ends.
// Without a reachable database t is skipped (failed under CI=true) by
// storetest.
func newTestDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", storetest.NewDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
