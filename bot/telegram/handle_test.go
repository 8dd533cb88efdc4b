package telegram

import (
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// deliver sends one text update whose handler answers with replies, and
// returns the calls the bot made.
func deliver(t *testing.T, chatID int64, replies ...bot.Reply) ([]telegramtest.Request, *Adapter) {
	t.Helper()
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, &recorder{reply: func(bot.Message) ([]bot.Reply, error) { return replies, nil }}))
	id := srv.AddUpdate(telegramtest.TextUpdate(chatID, 1, "en", "hi"))
	stop := poll(t, a)
	waitFor(t, "update confirmed", 5*time.Second, confirmed(srv, id))
	stop()
	return srv.Messages(), a
}

func TestHandle_LongAnswerSplitWithKeyboardOnTheLastPart(t *testing.T) {
	para := strings.Repeat("Sätze mit <Zeichen> & Umlauten, die Telegram zählt. ", 40) // ~2,000 characters
	long := bot.Reply{Title: "Meldezettel", Text: strings.Repeat(para+"\n\n", 6),
		Links:   []bot.Link{{Label: "oesterreich.gv.at", URL: "https://www.oesterreich.gv.at"}},
		Buttons: [][]bot.Button{{{Label: "Deutsch", Payload: "1:b:x"}}}}
	calls, a := deliver(t, 3, long)
	if len(calls) < 3 {
		t.Fatalf("a %d-character answer went out in %d message(s)", len(long.Text), len(calls))
	}
	var text strings.Builder
	for i, c := range calls {
		if n := telegramtest.TextLen(c.Text()); n > MaxMessageLen {
			t.Errorf("part %d has %d characters", i, n)
		}
		if kb := c.Keyboard(); (kb != nil) != (i == len(calls)-1) {
			t.Errorf("part %d of %d has keyboard %v; only the last should", i, len(calls), kb)
		}
		text.WriteString(c.Text())
	}
	if st := a.Stats(); st.Permanent != 0 || st.Sent != int64(len(calls)) {
		t.Errorf("Telegram refused parts: %+v", st)
	}
	if got, want := strings.Count(text.String(), "<Zeichen>"), 6*40; got != want {
		t.Errorf("%d of %d sentences arrived", got, want)
	}
	if !strings.HasSuffix(text.String(), "oesterreich.gv.at") {
		t.Error("the source link is not at the end")
	}
}

func TestHandle_RepliesOfEveryShape(t *testing.T) {
	venue := &bot.Venue{Title: "Meldeservice Graz", Address: "Schmiedgasse 26, 8010 Graz", Lat: 47.07, Lon: 15.44}
	tests := []struct {
		name    string
		replies []bot.Reply
		want    []string // method per call
	}{
		{"text", []bot.Reply{{Text: "a"}}, []string{"sendMessage"}},
		{"two replies in order", []bot.Reply{{Text: "a"}, {Text: "b"}}, []string{"sendMessage", "sendMessage"}},
		{"text and venue", []bot.Reply{{Text: "here", Venue: venue}}, []string{"sendMessage", "sendVenue"}},
		{"venue only", []bot.Reply{{Venue: venue}}, []string{"sendVenue"}},
		{"venue without position is skipped", []bot.Reply{{Text: "x", Venue: &bot.Venue{Title: "?"}}}, []string{"sendMessage"}},
		{"buttons only get a placeholder text", []bot.Reply{{Buttons: [][]bot.Button{{{Label: "ok", Payload: "1:h"}}}}}, []string{"sendMessage"}},
		{"empty reply sends nothing", []bot.Reply{{}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, a := deliver(t, 4, tt.replies...)
			var got []string
			for _, c := range calls {
				got = append(got, c.Method)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("calls %v, want %v", got, tt.want)
			}
			if st := a.Stats(); st.Permanent != 0 {
				t.Errorf("Telegram refused a call: %+v", st)
			}
		})
	}
}

func TestHandle_GroupRepliesQuoteTheMessageOnce(t *testing.T) {
	calls, _ := deliver(t, -1001, bot.Reply{Text: "a"}, bot.Reply{Text: "b"})
	if len(calls) != 2 || calls[0].ReplyTo() == 0 || calls[1].ReplyTo() != 0 {
		t.Errorf("reply_to_message_id of the two replies: %d, %d; want the first only", calls[0].ReplyTo(), calls[1].ReplyTo())
	}
}

func TestSend_GroupMigratedToSupergroup(t *testing.T) {
	srv := newFake(t)
	srv.FailNext("sendMessage", telegramtest.Failure{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: -100777})
	a := newAdapter(t, testConfig(srv, &recorder{}))
	id := srv.AddUpdate(telegramtest.TextUpdate(-777, 1, "en", "hi"))
	stop := poll(t, a)
	waitFor(t, "update confirmed", 5*time.Second, confirmed(srv, id))
	stop()
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 || calls[0].ChatID != -777 || calls[1].ChatID != -100777 {
		t.Fatalf("calls to chats %v, want -777 then -100777", calls)
	}
}
