package telegram

import (
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
)

// Keyboard limits: Telegram accepts callback_data of 1–64 bytes; phones show
// a handful of buttons per row before labels get cut.
const (
	maxCallbackData = 64
	maxPerRow       = 4
	maxRowRunes     = 32 // total label length that still fits a phone row
	maxLabelRunes   = 60
)

// keyboard turns the reply's button rows into an inline keyboard: long rows
// are wrapped, rows are mirrored for right-to-left replies, and buttons
// Telegram would reject (no label, payload empty or over 64 bytes) are left
// out. It returns nil when no button is left.
func keyboard(rows [][]bot.Button, rtl bool) *tgbotapi.InlineKeyboardMarkup {
	var out [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var line []tgbotapi.InlineKeyboardButton
		width := 0
		for _, b := range row {
			label := strings.TrimSpace(b.Label)
			if label == "" || b.Payload == "" || len(b.Payload) > maxCallbackData || !utf8.ValidString(b.Payload) {
				continue
			}
			label = truncateRunes(label, maxLabelRunes)
			w := utf8.RuneCountInString(label)
			if len(line) > 0 && (len(line) == maxPerRow || width+w > maxRowRunes) {
				out = append(out, line)
				line, width = nil, 0
			}
			line = append(line, tgbotapi.NewInlineKeyboardButtonData(label, b.Payload))
			width += w
		}
		if len(line) > 0 {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		return nil
	}
	if rtl {
		for _, line := range out {
			for i, j := 0, len(line)-1; i < j; i, j = i+1, j-1 {
				line[i], line[j] = line[j], line[i]
			}
		}
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: out}
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// askLocation adds a reply keyboard with one button that shares the
// person's location (request_location; private chats only). A message holds
// one keyboard: it goes on the last message when that has no buttons, on
// the first of several otherwise, and else on a message of its own that
// shows the button's label. It is shown once and then hidden.
func askLocation(out []outgoing, base outgoing, label string) []outgoing {
	label = truncateRunes(strings.TrimSpace(label), maxLabelRunes)
	if label == "" {
		return out
	}
	rk := tgbotapi.ReplyKeyboardMarkup{
		Keyboard:        [][]tgbotapi.KeyboardButton{{tgbotapi.NewKeyboardButtonLocation(label)}},
		ResizeKeyboard:  true,
		OneTimeKeyboard: true,
	}
	switch {
	case len(out) > 0 && out[len(out)-1].markup == nil && out[len(out)-1].venue == nil:
		out[len(out)-1].markup = rk
	case len(out) > 1 && out[0].markup == nil && out[0].venue == nil:
		out[0].markup = rk
	default:
		o := base
		o.text = escapeHTML(label)
		o.markup = rk
		out = append(out, o)
	}
	return out
}
