package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
)

// BenchmarkTickets_Active is what every message costs once a volunteer
// inbox is configured: is there an open request of this person? (1,000
// open tickets of other people in the table.) BenchmarkSessions_Get, the
// session read every message already makes, is the baseline.
func BenchmarkTickets_Active(b *testing.B) {
	db, _ := newDB(b)
	ts := db.Tickets()
	ctx := context.Background()
	for i := range 1000 {
		d, err := ts.SaveDraft(ctx, contenttest.Draft(fmt.Sprint(i), "q"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ts.Act(ctx, d.Number, content.ActSubmit, "person", d.Created, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ts.Active(ctx, "telegram", fmt.Sprint(i%2000)); err != nil && err != content.ErrNotFound {
			b.Fatal(err)
		}
	}
}

func BenchmarkSessions_Get(b *testing.B) {
	db, _ := newDB(b)
	ss := db.Sessions()
	ctx := context.Background()
	for i := range 1000 {
		if err := ss.Put(ctx, content.Session{Channel: "telegram", UserID: fmt.Sprint(i), Lang: "ar"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ss.Get(ctx, "telegram", fmt.Sprint(i%2000)); err != nil && err != content.ErrNotFound {
			b.Fatal(err)
		}
	}
}

// BenchmarkTickets_Claim is one volunteer step: the row lock, the rule and
// the update with its audit row and notification.
func BenchmarkTickets_Claim(b *testing.B) {
	db, _ := newDB(b)
	ts := db.Tickets()
	ctx := context.Background()
	tk := contenttest.OpenTicket(&testing.T{}, ts, "1", "q")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a := content.ActClaim
		if i%2 == 1 {
			a = content.ActRelease
		}
		if _, err := ts.Act(ctx, tk.Number, a, "v", tk.Opened, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
