package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// message is the part of a Telegram Message the fake returns.
type message struct {
	MessageID int             `json:"message_id"`
	Date      int64           `json:"date"`
	Chat      chat            `json:"chat"`
	Text      string          `json:"text,omitempty"`
	Venue     json.RawMessage `json:"venue,omitempty"`
}

type chat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

func badRequest(desc string) answer { return fail(http.StatusBadRequest, "Bad Request: "+desc) }

// call answers every method but getUpdates.
func (s *Server) call(method string, form url.Values) answer {
	switch method {
	case "getMe":
		return ok(s.Bot)
	case "sendMessage", "editMessageText":
		return s.sendMessage(method, form)
	case "sendVenue":
		return s.sendVenue(form)
	case "answerCallbackQuery":
		if form.Get("callback_query_id") == "" {
			return badRequest("query is too old and response timeout expired or query ID is invalid")
		}
		if TextLen(form.Get("text")) > 200 {
			return badRequest("MESSAGE_TOO_LONG")
		}
		return ok(true)
	case "sendChatAction":
		if form.Get("chat_id") == "" || form.Get("action") == "" {
			return badRequest("chat_id and action are required")
		}
		return ok(true)
	case "setWebhook":
		return s.setWebhook(form)
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook = webhook{}
		if form.Get("drop_pending_updates") == "true" {
			s.updates = nil
		}
		s.mu.Unlock()
		return answer{OK: true, Result: true, Description: "Webhook was deleted"}
	case "getWebhookInfo":
		s.mu.Lock()
		defer s.mu.Unlock()
		return ok(map[string]any{"url": s.webhook.URL, "has_custom_certificate": false, "pending_update_count": len(s.updates)})
	default:
		return fail(http.StatusNotFound, "Not Found")
	}
}

func (s *Server) sendMessage(method string, form url.Values) answer {
	chatID, err := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	if err != nil || chatID == 0 {
		return badRequest("chat not found")
	}
	text := form.Get("text")
	if form.Get("parse_mode") == "HTML" {
		if text, err = ParseHTML(text); err != nil {
			return badRequest("can't parse entities: " + err.Error())
		}
	}
	switch n := TextLen(text); {
	case n == 0 || len(trimSpace(text)) == 0:
		return badRequest("message text is empty")
	case n > 4096:
		return badRequest("message is too long")
	}
	if markup := form.Get("reply_markup"); markup != "" {
		if desc := checkKeyboard(markup); desc != "" {
			return badRequest(desc)
		}
	}
	if method == "editMessageText" {
		id, _ := strconv.Atoi(form.Get("message_id"))
		if id <= 0 {
			return badRequest("message to edit not found")
		}
		return ok(message{MessageID: id, Date: time.Now().Unix(), Chat: chatOf(chatID), Text: text})
	}
	return ok(message{MessageID: s.nextMessageID(), Date: time.Now().Unix(), Chat: chatOf(chatID), Text: text})
}

func (s *Server) sendVenue(form url.Values) answer {
	chatID, err := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	if err != nil || chatID == 0 {
		return badRequest("chat not found")
	}
	lat, errLat := strconv.ParseFloat(form.Get("latitude"), 64)
	lon, errLon := strconv.ParseFloat(form.Get("longitude"), 64)
	if errLat != nil || errLon != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return badRequest("wrong latitude or longitude")
	}
	if form.Get("title") == "" || form.Get("address") == "" {
		return badRequest("title and address are required")
	}
	venue, _ := json.Marshal(map[string]any{
		"location": map[string]float64{"latitude": lat, "longitude": lon},
		"title":    form.Get("title"), "address": form.Get("address"),
	})
	return ok(message{MessageID: s.nextMessageID(), Date: time.Now().Unix(), Chat: chatOf(chatID), Venue: venue})
}

func (s *Server) setWebhook(form url.Values) answer {
	secret := form.Get("secret_token")
	if secret != "" && !validSecret(secret) {
		return badRequest("secret token contains unallowed characters")
	}
	u := form.Get("url")
	if u != "" {
		parsed, err := url.Parse(u)
		if err != nil || parsed.Host == "" {
			return badRequest("bad webhook: invalid URL")
		}
	}
	s.mu.Lock()
	s.webhook = webhook{URL: u, Secret: secret}
	s.pollGen++
	s.wakeLocked()
	s.mu.Unlock()
	if u == "" {
		return answer{OK: true, Result: true, Description: "Webhook was deleted"}
	}
	return answer{OK: true, Result: true, Description: "Webhook was set"}
}

// Webhook returns the URL and secret token set by setWebhook.
func (s *Server) Webhook() (url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook.URL, s.webhook.Secret
}

func (s *Server) nextMessageID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastMessage++
	return s.lastMessage
}

// chatOf guesses the chat type from the id: groups have negative ids.
func chatOf(id int64) chat {
	if id < 0 {
		return chat{ID: id, Type: "supergroup"}
	}
	return chat{ID: id, Type: "private"}
}

// checkKeyboard validates an inline keyboard or a reply keyboard as
// Telegram does and returns the error description, or "".
func checkKeyboard(markup string) string {
	var kb struct {
		InlineKeyboard [][]struct {
			Text         string  `json:"text"`
			CallbackData *string `json:"callback_data"`
			URL          string  `json:"url"`
		} `json:"inline_keyboard"`
		Keyboard [][]KeyboardButton `json:"keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return "can't parse reply keyboard markup JSON object"
	}
	if kb.InlineKeyboard != nil && kb.Keyboard != nil {
		return "can't parse reply keyboard markup JSON object"
	}
	for _, row := range kb.Keyboard {
		for _, b := range row {
			if b.Text == "" {
				return "keyboard button text must be non-empty"
			}
		}
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.Text == "" {
				return "text buttons are unallowed in the inline keyboard"
			}
			if b.CallbackData == nil && b.URL == "" {
				return "can't parse inline keyboard button: field \"callback_data\" or \"url\" must be present"
			}
			if b.CallbackData != nil && (len(*b.CallbackData) < 1 || len(*b.CallbackData) > 64) {
				return "BUTTON_DATA_INVALID"
			}
		}
	}
	return ""
}

func validSecret(s string) bool {
	if len(s) > 256 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\n' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}
