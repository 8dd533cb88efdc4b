package bot

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

func TestHandle_BeforeSetPackIsAnError(t *testing.T) {
	e := New(Config{NewMatcher: newKeywordMatcher})
	if _, err := e.Handle(context.Background(), Message{Text: "hi"}); !errors.Is(err, ErrNoContent) {
		t.Fatalf("Handle without content: err = %v, want ErrNoContent", err)
	}
}

func TestSetPack_MatcherErrorKeepsThePreviousPack(t *testing.T) {
	fail := false
	e := New(Config{NewMatcher: func(p *content.Pack) (content.Matcher, error) {
		if fail {
			return nil, errors.New("index build failed")
		}
		return newKeywordMatcher(p)
	}})
	good := loadFixture(t)
	if err := e.SetPack(good); err != nil {
		t.Fatal(err)
	}
	fail = true
	if err := e.SetPack(loadFixture(t)); err == nil || !strings.Contains(err.Error(), "index build failed") {
		t.Fatalf("SetPack with a failing matcher: err = %v", err)
	}
	if e.Pack() != good {
		t.Fatal("a failed SetPack replaced the pack in use")
	}
}

// Reloads run while people are being answered; run with -race.
func TestSetPack_ConcurrentWithHandle(t *testing.T) {
	e := newTestEngine(t)
	packs := []*content.Pack{loadFixture(t), loadFixture(t)}
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := e.SetPack(packs[i%2]); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	msgs := []Message{
		{Text: "meldezettel"}, {Text: "/topics"}, {Payload: intentPayload("health.find_doctor").encode()},
		{Location: &content.Geo{Lat: 47.07, Lon: 15.44}}, {Text: "my husband hits me"}, {Text: "/start at-graz__lang-ar"},
	}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				m := msgs[(i+w)%len(msgs)]
				m.Channel, m.UserID = "race", string(rune('a'+w))
				if r, err := e.Handle(ctx, m); err != nil || len(r) == 0 {
					t.Errorf("Handle during reload: %d replies, err %v", len(r), err)
					return
				}
			}
		}(w)
	}
	time.Sleep(50 * time.Millisecond)
	close(stop)
	wg.Wait()
}

// brokenSessions is a session store whose database is down.
type brokenSessions struct{}

func (brokenSessions) Get(context.Context, string, string) (content.Session, error) {
	return content.Session{}, errors.New("connection refused")
}
func (brokenSessions) Put(context.Context, content.Session) error {
	return errors.New("connection refused")
}
func (brokenSessions) Delete(context.Context, string, string) error {
	return errors.New("connection refused")
}

func TestHandle_SessionStoreDownStillAnswers(t *testing.T) {
	e := New(Config{Sessions: brokenSessions{}, NewMatcher: newKeywordMatcher})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	r, err := e.Handle(context.Background(), Message{Channel: "t", UserID: "1", Text: "meldezettel", LangHint: "de"})
	if err != nil || len(r) == 0 || r[0].Title != "Wohnsitz anmelden (Meldezettel)" {
		t.Fatalf("answer with the session store down: %+v, %v", r, err)
	}
	r, _ = e.Handle(context.Background(), Message{Channel: "t", UserID: "1", Text: "/forget"})
	if !strings.Contains(r[0].Text, "/forget") || strings.Contains(r[0].Text, tr("en", "forgot")) {
		t.Fatalf("/forget that failed must say so, got %q", r[0].Text)
	}
}

// flakySessions fails to read but writes to a memory store.
type flakySessions struct{ content.SessionStore }

func (flakySessions) Get(context.Context, string, string) (content.Session, error) {
	return content.Session{}, errors.New("read timeout")
}

