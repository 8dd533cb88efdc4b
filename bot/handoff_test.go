package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

// pressHuman presses "Talk to a person" as a Persian speaker in Graz.
func pressHuman(t *testing.T, handoff bool) Reply {
	t.Helper()
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{NewMatcher: match.New, Now: func() time.Time { return fixtureNow }, DefaultRegion: "at-graz", Handoff: handoff})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	replies, err := e.Handle(context.Background(), Message{Channel: "test", UserID: "u", ChatID: "c", LangHint: "fa", Payload: humanPayload() + "@fa"})
	if err != nil || len(replies) != 1 {
		t.Fatalf("Handle = %v, %v; want one reply", replies, err)
	}
	return replies[0]
}

func TestHandle_TalkToPersonWithoutHandoffIsHonest(t *testing.T) {
	r := pressHuman(t, false)
	if r.Handoff {
		t.Error("Handoff flag set although no channel passes it on")
	}
	if !strings.Contains(r.Text, tr("fa", "handoff_unavailable")) {
		t.Errorf("reply does not say in Persian that nobody is reachable:\n%s", r.Text)
	}
	for _, phone := range []string{"142", "0800 222 555"} {
		if !strings.Contains(r.Text, phone) {
			t.Errorf("reply lacks the helpline %s:\n%s", phone, r.Text)
		}
	}
}

func TestHandle_TalkToPersonWithHandoffPromisesAReply(t *testing.T) {
	r := pressHuman(t, true)
	if !r.Handoff || r.Text != tr("fa", "handoff") {
		t.Errorf("got Handoff=%v text %q; want the Persian promise with the Handoff flag", r.Handoff, r.Text)
	}
}
