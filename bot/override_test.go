package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

// bundledEngine is the engine on the bundled pack with the real matcher,
// people in Graz by default.
func bundledEngine(t *testing.T, sessions content.SessionStore) *Engine {
	t.Helper()
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{Sessions: sessions, NewMatcher: match.New, Now: func() time.Time { return fixtureNow }, DefaultRegion: "at-graz"})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	return e
}

const (
	meldezettel = "Wo bekomme ich einen Meldezettel?"
	tramTicket  = "Wie kaufe ich eine Fahrkarte für die Straßenbahn?"
)

// A volunteer whose own language is German asks for one person in Arabic
// and for Vienna: that message is answered so, the volunteer's choices stay.
func TestHandle_MessageLanguageAndRegionAnswerThisMessageOnly(t *testing.T) {
	sessions := NewMemorySessions()
	e := bundledEngine(t, sessions)
	ctx := context.Background()
	base := Message{Channel: "discord", UserID: "v1", ChatID: "c1", LangHint: "de"}
	if _, err := e.Handle(ctx, withPayload(base, languagePayload("de").encode())); err != nil {
		t.Fatal(err)
	}

	answer := func(region string) Reply {
		m := base
		m.Text, m.Lang, m.Region = tramTicket, "ar", region
		replies, err := e.Handle(ctx, m)
		if err != nil || len(replies) == 0 {
			t.Fatalf("Handle = %v, %v", replies, err)
		}
		return replies[0]
	}
	wien, graz := answer("at-wien"), answer("at-graz")
	if wien.Lang != "ar" || !wien.RTL || wien.Text == graz.Text {
		t.Errorf("answer in %q (rtl %v), want Arabic and Vienna's own:\n%s", wien.Lang, wien.RTL, wien.Text)
	}
	viennese := NewMemorySessions()
	_ = viennese.Put(ctx, content.Session{Channel: "discord", UserID: "w", Lang: "ar", Region: "at-wien"})
	if r, _ := bundledEngine(t, viennese).Handle(ctx, Message{Channel: "discord", UserID: "w", Text: tramTicket}); r[0].Text != wien.Text {
		t.Errorf("Region at-wien answers differently from a person in Vienna:\n%s\n---\n%s", wien.Text, r[0].Text)
	}

	m := base

	m = base
	m.Text, m.Region = "/region", "at-wien"
	replies, _ := e.Handle(ctx, m)
	if !hasButton(replies[0], "✓ · "+regionNameIn(e, "at-wien", "de")) {
		t.Errorf("/region with Region at-wien does not tick Vienna: %v", replies[0].Buttons)
	}

	s, err := sessions.Get(ctx, "discord", "v1")
	if err != nil || s.Lang != "de" || s.Region != "" {
		t.Errorf("session after one-message choices = %+v, %v; want German and no region", s, err)
	}
	replies, _ = e.Handle(ctx, withText(base, meldezettel))
	if replies[0].Lang != "de" {
		t.Errorf("the next message is in %q, want the chosen German", replies[0].Lang)
	}
}

// A button pressed under a one-message language answers in it even when a
// stamp or the session says otherwise.
func TestHandle_MessageLanguageBeatsTheButtonStamp(t *testing.T) {
	e := bundledEngine(t, nil)
	m := Message{Channel: "discord", UserID: "v2", LangHint: "de", Payload: menuPayload("topics").encode() + "@de", Lang: "uk"}
	replies, err := e.Handle(context.Background(), m)
	if err != nil || replies[0].Lang != "uk" {
		t.Fatalf("reply in %q, %v; want Ukrainian", replies[0].Lang, err)
	}
}

// /compare: the answer, then the same answer in the second language
// (the region's local one for CompareLocal), without buttons.
func TestHandle_CompareShowsTheSameAnswerInASecondLanguage(t *testing.T) {
	e := bundledEngine(t, nil)
	ctx := context.Background()
	for _, tc := range []struct{ compare, want string }{{"uk", "uk"}, {CompareLocal, "de"}} {
		m := Message{Channel: "discord", UserID: "v3", Text: meldezettel, Lang: "ar", Compare: tc.compare}
		replies, err := e.Handle(ctx, m)
		if err != nil || len(replies) != 2 {
			t.Fatalf("compare %s: %d replies, %v", tc.compare, len(replies), err)
		}
		first, second := replies[0], replies[1]
		if first.Lang != "ar" || second.Lang != tc.want || len(second.Buttons) != 0 {
			t.Errorf("compare %s: languages %q, %q; second has %d button rows", tc.compare, first.Lang, second.Lang, len(second.Buttons))
		}
		if base(first.Again) != base(second.Again) || first.Again == "" {
			t.Errorf("compare %s: not the same answer: %q vs %q", tc.compare, first.Again, second.Again)
		}
	}
	m := Message{Channel: "discord", UserID: "v3", Text: meldezettel, Lang: "de", Compare: CompareLocal}
	if replies, _ := e.Handle(ctx, m); len(replies) != 1 {
		t.Errorf("comparing German with the local German gave %d replies, want 1", len(replies))
	}
}

// Reply.Again shows the same reply again: answers, local answers, services.
func TestReply_AgainShowsTheSameReply(t *testing.T) {
	e := bundledEngine(t, nil)
	ctx := context.Background()
	m := Message{Channel: "discord", UserID: "v4", Text: meldezettel, Lang: "ru"}
	replies, err := e.Handle(ctx, m)
	if err != nil || replies[0].Again == "" {
		t.Fatalf("answer has no Again payload: %+v, %v", replies, err)
	}
	seen := map[string]bool{}
	for _, r := range replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				p, err := decodePayload(b.Payload)
				if err != nil || (p.kind != kindLocal && p.kind != kindServices) {
					continue
				}
				shown, _ := e.Handle(ctx, Message{Channel: "discord", UserID: "v4", Payload: b.Payload, Lang: "ru"})
				again, _ := e.Handle(ctx, Message{Channel: "discord", UserID: "v4", Payload: shown[0].Again, Lang: "ru"})
				if shown[0].Again == "" || again[0].Text != shown[0].Text {
					t.Errorf("%q: Again %q does not show the same reply", b.Payload, shown[0].Again)
				}
				seen[string(p.kind)] = true
			}
		}
	}
	again, _ := e.Handle(ctx, Message{Channel: "discord", UserID: "v4", Payload: replies[0].Again, Lang: "ru"})
	if again[0].Title != replies[0].Title || again[0].Text != replies[0].Text {
		t.Errorf("Again of the answer shows %q, want %q", again[0].Title, replies[0].Title)
	}
	if !seen["b"] || !seen["s"] {
		t.Errorf("the answer offered no local language or services to try Again on: %v", seen)
	}
}

func withPayload(m Message, p string) Message { m.Payload = p; return m }
func withText(m Message, s string) Message    { m.Text = s; return m }

// base is a payload without its language stamp.
func base(p string) string { s, _, _ := strings.Cut(p, "@"); return s }

func hasButton(r Reply, label string) bool {
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Label == label {
				return true
			}
		}
	}
	return false
}

func regionNameIn(e *Engine, id, lang string) string {
	return e.Pack().Region(id).Name.In(lang)
}
