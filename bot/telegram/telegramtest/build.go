package telegramtest

import (
	"strconv"
	"sync/atomic"
	"time"
)

// Updates in the wire format, for tests. Private chats have the user's id
// as chat id; groups have negative ids.

func from(userID int64, lang string) map[string]any {
	u := map[string]any{"id": userID, "is_bot": false, "first_name": "Test"}
	if lang != "" {
		u["language_code"] = lang
	}
	return u
}

func chatJSON(chatID int64) map[string]any {
	c := chatOf(chatID)
	m := map[string]any{"id": c.ID, "type": c.Type}
	if c.Type != "private" {
		m["title"] = "Test group"
	}
	return m
}

var messageIDs atomic.Int64

func messageJSON(chatID, userID int64, lang string) map[string]any {
	return map[string]any{
		"message_id": 1000 + messageIDs.Add(1), "date": time.Now().Unix(),
		"chat": chatJSON(chatID), "from": from(userID, lang),
	}
}

// TextUpdate is a person typing text (commands included) in a chat.
func TextUpdate(chatID, userID int64, lang, text string) map[string]any {
	m := messageJSON(chatID, userID, lang)
	m["text"] = text
	if len(text) > 0 && text[0] == '/' {
		n := len(text)
		for i, c := range text {
			if c == ' ' {
				n = i
				break
			}
		}
		m["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": n}}
	}
	return map[string]any{"message": m}
}

// LocationUpdate is a person sharing a location.
func LocationUpdate(chatID, userID int64, lang string, lat, lon float64) map[string]any {
	m := messageJSON(chatID, userID, lang)
	m["location"] = map[string]float64{"latitude": lat, "longitude": lon}
	return map[string]any{"message": m}
}

// CallbackUpdate is a person pressing an inline button with this data under
// one of the bot's messages.
func CallbackUpdate(chatID, userID int64, lang, data string) map[string]any {
	m := messageJSON(chatID, 7000001, "")
	m["from"] = map[string]any{"id": 7000001, "is_bot": true, "first_name": "Compass"}
	m["text"] = "…"
	return map[string]any{"callback_query": map[string]any{
		"id": "cb" + strconv.FormatInt(messageIDs.Add(1), 10), "from": from(userID, lang), "message": m,
		"chat_instance": "ci" + strconv.FormatInt(chatID, 10), "data": data,
	}}
}
