package bot

import (
	"context"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

// A Telegram user whose phone is set to German but who writes in Ukrainian
// is answered in Ukrainian for commands, locations and unstamped buttons
// too; writing in Arabic switches; an explicit choice beats everything.
func TestHandle_RemembersTheLanguageThePersonWritesIn(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	sessions := NewMemorySessions()
	e := New(Config{Sessions: sessions, NewMatcher: match.New, Now: func() time.Time { return fixtureNow }})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	graz := &content.Geo{Lat: 47.0707, Lon: 15.4395}
	steps := []struct {
		name        string
		m           Message
		lang        string // language of every reply
		written     string // Session.Written afterwards
		chosen      string // Session.Lang afterwards
		wantSession bool
	}{
		{"german phone, no session yet", Message{Text: "/topics"}, "de", "", "", false},
		{"a Ukrainian question", Message{Text: "Моїй доньці 8 років, як записати її до школи?"}, "uk", "uk", "", true},
		{"a typed command", Message{Text: "/topics"}, "uk", "uk", "", true},
		{"a shared location", Message{Location: graz}, "uk", "uk", "", true},
		{"a button without a language stamp", Message{Payload: menuPayload("region").encode()}, "uk", "uk", "", true},
		{"a short ambiguous question", Message{Text: "e-card"}, "uk", "uk", "", true},
		{"an Arabic question", Message{Text: "أين أجد طبيبا يتكلم العربية؟"}, "ar", "ar", "", true},
		{"a command after Arabic", Message{Text: "/region"}, "ar", "ar", "", true},
		{"choosing Turkish", Message{Payload: languagePayload("tr").encode()}, "tr", "ar", "tr", true},
		{"a Ukrainian question after the choice", Message{Text: "Моїй доньці 8 років, як записати її до школи?"}, "tr", "ar", "tr", true},
		{"a command after the choice", Message{Text: "/topics"}, "tr", "ar", "tr", true},
		{"forget", Message{Text: "/forget"}, "tr", "", "", false},
		{"after forgetting, the phone's language again", Message{Text: "/topics"}, "de", "", "", false},
	}
	for _, s := range steps {
		m := s.m
		m.Channel, m.UserID, m.ChatID, m.LangHint = "telegram", "4711", "4711", "de"
		replies, err := e.Handle(ctx, m)
		if err != nil || len(replies) == 0 {
			t.Fatalf("%s: %d replies, err %v", s.name, len(replies), err)
		}
		for i, r := range replies {
			if r.Lang != s.lang {
				t.Errorf("%s: reply %d in %q, want %q: %q", s.name, i, r.Lang, s.lang, r.Text)
			}
		}
		sess, err := sessions.Get(ctx, "telegram", "4711")
		if (err == nil) != s.wantSession {
			t.Fatalf("%s: session stored = %v (err %v), want %v", s.name, err == nil, err, s.wantSession)
		}
		if sess.Written != s.written || sess.Lang != s.chosen {
			t.Errorf("%s: session Written %q, Lang %q; want %q, %q", s.name, sess.Written, sess.Lang, s.written, s.chosen)
		}
	}
}

// The language the person writes in is not saved when the session could
// not be read: saving would overwrite their choices with blanks.
func TestHandle_WrittenLanguageNotSavedOverAnUnreadSession(t *testing.T) {
	ctx := context.Background()
	mem := NewMemorySessions()
	before := content.Session{Channel: "t", UserID: "9", Region: "at-graz", Topic: "health"}
	mem.Put(ctx, before)
	arabic := func(*content.Pack) (content.Matcher, error) {
		return fixedMatcher{Lang: "ar", Detected: "ar"}, nil
	}
	e := New(Config{Sessions: flakySessions{mem}, NewMatcher: arabic})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	r, err := e.Handle(ctx, Message{Channel: "t", UserID: "9", Text: "أين أجد طبيبا يتكلم العربية؟"})
	if err != nil || len(r) == 0 {
		t.Fatalf("answer: %+v, %v", r, err)
	}
	if s, _ := mem.Get(ctx, "t", "9"); s != before {
		t.Errorf("with the session unreadable the store now holds %+v, want %+v", s, before)
	}
}

// Only a detected language that is, or falls back to, a pack language is
// remembered; a message whose language the matcher is unsure of changes
// nothing.
func TestHandle_WrittenLanguageIsAPackLanguage(t *testing.T) {
	for _, tc := range []struct{ detected, before, want string }{
		{"uk", "", "uk"},
		{"prs", "", "fa"}, // Dari falls back to Persian
		{"pt-BR", "uk", "uk"},
		{"", "uk", "uk"},
		{"ar", "uk", "ar"},
	} {
		t.Run(tc.detected, func(t *testing.T) {
			ctx := context.Background()
			sessions := NewMemorySessions()
			if tc.before != "" {
				sessions.Put(ctx, content.Session{Channel: "t", UserID: "1", Written: tc.before})
			}
			m := func(*content.Pack) (content.Matcher, error) {
				return fixedMatcher{Lang: "en", Detected: tc.detected}, nil
			}
			e := New(Config{Sessions: sessions, NewMatcher: m})
			if err := e.SetPack(loadFixture(t)); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Handle(ctx, Message{Channel: "t", UserID: "1", Text: "xyzzy"}); err != nil {
				t.Fatal(err)
			}
			s, _ := sessions.Get(ctx, "t", "1")
			if s.Written != tc.want {
				t.Errorf("detected %q over %q: Written = %q, want %q", tc.detected, tc.before, s.Written, tc.want)
			}
		})
	}
}
