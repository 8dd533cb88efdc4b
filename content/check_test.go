package content_test

import (
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
	"testing"
	"time"
)

func TestCheckPack_HoursNeedATimeZone(t *testing.T) {
	p := contenttest.ValidPack()
	p.Languages = []string{"en"}
	p.Intents = nil
	p.Services[0].Hours[time.Monday] = []content.TimeRange{{480, 720}}
	if got := content.CheckPack(p, time.Now()); len(got) != 0 {
		t.Errorf("time zone inherited from at: unexpected %v", got)
	}
	p.Regions[0].Timezone = ""
	got := content.CheckPack(p, time.Now())
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
		p := contenttest.ValidPack()
		p.Languages = []string{"en"}
		p.Intents[0].Source = "https://www.graz.at/"
		p.Intents[0].Reviewed = tt.reviewed
		got := content.CheckPack(p, now)
		switch {
		case tt.want == "" && len(got) != 0:
			t.Errorf("reviewed %v: unexpected %v", tt.reviewed, got)
		case tt.want != "" && (len(got) != 1 || got[0].Msg != tt.want):
			t.Errorf("reviewed %v: got %v, want %q", tt.reviewed, got, tt.want)
		}
	}
}
