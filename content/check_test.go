package content

import (
	"reflect"
	"testing"
	"time"
)

func TestCheckPack_Fixture(t *testing.T) {
	p := mustLoad(t, fixture(t, "graz", nil))
	now := time.Date(2027, 11, 1, 12, 0, 0, 0, time.UTC) // 13 months after the reviews
	var got []string
	for _, f := range CheckPack(p, now) {
		if f.Severity != "warning" {
			t.Errorf("severity %q", f.Severity)
		}
		got = append(got, f.String())
	}
	want := []string{
		"warning: topic residence: fa: no name in this language",
		"warning: topic health: de: no name in this language",
		"warning: topic health: ar: no name in this language",
		"warning: topic health: fa: no name in this language",
		"warning: intent health.find_doctor (at): no reviewed date: nobody has confirmed these facts",
		"warning: intent health.find_doctor (at): no source: add the official page the facts come from",
		"warning: intent health.find_doctor (at): de: missing translation",
		"warning: intent health.find_doctor (at): fa: missing translation",
		"warning: intent residence.registration (at): last reviewed 2026-10-01, more than 12 months ago",
		"warning: intent residence.registration (at): de: machine translation, not yet checked by a person",
		"warning: intent residence.registration (at): ar: missing translation",
		"warning: intent residence.registration (at): fa: missing translation",
		"warning: intent residence.registration (at-graz): last reviewed 2026-10-01, more than 12 months ago",
		"warning: intent residence.registration (at-graz): de: missing translation",
		"warning: intent residence.registration (at-graz): ar: missing translation",
		"warning: intent residence.registration (at-graz): fa: outdated: the en text changed since this translation",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%q\nwant:\n%q", got, want)
	}
}

func TestCheckPack_HoursNeedATimeZone(t *testing.T) {
	p := validPack()
	p.Languages = []string{"en"}
	p.Intents = nil
	p.Services[0].Hours[time.Monday] = []TimeRange{{480, 720}}
	if got := CheckPack(p, time.Now()); len(got) != 0 {
		t.Errorf("time zone inherited from at: unexpected %v", got)
	}
	p.Regions[0].Timezone = ""
	got := CheckPack(p, time.Now())
	if len(got) != 1 || got[0].Object != "service graz-meldeamt" {
		t.Errorf("got %v, want one warning about service graz-meldeamt", got)
	}
}

func TestCheckPack_ReviewDates(t *testing.T) {
	now := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		reviewed time.Time
		want     string // "" = no finding about the review
	}{
		{now.AddDate(0, -11, 0), ""},
		{now.AddDate(0, -12, 0), ""},
		{now.AddDate(0, -12, -1), "last reviewed 2025-11-22, more than 12 months ago"},
		{now.AddDate(0, 0, 1), "reviewed date 2026-11-24 is in the future"},
		{time.Time{}, "no reviewed date: nobody has confirmed these facts"},
	}
	for _, tt := range tests {
		p := validPack()
		p.Languages = []string{"en"}
		p.Intents[0].Source = "https://www.graz.at/"
		p.Intents[0].Reviewed = tt.reviewed
		got := CheckPack(p, now)
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("reviewed %v: unexpected %v", tt.reviewed, got)
		case tt.want != "" && (len(got) != 1 || got[0].Msg != tt.want):
			t.Errorf("reviewed %v: got %v, want %q", tt.reviewed, got, tt.want)
		}
	}
}