// A session that could not be read is not overwritten with blanks by the
// topic an answer remembers; a choice the person makes is still saved.
func TestHandle_UnreadableSessionIsNotOverwritten(t *testing.T) {
	ctx := context.Background()
	mem := NewMemorySessions()
	chosen := content.Session{Channel: "t", UserID: "9", Lang: "uk", Region: "at-graz"}
	mem.Put(ctx, chosen)
	e := New(Config{Sessions: flakySessions{mem}, NewMatcher: newKeywordMatcher})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	m := Message{Channel: "t", UserID: "9", Text: "meldezettel"}
	if r, err := e.Handle(ctx, m); err != nil || len(r) == 0 {
		t.Fatalf("answer: %+v, %v", r, err)
	}
	if s, _ := mem.Get(ctx, "t", "9"); s != chosen {
		t.Errorf("after an answer with the session unreadable, the store holds %+v, want %+v", s, chosen)
	}
	m.Text, m.Payload = "", languagePayload("de").encode()
	e.Handle(ctx, m)
	if s, _ := mem.Get(ctx, "t", "9"); s.Lang != "de" {
		t.Errorf("a language chosen while the session was unreadable was not saved: %+v", s)
	}
}

func TestForget_DeletesTheSession(t *testing.T) {
	sessions := NewMemorySessions()
	e := New(Config{Sessions: sessions, NewMatcher: newKeywordMatcher})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := Message{Channel: "t", UserID: "42"}
	m.Text = "/start at-graz__lang-ar"
	e.Handle(ctx, m)
	if s, err := sessions.Get(ctx, "t", "42"); err != nil || s.Lang != "ar" || s.Region != "at-graz" {
		t.Fatalf("after deep link: session %+v, %v", s, err)
	}
	m.Text = "/forget"
	e.Handle(ctx, m)
	if _, err := sessions.Get(ctx, "t", "42"); !errors.Is(err, content.ErrNotFound) {
		t.Fatalf("after /forget: Get err = %v, want ErrNotFound", err)
	}
}

func TestHandle_NothingStoredForAPlainQuestionWithoutAnswer(t *testing.T) {
	sessions := NewMemorySessions()
	e := New(Config{Sessions: sessions, NewMatcher: newKeywordMatcher})
	e.SetPack(loadFixture(t))
	e.Handle(context.Background(), Message{Channel: "t", UserID: "7", Text: "xyzzy"})
	if _, err := sessions.Get(context.Background(), "t", "7"); !errors.Is(err, content.ErrNotFound) {
		t.Fatalf("a question the bot could not answer created a session (err %v)", err)
	}
}

func TestLocation_OpenServicesFirst(t *testing.T) {
	// Monday 12:30 in Vienna: the registration office (90 m) is at lunch,
	// the clinic (1.3 km) is open.
	lunch := time.Date(2026, 11, 23, 11, 30, 0, 0, time.UTC)
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return lunch }, DefaultRegion: "at-graz"})
	e.SetPack(loadFixture(t))
	r, _ := e.Handle(context.Background(), Message{Channel: "t", UserID: "1", Location: &content.Geo{Lat: 47.07, Lon: 15.44}})
	if len(r) != 1 || len(r[0].Buttons) < 2 {
		t.Fatalf("want one reply with two services, got %+v", r)
	}
	at := map[string]int{}
	for i, row := range r[0].Buttons {
		at[row[0].Label] = i
	}
	if clinic, office := at["📍 Ambulatorium Caritas Marienambulanz"], at["📍 Registration office Graz"]; clinic > office {
		t.Errorf("the open clinic (1.3 km, button %d) must come before the closed office (90 m, button %d)", clinic, office)
	}
	if !strings.Contains(r[0].Text, "closed now, opens at 13:00 · today 08:00-12:00, 13:00-15:30") {
		t.Errorf("reply lacks the office's state and today's hours:\n%s", r[0].Text)
	}
}

