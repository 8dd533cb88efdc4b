package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/content"
)

// fixtureCase says what one real update payload in testdata must become.
type fixtureCase struct {
	file      string
	want      *bot.Message // what the engine is asked; nil when it is not asked
	callback  bool         // the button press must be answered
	notice    string       // text of that answer
	replyTo   int          // in groups the reply quotes the message
	malformed bool         // the payload is not a valid update
}

var fixtureCases = []fixtureCase{
	{file: "text.json", want: &bot.Message{Channel: "telegram", UserID: "501", ChatID: "501", Text: "где сделать Meldezettel?", LangHint: "ru"}},
	{file: "command_deeplink.json", want: &bot.Message{Channel: "telegram", UserID: "502", ChatID: "502", Text: "/start at-graz_residence", LangHint: "fa"}},
	{file: "command_botname.json", want: &bot.Message{Channel: "telegram", UserID: "503", ChatID: "-1001234", Group: true, Text: "/help", LangHint: "de"}, replyTo: 13},
	{file: "command_other_bot.json"},
	{file: "group_message.json", want: &bot.Message{Channel: "telegram", UserID: "504", ChatID: "-1005678", Group: true, Text: "e-card nasıl alınır?", LangHint: "tr"}, replyTo: 15},
	{file: "callback_query.json", want: &bot.Message{Channel: "telegram", UserID: "505", ChatID: "505", Payload: "1:l:ar", LangHint: "ar"}, callback: true},
	{file: "callback_forged.json", callback: true, notice: bot.Apology("", bot.TroubleBrokenButton)},
	{file: "callback_inline.json", callback: true, notice: bot.Apology("uk", bot.TroubleNoChat)},
	{file: "location.json", want: &bot.Message{Channel: "telegram", UserID: "508", ChatID: "508", LangHint: "so", Location: &content.Geo{Lat: 47.0707, Lon: 15.4395}}},
	{file: "venue.json", want: &bot.Message{Channel: "telegram", UserID: "509", ChatID: "509", LangHint: "uk", Location: &content.Geo{Lat: 48.2082, Lon: 16.3738}}},
	{file: "photo_caption.json", want: &bot.Message{Channel: "telegram", UserID: "511", ChatID: "511", Text: "دا څه شی دی؟", LangHint: "ps"}},
	{file: "anonymous_admin.json", want: &bot.Message{Channel: "telegram", UserID: "-1001234", ChatID: "-1001234", Group: true, Text: "/topics"}, replyTo: 23},
	{file: "edited_message.json"},
	{file: "channel_post.json"},
	{file: "sticker.json"},
	{file: "from_bot.json"},
	{file: "malformed_types.json", malformed: true},
	{file: "malformed_truncated.json", malformed: true},
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// checkFixture compares what the engine was asked and what was sent with
// what the fixture case expects.
func checkFixture(t *testing.T, tc fixtureCase, rec *recorder, srv *telegramtest.Server) {
	t.Helper()
	got := rec.messages()
	switch {
	case tc.want == nil && len(got) > 0:
		t.Errorf("engine was asked %+v, want not asked", got)
	case tc.want != nil && (len(got) != 1 || !reflect.DeepEqual(got[0], *tc.want)):
		t.Errorf("engine was asked %+v, want %+v", got, *tc.want)
	}
	answers := srv.Calls("answerCallbackQuery")
	if tc.callback {
		if len(answers) != 1 {
			t.Fatalf("answerCallbackQuery called %d times, want once", len(answers))
		}
		if n := answers[0].Form.Get("text"); n != tc.notice {
			t.Errorf("callback answered with %q, want %q", n, tc.notice)
		}
	} else if len(answers) > 0 {
		t.Errorf("answerCallbackQuery called for a non-callback update")
	}
	sent := srv.Calls("sendMessage")
	if tc.want == nil {
		if len(sent) > 0 {
			t.Errorf("sent %d messages for an update the engine never saw", len(sent))
		}
		return
	}
	if len(sent) != 1 {
		t.Fatalf("sent %d messages, want 1", len(sent))
	}
	if strconv.FormatInt(sent[0].ChatID, 10) != tc.want.ChatID {
		t.Errorf("reply went to chat %d, want %s", sent[0].ChatID, tc.want.ChatID)
	}
	if sent[0].ReplyTo() != tc.replyTo {
		t.Errorf("reply_to_message_id = %d, want %d", sent[0].ReplyTo(), tc.replyTo)
	}
}

func TestFixtures_Polling(t *testing.T) {
	for _, tc := range fixtureCases {
		t.Run(tc.file, func(t *testing.T) {
			raw := readFixture(t, tc.file)
			if !json.Valid(raw) {
				t.Skip("not JSON: Telegram cannot deliver it by getUpdates (see the webhook test)")
			}
			srv := newFake(t)
			rec := &recorder{}
			a := newAdapter(t, testConfig(srv, rec))
			id := srv.AddUpdate(raw)
			stop := poll(t, a)
			waitFor(t, "update confirmed", 5*time.Second, confirmed(srv, id))
			stop()
			checkFixture(t, tc, rec, srv)
			if st := a.Stats(); tc.malformed && st.Malformed != 1 {
				t.Errorf("Stats().Malformed = %d, want 1", st.Malformed)
			}
		})
	}
}

func TestFixtures_Webhook(t *testing.T) {
	for _, tc := range fixtureCases {
		t.Run(tc.file, func(t *testing.T) {
			srv := newFake(t)
			rec := &recorder{}
			cfg := testConfig(srv, rec)
			cfg.WebhookSecret = "s3cret_-token"
			a := newAdapter(t, cfg)
			req := httptest.NewRequest(http.MethodPost, "/telegram", bytes.NewReader(readFixture(t, tc.file)))
			req.Header.Set(SecretHeader, cfg.WebhookSecret)
			w := httptest.NewRecorder()
			a.WebhookHandler().ServeHTTP(w, req)
			wantStatus := http.StatusOK
			if tc.malformed {
				wantStatus = http.StatusBadRequest
			}
			if w.Code != wantStatus {
				t.Fatalf("webhook answered %d, want %d", w.Code, wantStatus)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := a.Shutdown(ctx); err != nil {
				t.Fatalf("Shutdown: %v", err)
			}
			checkFixture(t, tc, rec, srv)
		})
	}
}
