package telegram

import (
	"strconv"
	"strings"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

// Channel is the value of bot.Message.Channel for Telegram.
const Channel = "telegram"

// maxIncomingText bounds what is passed to the engine; Telegram itself
// delivers at most 4,096 characters.
const maxIncomingText = 4096

// inbound is one update translated for the engine, with what the adapter
// needs to answer it.
type inbound struct {
	updateID   int
	msg        bot.Message
	chatID     int64  // where replies go; 0 when there is no chat (inline callbacks)
	callbackID string // set for button presses, which must always be answered
	replyTo    int    // in groups, the message to reply to
	ignore     string // why the update is not for the engine; "" if it is
	flood      bool   // not an update: the notice to a flooding chat (see floodNotice)
}

// key is the person an update belongs to, for the dispatcher: updates of
// one person are handled one after another, in order. In a private chat
// the person is the chat.
func (in inbound) key() string {
	if in.msg.UserID != "" {
		return in.msg.UserID
	}
	return strconv.FormatInt(in.chatID, 10)
}

// translate turns a Telegram update into an inbound message. botName is the
// bot's username, used to recognise "/help@botname".
func translate(u tgbotapi.Update, botName string) inbound {
	in := inbound{updateID: u.UpdateID}
	switch {
	case u.Message != nil:
		return translateMessage(in, u.Message, botName)
	case u.CallbackQuery != nil:
		return translateCallback(in, u.CallbackQuery)
	case u.EditedMessage != nil:
		in.ignore = "edited message" // answering edits would answer twice
	case u.ChannelPost != nil || u.EditedChannelPost != nil:
		in.ignore = "channel post"
	default:
		in.ignore = "unsupported update type"
	}
	return in
}

func translateMessage(in inbound, m *tgbotapi.Message, botName string) inbound {
	if m.Chat == nil {
		in.ignore = "message without chat"
		return in
	}
	if m.From != nil && m.From.IsBot {
		in.ignore = "message from a bot"
		return in
	}
	in.chatID = m.Chat.ID
	in.msg = bot.Message{
		Channel: Channel,
		ChatID:  strconv.FormatInt(m.Chat.ID, 10),
		UserID:  senderID(m),
		Group:   m.Chat.Type == "group" || m.Chat.Type == "supergroup",
	}
	if m.From != nil {
		in.msg.LangHint = m.From.LanguageCode
	}
	if in.msg.Group {
		in.replyTo = m.MessageID
	}
	switch {
	case m.Location != nil:
		in.msg.Location = &content.Geo{Lat: m.Location.Latitude, Lon: m.Location.Longitude}
	case m.Venue != nil:
		in.msg.Location = &content.Geo{Lat: m.Venue.Location.Latitude, Lon: m.Venue.Location.Longitude}
	}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	text, forOther := stripBotName(text, botName)
	if forOther {
		in.ignore = "command for another bot"
		return in
	}
	in.msg.Text = clipText(strings.TrimSpace(text))
	if in.msg.Text == "" && in.msg.Location == nil {
		in.ignore = "nothing to answer (service message or media)"
	}
	return in
}

func translateCallback(in inbound, q *tgbotapi.CallbackQuery) inbound {
	in.callbackID = q.ID
	in.msg = bot.Message{Channel: Channel, Payload: q.Data}
	if q.From != nil {
		in.msg.UserID = strconv.FormatInt(q.From.ID, 10)
		in.msg.LangHint = q.From.LanguageCode
	}
	if q.Message == nil || q.Message.Chat == nil {
		in.ignore = "button on an inline message"
		return in
	}
	if in.msg.UserID == "" {
		in.msg.UserID = strconv.FormatInt(q.Message.Chat.ID, 10)
	}
	in.chatID = q.Message.Chat.ID
	in.msg.ChatID = strconv.FormatInt(q.Message.Chat.ID, 10)
	in.msg.Group = q.Message.Chat.Type == "group" || q.Message.Chat.Type == "supergroup"
	if q.Data == "" || len(q.Data) > maxCallbackData || !utf8.ValidString(q.Data) {
		in.ignore = "malformed callback data"
	}
	return in
}

// senderID is the person behind a message: from.id, or the chat that
// posted on its own behalf (anonymous group admins), or the chat.
func senderID(m *tgbotapi.Message) string {
	switch {
	case m.From != nil:
		return strconv.FormatInt(m.From.ID, 10)
	case m.SenderChat != nil:
		return strconv.FormatInt(m.SenderChat.ID, 10)
	default:
		return strconv.FormatInt(m.Chat.ID, 10)
	}
}

// stripBotName turns "/help@compass_bot rest" into "/help rest". It reports
// forOther when the command names a different bot.
func stripBotName(text, botName string) (string, bool) {
	if !strings.HasPrefix(text, "/") {
		return text, false
	}
	cmd, rest := text, ""
	if i := strings.IndexAny(text, " \n\t"); i >= 0 {
		cmd, rest = text[:i], text[i:]
	}
	name, target, ok := strings.Cut(cmd, "@")
	if !ok {
		return text, false
	}
	if botName != "" && !strings.EqualFold(target, botName) {
		return text, true
	}
	return name + rest, false
}

// clipText bounds the text handed to the engine, at a rune boundary.
func clipText(s string) string {
	if len(s) <= maxIncomingText*4 {
		return s
	}
	s = s[:maxIncomingText*4]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
