package bot

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

// recordingObserver counts what the engine reports.
type recordingObserver struct {
	mu       sync.Mutex
	outcomes []string // channel/outcome
	matched  int
	failed   int
	dropped  int
	givenUp  int
}

func (o *recordingObserver) Handled(channel string, outcome Outcome, took time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.outcomes = append(o.outcomes, channel+"/"+string(outcome))
}
func (o *recordingObserver) Matched(time.Duration) { o.mu.Lock(); o.matched++; o.mu.Unlock() }
func (o *recordingObserver) StoreFailed()          { o.mu.Lock(); o.failed++; o.mu.Unlock() }
func (o *recordingObserver) GapDropped()           { o.mu.Lock(); o.dropped++; o.mu.Unlock() }
func (o *recordingObserver) DeliveryGivenUp()      { o.mu.Lock(); o.givenUp++; o.mu.Unlock() }

// gapLog keeps gaps in memory.
type gapLog struct {
	mu   sync.Mutex
	gaps []content.Gap
}

func (g *gapLog) RecordGap(_ context.Context, gap content.Gap) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gaps = append(g.gaps, gap)
	return nil
}

func (g *gapLog) all() []content.Gap {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]content.Gap(nil), g.gaps...)
}

// The engine tells its observer what it did with each message, one of a
// fixed set of outcomes, and keeps the questions it could not answer
// without who asked.
func TestObserver_OutcomesAndGaps(t *testing.T) {
	obs, gaps := &recordingObserver{}, &gapLog{}
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return fixtureNow }, Observer: obs, Gaps: gaps})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	steps := []struct {
		msg  Message
		want Outcome
	}{
		{Message{Text: "/start"}, OutcomeCommand},
		{Message{Text: "register"}, OutcomeAskBack},
		{Message{Text: "xyzzy plugh call me on +43 660 1234567 or amira.k@example.org"}, OutcomeNotSure},
		{Message{Text: "my husband hits me"}, OutcomeEmergency},
		{Message{Text: "   "}, OutcomeEmpty},
		{Message{Location: &content.Geo{Lat: 47.07, Lon: 15.44}}, OutcomeLocation},
		{Message{Payload: "nonsense"}, OutcomeButton},
	}
	for _, s := range steps {
		s.msg.Channel, s.msg.UserID, s.msg.ChatID = "test", "user-4711", "chat-4711"
		replies, err := e.Handle(ctx, s.msg)
		if err != nil {
			t.Fatal(err)
		}
		if s.want == OutcomeEmergency && (len(replies) == 0 || !replies[0].Urgent) {
			t.Errorf("%q: the emergency numbers are not marked urgent", s.msg.Text)
		}
		if s.want != OutcomeEmergency && len(replies) > 0 && replies[0].Urgent {
			t.Errorf("%q: an ordinary reply is marked urgent", s.msg.Text)
		}
	}
	obs.mu.Lock()
	for i, s := range steps {
		if i >= len(obs.outcomes) || obs.outcomes[i] != "test/"+string(s.want) {
			t.Errorf("message %d (%q): outcome %v, want test/%s", i, s.msg.Text, obs.outcomes[i:min(i+1, len(obs.outcomes))], s.want)
		}
	}
	if obs.matched < 3 {
		t.Errorf("%d questions reported as matched, want at least 3", obs.matched)
	}
	obs.mu.Unlock()

	var got []content.Gap
	deadline := time.Now().Add(5 * time.Second)
	for len(got) < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		got = gaps.all()
	}
	if len(got) != 2 {
		t.Fatalf("%d gaps kept, want 2 (the ask-back and the not-sure question): %+v", len(got), got)
	}
	for _, g := range got {
		if g.Region == "" || g.Lang == "" || !g.At.Equal(fixtureNow) {
			t.Errorf("gap without region, language or time: %+v", g)
		}
		for _, secret := range []string{"4711", "1234567", "amira", "example.org"} {
			if strings.Contains(g.Text, secret) {
				t.Errorf("gap keeps %q: %q", secret, g.Text)
			}
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Text > got[j].Text }) // kept in the background, in any order
	if want := "xyzzy plugh call me on [number] or [e-mail]"; got[0].Text != want {
		t.Errorf("gap text %q, want %q", got[0].Text, want)
	}
	if got[1].Text != "register" || len(got[1].NearMiss) == 0 {
		t.Errorf("gap %+v: want the question and its near-miss intents", got[1])
	}
	// One-off questions (compass ask, evaluations) are not kept.
	if _, err := e.Ask(ctx, Question{Text: "xyzzy plugh"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(gaps.all()); n != 2 {
		t.Errorf("Ask kept a gap (%d now)", n)
	}
}

func TestBlankPersonal(t *testing.T) {
	for in, want := range map[string]string{
		"my number is 0660 123 45 67":       "my number is [number]",
		"write to a.b+c@mail.co.at please":  "write to [e-mail] please",
		"since 2024, paragraph 21, bus 13A": "since 2024, paragraph 21, bus 13A",
		"case GZ 12345/2025":                "case GZ [number]",
		"رقمي ٠٦٦٠١٢٣٤٥٦٧":                  "رقمي [number]",
		"":                                  "",
	} {
		if got := blankPersonal(in); got != want {
			t.Errorf("blankPersonal(%q) = %q, want %q", in, got, want)
		}
	}
}
