package telegram

import (
	"context"
	"errors"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot/relay"
)

// Classified is a Bot API answer sorted into one of the outcome classes
// every adapter shares.
type Classified = relay.Result

// Classify sorts the error of a Bot API call. The SDK reports Telegram's
// refusals as *tgbotapi.Error; anything else (connection refused, a proxy's
// HTML error page that is not JSON, a timeout) is transient.
func Classify(err error) Classified {
	if err == nil {
		return Classified{Outcome: relay.Sent}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return Classified{Outcome: relay.Canceled}
	}
	var apiErr *tgbotapi.Error
	if !errors.As(err, &apiErr) {
		return Classified{Outcome: relay.Transient}
	}
	switch {
	case apiErr.Code == 429 || apiErr.RetryAfter > 0:
		after := time.Duration(apiErr.RetryAfter) * time.Second
		if after <= 0 {
			after = time.Second
		}
		return Classified{Outcome: relay.RateLimited, RetryAfter: after}
	case apiErr.MigrateToChatID != 0:
		return Classified{Outcome: relay.Migrated, MigrateTo: apiErr.MigrateToChatID}
	case apiErr.Code == 403:
		return Classified{Outcome: relay.Blocked}
	case apiErr.Code == 400 && isGoneChat(apiErr.Message):
		return Classified{Outcome: relay.Blocked}
	case apiErr.Code == 401 || apiErr.Code == 404:
		return Classified{Outcome: relay.Unauthorized}
	case apiErr.Code >= 500 || apiErr.Code == 0:
		return Classified{Outcome: relay.Transient}
	default:
		return Classified{Outcome: relay.Permanent}
	}
}

// isGoneChat recognises 400 answers meaning the chat no longer exists for
// the bot: there is no point in sending to it again.
func isGoneChat(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "chat not found") || strings.Contains(m, "user is deactivated") ||
		strings.Contains(m, "bot was kicked")
}
