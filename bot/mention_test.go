package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

// variantTitle is the title of the registration variant for region in the
// language an answer came in.
func variantTitle(t *testing.T, p *content.Pack, region, lang string) string {
	t.Helper()
	in := p.Intent("residence.registration", region)
	if in == nil || in.Region != region || in.Translations[lang] == nil {
		t.Fatalf("bundled pack has no %s registration variant in %s", region, lang)
	}
	return in.Translations[lang].Title
}

func TestHandle_QuestionNamingARegion(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, stored, text string
		want               string // region whose variant answers; "" for the stored one
		switchTo           string // region the switch button offers; "" for none
	}{
		{"de no region", "", "Wo melde ich mich in Wien an? Meldezettel", "at-wien", "at-wien"},
		{"en no region", "", "How do I register my address in Vienna?", "at-wien", "at-wien"},
		{"ru graz person asks vienna", "at-graz", "Где взять бланк Meldezettel в Вене?", "at-wien", "at-wien"},
		{"uk vienna person asks graz", "at-wien", "Де оформити Meldezettel у Граці?", "at-graz", "at-graz"},
		{"tr graz person asks vienna", "at-graz", "Viyana'da Meldezettel nasıl yapılır?", "at-wien", "at-wien"},
		{"ar graz person asks vienna", "at-graz", "كيف أسجل عنواني Meldezettel بفيينا؟", "at-wien", "at-wien"},
		{"fa graz person asks vienna", "at-graz", "چطور در وین Meldezettel بگیرم؟", "at-wien", "at-wien"},
		{"own region named", "at-graz", "Meldezettel in Graz", "at-graz", ""},
		{"both named", "at-graz", "Meldezettel in Graz oder in Wien?", "at-graz", ""},
		{"both named, no region", "", "Meldezettel in Graz oder in Wien?", "at", ""},
		{"country only", "at-graz", "Meldezettel in Österreich", "at-graz", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newBundledEngine(t)
			p := e.Pack()
			sessions := e.cfg.Sessions
			if tc.stored != "" {
				if err := sessions.Put(ctx, content.Session{Channel: "test", UserID: "u", Region: tc.stored}); err != nil {
					t.Fatal(err)
				}
			}
			replies, err := e.Handle(ctx, Message{Channel: "test", UserID: "u", Text: tc.text})
			if err != nil {
				t.Fatal(err)
			}
			last := replies[len(replies)-1]
			if want := variantTitle(t, p, tc.want, last.Lang); last.Title != want {
				t.Fatalf("answer %q, want the %s variant %q", last.Title, tc.want, want)
			}
			var offered string
			for _, row := range last.Buttons {
				for _, b := range row {
					if pl, err := decodePayload(b.Payload); err == nil && pl.kind == kindRegion {
						offered = e.state.Load().regions[pl.args[0]]
					}
				}
			}
			if offered != tc.switchTo {
				t.Errorf("switch button offers %q, want %q", offered, tc.switchTo)
			}
			if tc.switchTo != "" {
				home := tc.stored
				if home == "" {
					home = p.RootRegion()
				}
				note := tr(last.Lang, "named_region", "region", p.Region(tc.switchTo).Name[last.Lang], "current", p.Region(home).Name[last.Lang])
				if !strings.HasPrefix(last.Text, note+"\n\n") {
					t.Errorf("answer does not start with the note %q:\n%s", note, last.Text)
				}
			}
			s, err := sessions.Get(ctx, "test", "u")
			if err != nil && tc.stored != "" {
				t.Fatal(err)
			}
			if s.Region != tc.stored {
				t.Errorf("stored region %q, want it unchanged %q", s.Region, tc.stored)
			}
			if tc.switchTo == "" {
				return
			}
			// Pressing the button makes the region the person's for good.
			var pressed string
			for _, row := range last.Buttons {
				for _, b := range row {
					if pl, err := decodePayload(b.Payload); err == nil && pl.kind == kindRegion {
						pressed = b.Payload
					}
				}
			}
			if _, err := e.Handle(ctx, Message{Channel: "test", UserID: "u", Payload: pressed}); err != nil {
				t.Fatal(err)
			}
			if s, _ := sessions.Get(ctx, "test", "u"); s.Region != tc.switchTo {
				t.Errorf("after pressing switch: region %q, want %q", s.Region, tc.switchTo)
			}
		})
	}
}

