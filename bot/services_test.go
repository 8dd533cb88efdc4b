package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
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

// /services lists a topic's services five at a time; "More ›" pages on,
// and every list button fits Telegram's 64 bytes, language stamp included.
func TestServicesCommand_Pages(t *testing.T) {
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return benchNow }, DefaultRegion: "at-wien"})
	if err := e.SetPack(tenThousand(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := Message{Channel: "test", UserID: "p", ChatID: "p", LangHint: "en"}
	first, _ := e.Handle(ctx, Message{Channel: m.Channel, UserID: m.UserID, Text: "/services health"})
	more := ""
	for _, row := range first[0].Buttons {
		if row[0].Label == tr("en", "btn_more") {
			more = row[0].Payload
		}
	}
	if more == "" || len(first[0].Buttons) != servicePageSize+1 {
		t.Fatalf("first page: %d rows, more %q", len(first[0].Buttons), more)
	}
	m.Payload = more
	second, _ := e.Handle(ctx, m)
	if second[0].Buttons[0][0].Payload == first[0].Buttons[0][0].Payload {
		t.Errorf("page 2 starts with the same service as page 1")
	}
	long := listPayload(serviceFilter{kind: "registration_office", langs: []string{"sr-Latn", "ckb"}, topic: "health", open: true}, 999).encode()
	if stamped := long + "@sr-Latn"; len(stamped) > MaxPayloadBytes {
		t.Errorf("%q is %d bytes", stamped, len(stamped))
	}
	if p, err := decodePayload(long + "@sr-Latn"); err != nil || p.kind != kindList {
		t.Errorf("%q does not decode: %v", long, err)
	}
}

// "Where do I find a doctor?" names a kind of place. A sure match is
// answered (the answer has its related services); otherwise the region's
// doctors are listed, and when the matcher would have asked back, its
// first guess is offered as a button under the list: not answered, not
// lost. Without a plausible guess there is no button.
func TestServiceRequest_OffersTheMatchersGuess(t *testing.T) {
	guess := []content.Candidate{{Intent: "health.find_doctor", Score: 0.47}, {Intent: "health.violence_help", Score: 0.46}}
	for _, tc := range []struct {
		name           string
		u              content.Understanding
		answered, list bool
		button         bool
	}{
		{"sure", content.Understanding{Lang: "en", Confident: true, Candidates: guess[:1]}, true, false, false},
		{"asked back", content.Understanding{Lang: "en", AskBack: true, Candidates: guess}, false, true, true},
		{"no guess", content.Understanding{Lang: "en"}, false, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Config{NewMatcher: func(*content.Pack) (content.Matcher, error) { return fixedMatcher(tc.u), nil },
				DefaultRegion: "at-graz", Now: func() time.Time { return fixtureNow }})
			if err := e.SetPack(loadFixture(t)); err != nil {
				t.Fatal(err)
			}
			a, err := e.Ask(context.Background(), Question{Text: "where do I find a doctor?", Region: "at-graz"})
			if err != nil || len(a.Replies) == 0 {
				t.Fatalf("%+v, %v", a, err)
			}
			r := a.Replies[0]
			if answered := a.Intent == "health.find_doctor"; answered != tc.answered {
				t.Errorf("answered %q, want the doctor answer: %v", a.Intent, tc.answered)
			}
			if listed := strings.Contains(r.Text, loadFixture(t).Service("graz-clinic").Name["en"]) && r.Title == ""; listed != tc.list {
				t.Errorf("the region's doctors listed: %v, want %v:\n%s", listed, tc.list, r.Text)
			}
			offered := false
			for _, row := range r.Buttons {
				for _, b := range row {
					offered = offered || b.Label == "ℹ️ Finding a doctor"
				}
			}
			if offered != tc.button {
				t.Errorf("button to the doctor answer: %v, want %v (%+v)", offered, tc.button, r.Buttons)
			}
		})
	}
}

// A list's buttons carry the language of the reply while the person has
// chosen none, as every other button does: page 2 comes in the language of
// page 1, whatever the platform says the next time.
func TestServicesCommand_ListButtonsCarryTheLanguage(t *testing.T) {
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return benchNow }, DefaultRegion: "at-wien"})
	if err := e.SetPack(tenThousand(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	lang := e.state.Load().pack.Languages[1]
	first, _ := e.Handle(ctx, Message{Channel: "test", UserID: "q", ChatID: "q", LangHint: lang, Text: "/services health"})
	more := first[0].Buttons[len(first[0].Buttons)-1][0]
	if more.Label != tr(lang, "btn_more") || !strings.HasSuffix(more.Payload, "@"+lang) {
		t.Fatalf("the %s list's last button: %+v, want %q with the language stamp @%s", lang, more, tr(lang, "btn_more"), lang)
	}
	second, _ := e.Handle(ctx, Message{Channel: "test", UserID: "q", ChatID: "q", LangHint: "en", Payload: more.Payload})
	if got := second[0].Buttons[len(second[0].Buttons)-1][0].Label; got != tr(lang, "btn_more") {
		t.Errorf("page 2, pressed with another platform language: last button %q, want %q", got, tr(lang, "btn_more"))
	}
	topics, _ := e.Handle(ctx, Message{Channel: "test", UserID: "q", ChatID: "q", LangHint: lang, Text: "/services"})
	for _, row := range topics[0].Buttons {
		for _, b := range row {
			if _, err := decodePayload(b.Payload); err == nil && strings.HasPrefix(b.Payload, "1:"+string(kindList)) && !strings.HasSuffix(b.Payload, "@"+lang) {
				t.Errorf("topic button %q has no language stamp", b.Payload)
			}
		}
	}
}
