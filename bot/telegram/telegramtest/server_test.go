package telegramtest

import (
	"errors"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func client(t *testing.T, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:tok", s.Endpoint())
	if err != nil {
		t.Fatalf("getMe: %v", err)
	}
	return api
}

func TestServer_GetUpdatesOffsetAndLongPoll(t *testing.T) {
	s := NewServer("1:tok")
	defer s.Close()
	api := client(t, s)
	if api.Self.UserName != s.Bot.UserName {
		t.Errorf("getMe = %q", api.Self.UserName)
	}
	first := s.AddUpdate(TextUpdate(1, 1, "en", "a"))
	s.AddUpdate(TextUpdate(1, 1, "en", "b"))
	got, err := api.GetUpdates(tgbotapi.UpdateConfig{Limit: 1})
	if err != nil || len(got) != 1 || got[0].UpdateID != first || got[0].Message.Text != "a" {
		t.Fatalf("getUpdates limit 1 = %+v, %v", got, err)
	}
	got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: first + 1})
	if len(got) != 1 || got[0].Message.Text != "b" || s.Pending() != 1 || s.Confirmed() != first+1 {
		t.Fatalf("offset %d: got %d updates, %d pending", first+1, len(got), s.Pending())
	}

	start := time.Now()
	go func() { time.Sleep(100 * time.Millisecond); s.AddUpdate(TextUpdate(2, 2, "en", "c")) }()
	got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: first + 2, Timeout: 5})
	if len(got) != 1 || got[0].Message.Text != "c" || time.Since(start) > 4*time.Second {
		t.Fatalf("long poll returned %d updates after %v, want the new one at once", len(got), time.Since(start))
	}
	start = time.Now()
	got, _ = api.GetUpdates(tgbotapi.UpdateConfig{Offset: first + 10, Timeout: 1})
	if len(got) != 0 || time.Since(start) < 900*time.Millisecond {
		t.Fatalf("empty long poll returned %d updates after %v, want none after 1s", len(got), time.Since(start))
	}
}

func TestServer_SecondPollerEndsTheFirstWithConflict(t *testing.T) {
	s := NewServer("1:tok")
	defer s.Close()
	api := client(t, s)
	errc := make(chan error, 1)
	go func() {
		_, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 5})
		errc <- err
	}()
	for s.Count("getUpdates") == 0 {
		time.Sleep(time.Millisecond)
	}
	if _, err := api.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0}); err != nil {
		t.Fatal(err)
	}
	var apiErr *tgbotapi.Error
	if err := <-errc; !errors.As(err, &apiErr) || apiErr.Code != 409 {
		t.Fatalf("first poller got %v, want 409 Conflict", err)
	}
}

func TestServer_InjectedFailuresAndValidation(t *testing.T) {
	s := NewServer("1:tok")
	defer s.Close()
	api := client(t, s)
	s.FailNext("sendMessage", TooManyRequests)
	s.Block(5)
	msg := tgbotapi.NewMessage(4, "<b>hi</b>")
	msg.ParseMode = tgbotapi.ModeHTML
	tests := []struct {
		name      string
		c         tgbotapi.Chattable
		wantCode  int
		wantRetry int
	}{
		{"injected 429", msg, 429, 1},
		{"valid after it", msg, 0, 0},
		{"blocked chat", tgbotapi.NewMessage(5, "x"), 403, 0},
		{"bad HTML", tgbotapi.MessageConfig{BaseChat: tgbotapi.BaseChat{ChatID: 4}, Text: "a < b", ParseMode: "HTML"}, 400, 0},
		{"empty text", tgbotapi.MessageConfig{BaseChat: tgbotapi.BaseChat{ChatID: 4}, Text: "<b></b>", ParseMode: "HTML"}, 400, 0},
		{"callback data too long", tgbotapi.MessageConfig{BaseChat: tgbotapi.BaseChat{ChatID: 4, ReplyMarkup: tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("x", string(make([]byte, 65)))))}, Text: "x"}, 400, 0},
		{"venue", tgbotapi.NewVenue(4, "AMS", "Graz", 47, 15), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := api.Request(tt.c)
			var apiErr *tgbotapi.Error
			switch {
			case tt.wantCode == 0 && err != nil:
				t.Errorf("error %v, want success", err)
			case tt.wantCode != 0 && (!errors.As(err, &apiErr) || apiErr.Code != tt.wantCode || apiErr.RetryAfter != tt.wantRetry):
				t.Errorf("error %#v, want code %d retry_after %d", err, tt.wantCode, tt.wantRetry)
			}
		})
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"plain", "plain", true},
		{"<b>bold</b> &amp; &lt;x&gt; &quot;q&quot; &#65;", `bold & <x> "q" A`, true},
		{`<a href="https://x.at/?a=1&amp;b=2">link</a>`, "link", true},
		{"a < b", "", false},
		{"a > b", "", false},
		{"fish & chips", "", false},
		{"&nbsp;", "", false},
		{"<b>open", "", false},
		{"<b><i>x</b></i>", "", false},
		{"<script>x</script>", "", false},
		{"<a>no href</a>", "", false},
	}
	for _, tt := range tests {
		got, err := ParseHTML(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseHTML(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
