package telegram

import (
	"context"
	"errors"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Outcome says what to do after a Bot API call.
type Outcome int

const (
	Sent         Outcome = iota // it worked
	RateLimited                 // 429: wait RetryAfter, then retry
	Blocked                     // 403: the person blocked the bot or left; stop sending to the chat
	Transient                   // 5xx, network: retry with backoff
	Permanent                   // 400 and other refusals: log and drop
	Migrated                    // the group became a supergroup: resend to the new chat id
	Canceled                    // our own context ended
	Unauthorized                // 401/404 on the token: the bot cannot work at all
)

var outcomeNames = [...]string{"sent", "rate_limited", "blocked", "transient", "permanent", "migrated", "canceled", "unauthorized"}

func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// Classified is a Bot API error sorted into an Outcome.
type Classified struct {
	Outcome    Outcome
	RetryAfter time.Duration // for RateLimited
	MigrateTo  int64         // for Migrated
}

// Classify sorts the error of a Bot API call. The SDK reports Telegram's
// refusals as *tgbotapi.Error; anything else (connection refused, a proxy's
// HTML error page that is not JSON, a timeout) is transient.
func Classify(err error) Classified {
	if err == nil {
		return Classified{Outcome: Sent}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return Classified{Outcome: Canceled}
	}
	var apiErr *tgbotapi.Error
	if !errors.As(err, &apiErr) {
		return Classified{Outcome: Transient}
	}
	switch {
	case apiErr.Code == 429 || apiErr.RetryAfter > 0:
		after := time.Duration(apiErr.RetryAfter) * time.Second
		if after <= 0 {
			after = time.Second
		}
		return Classified{Outcome: RateLimited, RetryAfter: after}
	case apiErr.MigrateToChatID != 0:
		return Classified{Outcome: Migrated, MigrateTo: apiErr.MigrateToChatID}
	case apiErr.Code == 403:
		return Classified{Outcome: Blocked}
	case apiErr.Code == 400 && isGoneChat(apiErr.Message):
		return Classified{Outcome: Blocked}
	case apiErr.Code == 401 || apiErr.Code == 404:
		return Classified{Outcome: Unauthorized}
	case apiErr.Code >= 500 || apiErr.Code == 0:
		return Classified{Outcome: Transient}
	default:
		return Classified{Outcome: Permanent}
	}
}

// isGoneChat recognises 400 answers meaning the chat no longer exists for
// the bot: there is no point in sending to it again.
func isGoneChat(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "chat not found") || strings.Contains(m, "user is deactivated") ||
		strings.Contains(m, "bot was kicked")
}
