package telegram

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
)

// outgoing is one Bot API call the adapter makes for a reply.
type outgoing struct {
	chatID     int64
	group      bool
	text       string // HTML, for sendMessage
	markup     any    // an inline keyboard, a reply keyboard asking for the location, or nil
	replyTo    int
	venue      *bot.Venue
	callbackID string // for answerCallbackQuery
	notice     string // text of the callback answer
	urgent     bool   // emergency numbers: sent before every ordinary message waiting
}

func (o outgoing) method() string {
	switch {
	case o.callbackID != "":
		return "answerCallbackQuery"
	case o.venue != nil:
		return "sendVenue"
	default:
		return "sendMessage"
	}
}

// counted reports whether the call is a message that Telegram's limits
// count; answering a button press is not.
func (o outgoing) counted() bool { return o.callbackID == "" }

func (o outgoing) chattable() tgbotapi.Chattable {
	switch o.method() {
	case "answerCallbackQuery":
		return tgbotapi.NewCallback(o.callbackID, o.notice)
	case "sendVenue":
		v := tgbotapi.NewVenue(o.chatID, o.venue.Title, o.venue.Address, o.venue.Lat, o.venue.Lon)
		v.ReplyToMessageID, v.AllowSendingWithoutReply = o.replyTo, o.replyTo != 0
		return v
	default:
		m := tgbotapi.NewMessage(o.chatID, o.text)
		m.ParseMode = tgbotapi.ModeHTML
		m.DisableWebPagePreview = true
		m.ReplyToMessageID, m.AllowSendingWithoutReply = o.replyTo, o.replyTo != 0
		m.ReplyMarkup = o.markup
		return m
	}
}

// errChatBlocked is returned for messages to a chat that blocked the bot.
var errChatBlocked = errors.New("telegram: chat blocked the bot")

// sender makes Bot API calls within the limits and acts on their errors.
type sender struct {
	api       *tgbotapi.BotAPI
	limits    *limiter
	stats     *relay.Counters
	log       *slog.Logger
	policy    relay.Policy
	onBlocked func(chatID int64)
	onWait    func(wait time.Duration, urgent bool) // optional: how long a message waited for the limits

	blocked sync.Map // chat id → struct{}
}

// send makes the call, waiting for the limits, retrying after 429, 5xx and
// network errors (relay.Policy), following group migrations, and marking
// chats that blocked the bot. It returns nil when the call succeeded, else
// a *relay.Error.
func (s *sender) send(ctx context.Context, o outgoing) error {
	return s.policy.Do(ctx, s.stats, s.log, "telegram: "+o.method(), func() (relay.Result, error) {
		p := &permit{}
		if o.counted() {
			if _, ok := s.blocked.Load(o.chatID); ok {
				return relay.Result{Outcome: relay.Blocked}, errChatBlocked
			}
			// Waiting for the limits needs no worker: while this message
			// waits, the pool answers other people (relay.Idle).
			err := relay.Idle(ctx, func() error {
				var wait time.Duration
				var err error
				p, wait, err = s.limits.acquire(ctx, o.chatID, o.group, o.urgent)
				if s.onWait != nil {
					s.onWait(wait, o.urgent)
				}
				return err
			})
			if err != nil {
				return relay.Result{Outcome: relay.Canceled}, err
			}
		}
		_, err := s.api.Request(o.chattable())
		p.done()
		c := Classify(err)
		s.stats.Count(c.Outcome)
		switch c.Outcome {
		case relay.Blocked:
			s.markBlocked(o.chatID)
		case relay.Migrated:
			s.log.Info("telegram: group migrated to a supergroup", "chat", o.chatID, "new_chat", c.MigrateTo)
			s.blocked.Delete(c.MigrateTo)
			o.chatID = c.MigrateTo
		}
		return c, err
	}, "chat", o.chatID)
}

func (s *sender) markBlocked(chatID int64) {
	if _, loaded := s.blocked.LoadOrStore(chatID, struct{}{}); !loaded {
		s.log.Info("telegram: chat blocked the bot; not sending to it until it writes again", "chat", chatID)
		if s.onBlocked != nil {
			s.onBlocked(chatID)
		}
	}
}

// unblock is called when a chat writes to the bot: whoever blocked it has
// come back.
func (s *sender) unblock(chatID int64) { s.blocked.Delete(chatID) }

func (s *sender) isBlocked(chatID int64) bool {
	_, ok := s.blocked.Load(chatID)
	return ok
}
