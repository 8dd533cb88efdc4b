package telegram

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// burst adds n text updates from chat in lang and returns the last id.
func burst(srv *telegramtest.Server, chat int64, lang string, n int, tag string) int {
	id := 0
	for i := 0; i < n; i++ {
		id = srv.AddUpdate(telegramtest.TextUpdate(chat, chat, lang, fmt.Sprintf("%s %d", tag, i)))
	}
	return id
}

func TestPoll_AFloodGetsOneNoticeInTheChatsLanguage(t *testing.T) {
	const flooder, other = 666, 7
	srv := newFake(t)
	rec := &recorder{delay: 50 * time.Millisecond}
	last := burst(srv, flooder, "fa", 20, "part")
	question := srv.AddUpdate(telegramtest.TextUpdate(other, other, "de", "eine echte Frage"))
	a := newAdapter(t, testConfig(srv, rec)) // MaxPerChat: the default 8
	stop := poll(t, a)
	waitFor(t, "the flood confirmed", 10*time.Second, confirmed(srv, max(last, question)))
	waitFor(t, "the flood notice", 10*time.Second, func() bool { return a.Stats().FloodNotices == 1 })

	notice := bot.Apology("fa", bot.TroubleTooMany)
	toFlooder := srv.Calls("sendMessage")
	var texts []string
	for _, c := range toFlooder {
		if c.ChatID == flooder {
			texts = append(texts, c.Text())
		}
	}
	if len(texts) == 0 || texts[len(texts)-1] != notice {
		t.Fatalf("messages to the flooding chat %q: want the Farsi notice %q last, after the answers", texts, notice)
	}
	answeredParts := len(texts) - 1
	if answeredParts < 8 || answeredParts >= 20 {
		t.Errorf("%d of 20 parts answered; want the first MaxPerChat (8) or a few more", answeredParts)
	}
	for i, text := range texts[:answeredParts] {
		if want := fmt.Sprintf("got: part %d", i); text != want {
			t.Errorf("answer %d is %q, want %q (the first parts, in order)", i, text, want)
		}
	}
	st := a.Stats()
	if st.Shed != int64(20-answeredParts) || st.Handled != int64(answeredParts+1) {
		t.Errorf("stats %+v: want %d shed and %d handled", st, 20-answeredParts, answeredParts+1)
	}
	if got := answered(srv)["got: eine echte Frage"]; got != 1 {
		t.Errorf("the other chat's question answered %d times, want once", got)
	}
	for _, c := range srv.Calls("sendMessage") {
		if c.ChatID == other && c.Text() != "got: eine echte Frage" {
			t.Errorf("the other chat got %q", c.Text())
		}
	}

	// A second burst within the minute: the first ones answered again, no
	// second notice.
	before := len(srv.Calls("sendMessage"))
	last = burst(srv, flooder, "fa", 20, "more")
	waitFor(t, "the second flood confirmed", 10*time.Second, confirmed(srv, last))
	waitFor(t, "the second flood's answers", 10*time.Second, func() bool { st := a.Stats(); return st.Handled+st.Shed == 41 })
	stop()
	st = a.Stats()
	if st.FloodNotices != 1 || answered(srv)[notice] != 1 {
		t.Errorf("%d notices counted, %d sent; want still 1 after a second burst within a minute", st.FloodNotices, answered(srv)[notice])
	}
	if st.Shed == int64(20-answeredParts) || len(srv.Calls("sendMessage")) == before {
		t.Errorf("the second burst was not shed in part or not answered at all: %+v", st)
	}
	if srv.Pending() != 0 || len(rec.messages()) != int(st.Handled) {
		t.Errorf("%d updates not confirmed; engine saw %d, handled %d (shed updates must not come back)", srv.Pending(), len(rec.messages()), st.Handled)
	}
}

func TestPoll_ShedButtonPressesGetTheirAnswerAndNoNotice(t *testing.T) {
	srv := newFake(t)
	var last int
	for i := 0; i < 20; i++ {
		last = srv.AddUpdate(telegramtest.CallbackUpdate(5, 5, "uk", "1:h"))
	}
	a := newAdapter(t, testConfig(srv, &recorder{delay: 20 * time.Millisecond}))
	stop := poll(t, a)
	waitFor(t, "presses confirmed", 10*time.Second, confirmed(srv, last))
	waitFor(t, "every press answered", 10*time.Second, func() bool { return srv.Count("answerCallbackQuery") == 20 })
	stop()
	st := a.Stats()
	if st.Shed == 0 || st.FloodNotices != 0 {
		t.Errorf("stats %+v: want presses shed and no notice", st)
	}
	for _, c := range srv.Calls("sendMessage") {
		if strings.Contains(c.Text(), bot.Apology("uk", bot.TroubleTooMany)) {
			t.Errorf("a flood of button presses got the flood notice")
		}
	}
}
