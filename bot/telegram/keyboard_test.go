package telegram

import (
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
)

func labels(rows [][]bot.Button) [][]string {
	var out [][]string
	for _, r := range rows {
		var line []string
		for _, b := range r {
			line = append(line, b.Label)
		}
		out = append(out, line)
	}
	return out
}

func TestKeyboard(t *testing.T) {
	btn := func(l string) bot.Button { return bot.Button{Label: l, Payload: "1:l:" + l} }
	tests := []struct {
		name string
		rows [][]bot.Button
		rtl  bool
		want string // rows joined by "/", buttons by ","
	}{
		{"rows kept", [][]bot.Button{{btn("a"), btn("b")}, {btn("c")}}, false, "a,b/c"},
		{"mirrored for right to left", [][]bot.Button{{btn("1"), btn("2"), btn("3")}, {btn("4")}}, true, "3,2,1/4"},
		{"long row wrapped at four", [][]bot.Button{{btn("a"), btn("b"), btn("c"), btn("d"), btn("e"), btn("f")}}, false, "a,b,c,d/e,f"},
		{"wide labels wrapped earlier", [][]bot.Button{{btn("Deutsch (Österreich)"), btn("English (United Kingdom)"), btn("Українська")}}, false,
			"Deutsch (Österreich)/English (United Kingdom)/Українська"},
		{"wrapped rows mirrored too", [][]bot.Button{{btn("a"), btn("b"), btn("c"), btn("d"), btn("e")}}, true, "d,c,b,a/e"},
		{"unusable buttons dropped", [][]bot.Button{{{Label: "", Payload: "x"}, {Label: "no data"}, {Label: "too long", Payload: strings.Repeat("x", 65)}, btn("ok")}}, false, "ok"},
		{"nothing left", [][]bot.Button{{{Label: "x"}}}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := keyboard(tt.rows, tt.rtl)
			var rows []string
			if kb != nil {
				for _, r := range kb.InlineKeyboard {
					var line []string
					for _, b := range r {
						line = append(line, b.Text)
						if b.CallbackData == nil || len(*b.CallbackData) > maxCallbackData {
							t.Errorf("button %q has bad callback data", b.Text)
						}
					}
					rows = append(rows, strings.Join(line, ","))
				}
			}
			if got := strings.Join(rows, "/"); got != tt.want {
				t.Errorf("keyboard(%v, rtl=%v) = %q, want %q", labels(tt.rows), tt.rtl, got, tt.want)
			}
		})
	}
}

// The share-my-location keyboard goes where Telegram can show it: a message
// holds one keyboard, and groups get none (request_location works only in
// private chats).
func TestRender_ShareLocation(t *testing.T) {
	a := &Adapter{}
	private := inbound{chatID: 7, msg: bot.Message{Channel: Channel, ChatID: "7"}}
	group := inbound{chatID: -7, msg: bot.Message{Channel: Channel, ChatID: "-7", Group: true}}
	pin := [][]bot.Button{{{Label: "📍 A", Payload: "1:v:a"}}}
	long := strings.Repeat("x ", MaxMessageLen)
	tests := []struct {
		name     string
		in       inbound
		r        bot.Reply
		messages int
		at       int // index of the message with the location keyboard, -1 none
	}{
		{"on the text when it has no buttons", private, bot.Reply{Text: "list", ShareLocation: "Share"}, 1, 0},
		{"a message of its own after buttons", private, bot.Reply{Text: "list", Buttons: pin, ShareLocation: "Share"}, 2, 1},
		{"on the first of several messages", private, bot.Reply{Text: long, Buttons: pin, ShareLocation: "Share"}, 2, 0},
		{"none in a group", group, bot.Reply{Text: "list", ShareLocation: "Share"}, 1, -1},
		{"none without a label", private, bot.Reply{Text: "list", ShareLocation: "  "}, 1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := a.render(tt.in, tt.r)
			if len(out) != tt.messages {
				t.Fatalf("%d messages, want %d", len(out), tt.messages)
			}
			for i, o := range out {
				_, isLocation := o.markup.(tgbotapi.ReplyKeyboardMarkup)
				if isLocation != (i == tt.at) {
					t.Errorf("message %d: location keyboard %v, want %v", i, isLocation, i == tt.at)
				}
				if !isLocation {
					continue
				}
				rk := o.markup.(tgbotapi.ReplyKeyboardMarkup)
				if b := rk.Keyboard[0][0]; !b.RequestLocation || b.Text != "Share" || !rk.OneTimeKeyboard || !rk.ResizeKeyboard {
					t.Errorf("keyboard %+v", rk)
				}
			}
		})
	}
}
