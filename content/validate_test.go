package content_test

import (
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
	"strings"
	"testing"
	"time"
)

func TestValidatePack_NamesTheObject(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(p *content.Pack)
		want   string
	}{
		{"empty answer", func(p *content.Pack) { p.Intents[0].Translations["fa"] = &content.Translation{Title: "ثبت"} },
			"intent residence.registration (at-graz): translations.fa.answer: must not be empty"},
		{"unknown parent", func(p *content.Pack) { p.Regions[1].Parent = "austria" },
			`region at-graz: parent: unknown region "austria"`},
		{"bad hours", func(p *content.Pack) { p.Services[0].Hours[time.Monday] = []content.TimeRange{{600, 540}} },
			"service graz-meldeamt: hours.mon[0]: 10:00-09:00 closes before it opens"},
		{"geo", func(p *content.Pack) { p.Services[0].Geo = &content.Geo{Lat: 47, Lon: 181} },
			"service graz-meldeamt: geo.lon: longitude 181 is outside"},
		{"topic mismatch", func(p *content.Pack) { p.Intents[0].Topic = "health" },
			`intent residence.registration (at-graz): topic: is "health" but the id says "residence"`},
		{"nil translation", func(p *content.Pack) { p.Intents[0].Translations["fa"] = nil },
			"intent residence.registration (at-graz): translations.fa: is empty"},
		{"bad pack language", func(p *content.Pack) { p.Languages = append(p.Languages, "x!") },
			`pack: languages[2]: "x!" is not a valid BCP 47`},
		{"nil region", func(p *content.Pack) { p.Regions = append(p.Regions, nil) }, "pack: regions[2]: is missing"},
	}
	if err := content.ValidatePack(contenttest.ValidPack()); err != nil {
		t.Fatalf("valid pack: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := contenttest.ValidPack()
			tt.break_(p)
			err := content.ValidatePack(p)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %q", err, tt.want)
			}
			contenttest.PackErrors(t, err)
		})
	}
	if err := content.ValidatePack(nil); err == nil {
		t.Error("nil pack must not validate")
	}
}

func TestValidatePack_Overlaps(t *testing.T) {
	tests := []struct {
		day  []content.TimeRange
		want string // "" = valid
	}{
		{[]content.TimeRange{{480, 720}, {780, 900}}, ""},
		{[]content.TimeRange{{780, 900}, {480, 720}}, ""}, // order does not matter
		{[]content.TimeRange{{480, 720}, {720, 900}}, ""}, // touching is fine
		{[]content.TimeRange{{480, 720}, {600, 660}}, "hours.mon[1]: 10:00-11:00 overlaps 08:00-12:00 (range 1 of the day)"},
		{[]content.TimeRange{{600, 660}, {480, 720}}, "hours.mon[1]: 08:00-12:00 overlaps 10:00-11:00 (range 1 of the day)"},
		{[]content.TimeRange{{0, 600}, {700, 800}, {500, 1440}}, "hours.mon[2]: 08:20-24:00 overlaps 00:00-10:00 (range 1 of the day)"},
	}
	for _, tt := range tests {
		p := contenttest.ValidPack()
		p.Services[0].Hours[time.Monday] = tt.day
		err := content.ValidatePack(p)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: unexpected %v", tt.day, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: got %v, want %q", tt.day, err, tt.want)
		}
	}
}
