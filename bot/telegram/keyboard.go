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
