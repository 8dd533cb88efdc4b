package bot

import (
	"context"
	"strings"
	"testing"
	"time"
)

// An Austria-wide answer may name services in several cities: "Related
// services" must list only those that serve the person's region.
func TestRelatedServices_OnlyTheRegions(t *testing.T) {
	p := loadFixture(t)
	for _, in := range p.Intents {
		if in.ID == "health.find_doctor" {
			in.Services = []string{"graz-clinic", "wien-ams"}
		}
	}
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return fixtureNow }})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	graz, wien := "Keplerstraße", p.Service("wien-ams").Address
	for _, tc := range []struct {
		region      string
		want, avoid []string
	}{
		{region: "at-wien", want: []string{wien}, avoid: []string{graz}},
		{region: "at-graz", want: []string{graz}, avoid: []string{wien}},
		{region: "at", want: []string{graz, wien}}, // only said "Austria": both serve them
	} {
		t.Run(tc.region, func(t *testing.T) {
			ctx := context.Background()
			m := Message{Channel: "test", UserID: tc.region, ChatID: tc.region}
			say := func(m Message) []Reply {
				t.Helper()
				r, err := e.Handle(ctx, m)
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			start := m
			start.Text = "/start region-" + tc.region
			say(start)
			ask := m
			ask.Text = "doctor"
			var related string
			for _, r := range say(ask) {
				for _, row := range r.Buttons {
					for _, b := range row {
						if b.Label == tr("en", "btn_related") {
							related = b.Payload
						}
					}
				}
			}
			if related == "" {
				t.Fatal("the answer has no related-services button")
			}
			press := m
			press.Payload = related
			text := say(press)[0].Text
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("related services lack %q:\n%s", w, text)
				}
			}
			for _, w := range tc.avoid {
				if strings.Contains(text, w) {
					t.Errorf("related services list %q, which is in another region:\n%s", w, text)
				}
			}
		})
	}
}