func TestAsk_OneOffQuestions(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	a, err := e.Ask(ctx, Question{Text: "meldezettel", LangHint: "de", Region: "at-graz"})
	if err != nil || a.Intent != "residence.registration" || a.Lang != "de" || !strings.Contains(a.Replies[0].Text, "Schmiedgasse") {
		t.Fatalf("Ask: %+v, %v", a, err)
	}
	if _, err := e.Ask(ctx, Question{Text: "x", Region: "mars"}); !errors.Is(err, ErrUnknownRegion) {
		t.Fatalf("unknown region: err = %v", err)
	}
	a, _ = e.Ask(ctx, Question{Text: "he hits me"})
	if a.Understanding.Emergency != "violence" || !strings.Contains(a.Replies[0].Text, "133") {
		t.Fatalf("emergency must come first with the police number: %+v", a.Replies)
	}
}

// The engine with the real matcher on the bundled pack, in several
// languages including right-to-left ones. This checks the wiring, not
// matching quality (content/match measures that).
func TestEngine_BundledPackWithRealMatcher(t *testing.T) {
	e := newBundledEngine(t)
	p := e.Pack()
	ctx := context.Background()
	for _, tc := range []struct{ text, intent string }{
		{"Где взять бланк Meldezettel?", "residence.registration"},
		{"Wie melde ich meinen Wohnsitz an?", "residence.registration"},
		{"چطور e-card بگیرم؟", "health.insurance"},
	} {
		a, err := e.Ask(ctx, Question{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if a.Intent != tc.intent {
			t.Errorf("%q: intent %q, want %q", tc.text, a.Intent, tc.intent)
			continue
		}
		r := a.Replies[len(a.Replies)-1]
		want := a.Understanding.Lang
		if p.Intent(a.Intent, p.RootRegion()).Translations[want] == nil {
			want = p.SourceLanguage
		}
		if r.Lang != want || a.Lang != want {
			t.Errorf("%q: answered in %q (Answer.Lang %q); the matcher chose %q", tc.text, r.Lang, a.Lang, a.Understanding.Lang)
		}
		if r.RTL != content.LanguageOf(r.Lang).RTL() || r.Title == "" || len(r.Links) == 0 || !strings.Contains(r.Text, "2026-") {
			t.Errorf("%q: reply lacks title, source link, checked date or the right RTL flag: %+v", tc.text, r)
		}
	}
}

// fixedMatcher understands every message the same way.
type fixedMatcher content.Understanding

func (f fixedMatcher) Understand(content.Query) content.Understanding {
	return content.Understanding(f)
}

func TestEmergency_NumbersFirstAndOnlyAConfidentAnswerAfter(t *testing.T) {
	tests := []struct {
		name    string
		u       content.Understanding
		replies int
	}{
		{"loose candidate is not shown", content.Understanding{Lang: "en", Emergency: "suicide", Confident: true,
			Candidates: []content.Candidate{{Intent: "residence.permit_renewal", Score: 0.6}}}, 1},
		{"sure answer follows", content.Understanding{Lang: "en", Emergency: "violence", Confident: true,
			Candidates: []content.Candidate{{Intent: "health.violence_help", Score: 0.9}}}, 2},
		{"no candidates, no not-sure", content.Understanding{Lang: "de", Emergency: "medical"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New(Config{NewMatcher: func(*content.Pack) (content.Matcher, error) { return fixedMatcher(tt.u), nil }})
			e.SetPack(loadFixture(t))
			r, _ := e.Handle(context.Background(), Message{Channel: "t", UserID: "1", Text: "…"})
			if len(r) != tt.replies {
				t.Fatalf("%d replies, want %d: %+v", len(r), tt.replies, r)
			}
			if !strings.Contains(r[0].Text, "112") || !strings.Contains(r[0].Text, "144") {
				t.Errorf("first reply must be the emergency numbers: %q", r[0].Text)
			}
			if r[0].Lang != tt.u.Lang {
				t.Errorf("emergency reply in %q, want the person's language %q", r[0].Lang, tt.u.Lang)
			}
		})
	}
}
