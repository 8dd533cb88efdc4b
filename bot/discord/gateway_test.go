package discord

import (
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
)

// A volunteer with a German client asks for an Arabic speaker in Vienna:
// the answer is Arabic and only the volunteer sees it; "show in German"
// gives the German text for the counter; "post" puts the answer in the
// channel for everyone, without the post button.
func TestGateway_AskShowLocalAndPost(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	runGateway(t, srv, a)
	vol := volunteer("601", "de")

	sent, err := srv.Slash(vol, cmdAsk, discordtest.String(optQuestion, "Wo bekomme ich einen Meldezettel?"),
		discordtest.String(optLanguage, "ar"), discordtest.String(optRegion, "at-wien"))
	ms := answered(t, sent, err, 1)
	answer := ms[0]
	if kind, after := sent.Answered(); kind != 4 || after > 3*time.Second {
		t.Errorf("answered with callback %d after %v; want the answer itself within 3 s", kind, after)
	}
	if !answer.Ephemeral() || !strings.Contains(answer.Content, "**") || !containsArabic(answer.Content) {
		t.Fatalf("answer (ephemeral %v):\n%s", answer.Ephemeral(), answer.Content)
	}
	post := buttonID(t, answer, word("de", "btn_post"))
	local := buttonID(t, answer, "🇦🇹") // "show in German", in Arabic like the whole answer
	if len(answer.Components) > 5 {
		t.Errorf("%d rows of buttons", len(answer.Components))
	}

	sent, err = srv.Press(vol, answer.ID, local)
	ms = answered(t, sent, err, 1)
	if !ms[0].Ephemeral() || !strings.Contains(ms[0].Content, "Meldezettel") {
		t.Errorf("local-language answer (ephemeral %v):\n%s", ms[0].Ephemeral(), ms[0].Content)
	}
	buttonID(t, ms[0], word("de", "btn_post")) // the German text can be posted too

	sent, err = srv.Press(vol, answer.ID, post)
	ms = answered(t, sent, err, 1)
	public := ms[0]
	if public.Ephemeral() || public.Content != answer.Content {
		t.Errorf("posted (ephemeral %v):\n%s\nwant the answer:\n%s", public.Ephemeral(), public.Content, answer.Content)
	}
	if strings.Contains(labels(public), word("de", "btn_post")) {
		t.Errorf("the posted answer offers to post it again: %s", labels(public))
	}
	inChannel := srv.ChannelMessages(testChan)
	if len(inChannel) != 1 || inChannel[0].ID != public.ID {
		t.Errorf("the channel shows %d messages; want only the posted answer", len(inChannel))
	}
	checkNoMentions(t, srv)
}

func containsArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// An answer that takes longer than AckAfter is deferred in time and then
// delivered by editing the deferral; a long one is split at 2,000
// characters into follow-ups, losing nothing.
func TestGateway_SlowLongAnswerIsDeferredAndSplit(t *testing.T) {
	srv := newFake(t)
	srv.AckDeadline = 500 * time.Millisecond
	para := strings.Repeat("Zeile mit Text. ", 40) // 640 characters
	text := strings.Join([]string{para, para, para, para, para, para, para}, "\n\n")
	e := newScripted(t, func(bot.Message) []bot.Reply {
		return []bot.Reply{{Title: "Lang", Text: text, Buttons: [][]bot.Button{{{Label: "Topics", Payload: "1:m:topics"}}}}}
	})
	e.delay = 300 * time.Millisecond
	cfg := testConfig(srv, e)
	cfg.AckAfter = 100 * time.Millisecond
	a := newAdapter(t, cfg)
	runGateway(t, srv, a)

	sent, err := srv.Slash(volunteer("602", "en-US"), cmdTopics)
	ms := answered(t, sent, err, 3)
	if kind, after := sent.Answered(); kind != 5 || after > srv.AckDeadline {
		t.Errorf("callback %d after %v; want a deferral (5) within %v", kind, after, srv.AckDeadline)
	}
	var got []string
	for i, m := range ms {
		if n := discordtest.Length(m.Content); n > 2000 {
			t.Errorf("message %d has %d characters", i, n)
		}
		if !m.Ephemeral() {
			t.Errorf("message %d is public", i)
		}
		got = append(got, m.Content)
	}
	if len(ms[len(ms)-1].Components) != 1 || len(ms[0].Components) != 0 {
		t.Errorf("buttons are not on the last part only")
	}
	if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.Join(strings.Fields("**Lang** "+text), " ") {
		t.Errorf("split lost or changed text")
	}
	if srv.Count("PATCH /webhooks/{app}/{token}/messages/{message}") != 1 || srv.Count("POST /webhooks/{app}/{token}") != len(ms)-1 {
		t.Errorf("want the deferral edited once and the rest as follow-ups; calls: %d edits, %d follow-ups",
			srv.Count("PATCH /webhooks/{app}/{token}/messages/{message}"), srv.Count("POST /webhooks/{app}/{token}"))
	}
	checkNoMentions(t, srv)
}

// A 429 on a follow-up is waited out (retry_after) and the message sent.
func TestGateway_RateLimitedFollowUpWaitsAndRetries(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(bot.Message) []bot.Reply {
		return []bot.Reply{{Text: strings.Repeat("a ", 1500)}} // two messages
	})
	a := newAdapter(t, testConfig(srv, e))
	runGateway(t, srv, a)
	srv.FailNext("POST /webhooks/{app}/{token}", discordtest.Failure{Status: 429, Message: "You are being rate limited.", RetryAfter: 0.3})
	sent, err := srv.Slash(volunteer("603", "en-US"), cmdTopics)
	answered(t, sent, err, 2)
	calls := srv.Calls("POST /webhooks/{app}/{token}")
	if len(calls) != 2 {
		t.Fatalf("%d follow-up calls, want 2 (one refused, one retried)", len(calls))
	}
	if wait := calls[1].At.Sub(calls[0].At); wait < 300*time.Millisecond {
		t.Errorf("retried after %v; retry_after asked for 300ms", wait)
	}
	if s := a.Stats(); s.RateLimited != 1 || s.Retries != 1 {
		t.Errorf("stats: %+v", s)
	}
}

// Buttons the adapter cannot follow get a polite notice: a malformed
// custom id, a region that no longer exists; a stale engine payload gets
// the engine's own "older menu" reply.
func TestGateway_ForgedAndStaleButtonsArePolite(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	runGateway(t, srv, a)
	vol := volunteer("604", "fr")
	sent, err := srv.Slash(vol, cmdTopics)
	topics := answered(t, sent, err, 1)[0]
	for name, id := range map[string]string{
		"not ours":       "hello",
		"future version": "c9:e:::1:m:topics",
		"bad kind":       "c1:x:::1:m:topics",
		"gone region":    "c1:e::zzzzzzz:1:m:topics",
		"bad ticket":     "c1:t:claim:012",
	} {
		sent, err := srv.PressAny(vol, topics.ID, id)
		ms := answered(t, sent, err, 1)
		if ms[0].Content != escapeMarkdown(bot.Apology("fr", bot.TroubleBrokenButton)) || !ms[0].Ephemeral() {
			t.Errorf("%s: %q", name, ms[0].Content)
		}
	}
	sent, err = srv.PressAny(vol, topics.ID, "c1:e:::1:i:vvvvvvvv")
	ms := answered(t, sent, err, 1)
	if strings.Contains(ms[0].Content, bot.Apology("fr", bot.TroubleBrokenButton)) || len(ms[0].Components) == 0 {
		t.Errorf("stale payload: want the engine's polite reply with the topics, got %q %s", ms[0].Content, labels(ms[0]))
	}
}
