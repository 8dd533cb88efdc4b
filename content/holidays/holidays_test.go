package holidays

import (
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

func TestLookup_PublicHolidays(t *testing.T) {
	tests := []struct {
		cal  string
		date content.Date
		want bool
	}{
		{"at", content.Date{Year: 2026, Month: time.October, Day: 26}, true}, // Nationalfeiertag
		{"at", content.Date{Year: 2026, Month: time.December, Day: 25}, true},
		{"at", content.Date{Year: 2026, Month: time.December, Day: 24}, false}, // not a public holiday
		{"at", content.Date{Year: 2026, Month: time.April, Day: 6}, true},      // Easter Monday 2026
		{"at", content.Date{Year: 2026, Month: time.November, Day: 23}, false},
		{"de", content.Date{Year: 2026, Month: time.October, Day: 3}, true},
		{"de-by", content.Date{Year: 2026, Month: time.January, Day: 6}, true}, // Epiphany in Bavaria
		{"de", content.Date{Year: 2026, Month: time.January, Day: 6}, false},   // not national
		{"si", content.Date{Year: 2026, Month: time.February, Day: 8}, true},   // Prešeren Day
		{"hr", content.Date{Year: 2026, Month: time.June, Day: 22}, true},      // Anti-Fascist Struggle Day
		{"at", content.Date{Month: time.December, Day: 25}, false},             // a yearly date is no day
	}
	for _, tt := range tests {
		c, ok := Lookup(tt.cal)
		if !ok {
			t.Fatalf("no calendar %s", tt.cal)
		}
		name, got := c.Holiday(tt.date)
		if got != tt.want || (got && name == "") {
			t.Errorf("%s %s: %q %v, want %v", tt.cal, tt.date, name, got, tt.want)
		}
	}
	if _, ok := Lookup("xx"); ok {
		t.Error("unknown calendar found")
	}
}

func TestKnown_CoversTheBundledCountries(t *testing.T) {
	for _, id := range []string{"at", "de", "de-by", "si", "hr"} {
		if _, ok := Lookup(id); !ok {
			t.Errorf("%s missing", id)
		}
	}
	if len(Known()) < 5 {
		t.Errorf("Known: %v", Known())
	}
}
