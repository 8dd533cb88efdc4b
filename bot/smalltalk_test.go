package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

func TestHandle_SmallTalkIsAnsweredPolitely(t *testing.T) {
	e := newBundledEngine(t)
	ctx := context.Background()
	for _, tc := range []struct{ text, lang, key string }{
		{"Hello!", "en", "welcome"},
		{"Guten Tag", "de", "welcome"},
		{"спасибо большое", "ru", "smalltalk_thanks"},
		{"شكرا جزيلا", "ar", "smalltalk_thanks"},
		{"who are you?", "en", "smalltalk_about"},
		{"Bist du ein Roboter?", "de", "smalltalk_about"},
		{"merci beaucoup", "en", "smalltalk_thanks"}, // French is no language of the bundled pack
		{"¿quién eres?", "en", "smalltalk_about"},
		{"hvala lijepa", "hr", "smalltalk_thanks"},
		{"tschüss", "de", "smalltalk_bye"},
	} {
		replies, err := e.Handle(ctx, Message{Channel: "test", UserID: "u-" + tc.text, Text: tc.text, LangHint: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		if len(replies) != 1 {
			t.Fatalf("%q: %d replies, want 1", tc.text, len(replies))
		}
		head := strings.SplitN(tr(tc.lang, tc.key, "region", "\x00", "topics", "\x00"), "\x00", 2)[0]
		if !strings.HasPrefix(replies[0].Text, head) {
			t.Errorf("%q: reply %q, want it to start with %q (%s in %s)", tc.text, replies[0].Text, head, tc.key, tc.lang)
		}
	}
	// A greeting inside a real question does not hide the question.
	replies, err := e.Handle(ctx, Message{Channel: "test", UserID: "q", Text: "Hallo, wo bekomme ich einen Meldezettel?", LangHint: "de"})
	if err != nil {
		t.Fatal(err)
	}
	if want := variantTitle(t, e.Pack(), "at", "de"); replies[len(replies)-1].Title != want {
		t.Errorf("greeting with a question: answer %q, want %q", replies[len(replies)-1].Title, want)
	}
}

func TestHandle_AskBackOffersTheCloseCandidates(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	u := content.Understanding{Lang: "uk", AskBack: true, Candidates: []content.Candidate{
		{Intent: "education.kindergarten", Score: 0.6}, {Intent: "education.school_enrolment", Score: 0.59}}}
	e := New(Config{NewMatcher: func(*content.Pack) (content.Matcher, error) { return fixedMatcher(u), nil },
		Now: func() time.Time { return fixtureNow }})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	replies, err := e.Handle(context.Background(), Message{Channel: "test", UserID: "u", Text: "садочок чи школа"})
	if err != nil {
		t.Fatal(err)
	}
	r := replies[len(replies)-1]
	if r.Text != tr("uk", "did_you_mean") {
		t.Fatalf("reply %q, want %q", r.Text, tr("uk", "did_you_mean"))
	}
	var offered []string
	for _, row := range r.Buttons {
		for _, b := range row {
			if pl, err := decodePayload(b.Payload); err == nil && pl.kind == kindIntent {
				offered = append(offered, e.state.Load().intents[pl.args[0]])
			}
		}
	}
	if len(offered) != 2 || offered[0] != "education.kindergarten" || offered[1] != "education.school_enrolment" {
		t.Errorf("buttons offer %v, want both candidates in order", offered)
	}
}