func TestAsk_QuestionNamingARegion(t *testing.T) {
	e := newBundledEngine(t)
	a, err := e.Ask(context.Background(), Question{Text: "Meldezettel in Wien", LangHint: "de"})
	if err != nil {
		t.Fatal(err)
	}
	last := a.Replies[len(a.Replies)-1]
	if a.Intent != "residence.registration" || last.Title != variantTitle(t, e.Pack(), "at-wien", last.Lang) {
		t.Fatalf("Ask answered %q %q, want Vienna's registration", a.Intent, last.Title)
	}
	for _, row := range last.Buttons {
		for _, b := range row {
			if pl, err := decodePayload(b.Payload); err == nil && pl.kind == kindRegion {
				t.Errorf("a one-off question has no session to switch, but got button %q", b.Label)
			}
		}
	}
}

func TestHandle_EmergencyNamingARegionStillFirst(t *testing.T) {
	e := newBundledEngine(t)
	replies, err := e.Handle(context.Background(), Message{Channel: "test", UserID: "u", Text: "my husband hits me in Vienna"})
	if err != nil {
		t.Fatal(err)
	}
	if len(replies) == 0 || !strings.HasPrefix(replies[0].Text, tr(replies[0].Lang, "emergency_intro")) || !strings.Contains(replies[0].Text, "133") {
		t.Fatalf("the emergency numbers must come first, untouched: %+v", replies)
	}
}

// The buttons under an answer for a named region stay in that region:
// related services are Vienna's for a person in Graz who asked about Wien.
func TestPress_ButtonsOfANamedRegionAnswerStayInIt(t *testing.T) {
	ctx := context.Background()
	e := newBundledEngine(t)
	sessions := e.cfg.Sessions
	if err := sessions.Put(ctx, content.Session{Channel: "test", UserID: "u", Region: "at-graz"}); err != nil {
		t.Fatal(err)
	}
	replies, err := e.Handle(ctx, Message{Channel: "test", UserID: "u", Text: "Wo melde ich mich in Wien an? Meldezettel"})
	if err != nil {
		t.Fatal(err)
	}
	var related string
	for _, row := range replies[len(replies)-1].Buttons {
		for _, b := range row {
			if pl, err := decodePayload(b.Payload); err == nil && pl.kind == kindServices {
				related = b.Payload
				if len(pl.args) != 2 || e.state.Load().regions[pl.args[1]] != "at-wien" {
					t.Errorf("related services button %q does not carry Vienna", b.Payload)
				}
			}
		}
	}
	if related == "" {
		t.Fatal("no related services button under Vienna's registration")
	}
	replies, err = e.Handle(ctx, Message{Channel: "test", UserID: "u", Payload: related})
	if err != nil {
		t.Fatal(err)
	}
	p := e.Pack()
	text := replies[0].Text
	for region, want := range map[string]bool{"at-wien": true, "at-graz": false} {
		for _, id := range p.Intent("residence.registration", region).Services {
			if name := p.Service(id).Name.In("de", "en"); strings.Contains(text, name) != want {
				t.Errorf("service %q of %s listed: %v, want %v", name, region, !want, want)
			}
		}
	}
	if s, _ := sessions.Get(ctx, "test", "u"); s.Region != "at-graz" {
		t.Errorf("stored region %q, want at-graz", s.Region)
	}
}

func TestDecodePayload_RegionScoped(t *testing.T) {
	in, region := idHash("residence.registration"), idHash("at-wien")
	for _, tc := range []struct {
		raw string
		ok  bool
	}{
		{"1:i:" + in + ":" + region, true},
		{"1:s:" + in + ":" + region + "@de", true},
		{"1:n:" + in + "." + in + ":" + region, true},
		{"1:i:" + in + ":x", false},
		{"1:i:" + in + ":" + region + ":" + region, false},
		{"1:r:" + region + ":" + region, false}, // only answer buttons are scoped
		{"1:v:" + in + ":" + region, false},
	} {
		if _, err := decodePayload(tc.raw); (err == nil) != tc.ok {
			t.Errorf("%q: err = %v, want ok %v", tc.raw, err, tc.ok)
		}
	}
}
