package bot

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/holidays"
)

// tenThousand is a pack with 10,000 services in Vienna: mixed kinds,
// languages, topics and hours (some overnight, some with a summer break).
func tenThousand(tb testing.TB) *content.Pack {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	p := &content.Pack{ID: "bench", SourceLanguage: "en", Languages: []string{"en", "de", "ar", "fa", "uk", "tr"},
		Regions: []*content.Region{{ID: "at", Timezone: "Europe/Vienna"}, {ID: "at-wien", Parent: "at"}},
		Topics:  []*content.Topic{{ID: "health", Name: content.Text{"en": "Health"}}, {ID: "residence", Name: content.Text{"en": "Residence"}}},
		Intents: []*content.Intent{{ID: "health.doctor", Topic: "health", Region: "at",
			Translations: map[string]*content.Translation{"en": {Title: "Doctor", Answer: "See a doctor."}}}},
	}
	kinds := []string{"doctor", "pharmacy", "dentist", "counselling", "legal_advice"}
	for i := range 10000 {
		s := &content.Service{ID: fmt.Sprintf("s%05d", i), Region: "at-wien", Name: content.Text{"en": fmt.Sprintf("Service %d", i)},
			Topics: []string{[]string{"health", "residence"}[i%2]}, Kinds: []string{kinds[i%len(kinds)]},
			Geo:       &content.Geo{Lat: 48.1 + r.Float64()*0.25, Lon: 16.2 + r.Float64()*0.35},
			Languages: []string{"de"}}
		if l := p.Languages[r.IntN(len(p.Languages))]; l != "de" {
			s.Languages = append(s.Languages, l)
		}
		open, close := 7*60+r.IntN(4)*60, 15*60+r.IntN(5)*60
		if i%50 == 0 {
			open, close = 20*60, 30*60 // overnight
		}
		for d := time.Monday; d <= time.Friday; d++ {
			s.Hours[d] = []content.TimeRange{{Open: open, Close: close}}
		}
		if i%100 == 0 {
			s.Exceptions = []content.Exception{{From: content.Date{Year: 2026, Month: 7, Day: 20}, To: content.Date{Year: 2026, Month: 8, Day: 14}}}
		}
		p.Services = append(p.Services, s)
	}
	if err := content.ValidatePack(p); err != nil {
		tb.Fatal(err)
	}
	return p
}

var benchNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC) // Monday 10:30 in Vienna

// "A doctor who speaks Arabic near me, open first": the index.
func BenchmarkNearestOpen_Index(b *testing.B) {
	p := tenThousand(b)
	ix := newServiceIndex(p, holidays.Lookup)
	at := content.Geo{Lat: 48.2082, Lon: 16.3738}
	f := serviceFilter{kind: "doctor", langs: []string{"ar"}}
	b.ReportAllocs()
	for b.Loop() {
		if res, _ := ix.query("at-wien", f, nil, &at, benchNow, 5); len(res) != 5 {
			b.Fatal(len(res))
		}
	}
}

// The same question answered the obvious way (the baseline): every
// service of the region, filtered by name, its distance by the haversine
// formula and its status, all sorted.
func BenchmarkNearestOpen_Naive(b *testing.B) {
	p := tenThousand(b)
	at := content.Geo{Lat: 48.2082, Lon: 16.3738}
	b.ReportAllocs()
	for b.Loop() {
		if res := naiveNearestOpen(p, "at-wien", "doctor", "ar", at, benchNow, 5); len(res) != 5 {
			b.Fatal(len(res))
		}
	}
}

func naiveNearestOpen(p *content.Pack, region, kind, lang string, at content.Geo, now time.Time, n int) []found {
	mo := p.OpeningIn(region, holidays.Lookup).At(now)
	var all []found
	for _, s := range p.ServicesFor(region) {
		if s.Geo == nil || !slices.Contains(s.Kinds, kind) || !slices.Contains(s.Languages, lang) {
			continue
		}
		all = append(all, found{s: s, open: mo.Status(s).Open, km: haversineKm(at, *s.Geo)})
	}
	slices.SortFunc(all, func(a, b found) int {
		if a.open != b.open {
			if a.open {
				return -1
			}
			return 1
		}
		return int(math.Copysign(1, a.km-b.km))
	})
	return all[:min(n, len(all))]
}

// The index and the baseline agree on the answer.
func TestNearestOpen_IndexAgreesWithNaive(t *testing.T) {
	p := tenThousand(t)
	ix := newServiceIndex(p, holidays.Lookup)
	for _, at := range []content.Geo{{Lat: 48.2082, Lon: 16.3738}, {Lat: 48.15, Lon: 16.25}, {Lat: 48.3, Lon: 16.5}} {
		for _, now := range []time.Time{benchNow, benchNow.Add(12 * time.Hour), time.Date(2026, 7, 22, 8, 0, 0, 0, time.UTC)} {
			got, _ := ix.query("at-wien", serviceFilter{kind: "doctor", langs: []string{"ar"}}, nil, &at, now, 5)
			want := naiveNearestOpen(p, "at-wien", "doctor", "ar", at, now, 5)
			for i := range want {
				if got[i].s.ID != want[i].s.ID || got[i].open != want[i].open {
					t.Fatalf("%v %v: result %d is %s (open %v), baseline %s (open %v)", at, now, i, got[i].s.ID, got[i].open, want[i].s.ID, want[i].open)
				}
			}
		}
	}
}

// A shared location in a region of 10,000 services, through the engine.
func BenchmarkHandle_LocationTenThousand(b *testing.B) {
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return benchNow }, Calendars: holidays.Lookup,
		DefaultRegion: "at-wien"})
	if err := e.SetPack(tenThousand(b)); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	m := Message{Channel: "bench", UserID: "1", Location: &content.Geo{Lat: 48.2082, Lon: 16.3738}}
	b.ReportAllocs()
	for b.Loop() {
		if r, err := e.Handle(ctx, m); err != nil || len(r) != 1 {
			b.Fatal(err)
		}
	}
}
