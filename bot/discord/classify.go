package discord

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot/relay"
)

// Discord JSON error codes the adapter acts on.
const (
	codeUnknownWebhook   = 10015 // an interaction token Discord does not know (yet): see Classify
	codeCannotMessageDM  = 50007 // the user blocked the bot or closed their direct messages
	codeUnknownChannel   = 10003
	codeUnknownMessage   = 10008
	codeAlreadyAnswered  = 40060
	codeUnknownInteracts = 10062
)

// Classify sorts the error of a REST call into an outcome:
//
//   - 429 (discordgo's RateLimitError): wait retry_after, then retry;
//   - 401: the token is refused; the adapter cannot work;
//   - 50007 (cannot send messages to this user): blocked;
//   - 5xx, a proxy's page that is not JSON, network errors: transient;
//   - 404 Unknown Webhook (10015) on an interaction's webhook: transient,
//     because right after an HTTP interaction is answered in the HTTP
//     response Discord may not know the token for a moment;
//   - other 4xx (missing permissions, unknown channel or message, a body
//     Discord refuses): permanent.
func Classify(err error) relay.Result {
	if err == nil {
		return relay.Result{Outcome: relay.Sent}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return relay.Result{Outcome: relay.Canceled}
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		after := rl.RetryAfter
		if after <= 0 {
			after = time.Second
		}
		return relay.Result{Outcome: relay.RateLimited, RetryAfter: after}
	}
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response == nil {
		return relay.Result{Outcome: relay.Transient}
	}
	code := 0
	if rest.Message != nil {
		code = rest.Message.Code
	}
	status := rest.Response.StatusCode
	switch {
	case status == http.StatusUnauthorized:
		return relay.Result{Outcome: relay.Unauthorized}
	case code == codeCannotMessageDM:
		return relay.Result{Outcome: relay.Blocked}
	case status >= 500 || rest.Message == nil && status != http.StatusNotFound && status != http.StatusForbidden:
		return relay.Result{Outcome: relay.Transient}
	case status == http.StatusNotFound && code == codeUnknownWebhook:
		return relay.Result{Outcome: relay.Transient}
	default:
		return relay.Result{Outcome: relay.Permanent}
	}
}

// restCode is Discord's JSON error code of a REST error, else 0.
func restCode(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Message != nil {
		return rest.Message.Code
	}
	return 0
}

// call makes one REST call within the retry policy. what names the call
// in logs (never message text).
func (a *Adapter) call(ctx context.Context, what string, f func(opt discordgo.RequestOption) error) error {
	opt := discordgo.WithContext(ctx)
	return a.cfg.Policy.Do(ctx, &a.stats, a.log, "discord: "+what, func() (relay.Result, error) {
		err := relay.Scrub(f(opt), a.cfg.Token)
		r := Classify(err)
		a.stats.Count(r.Outcome)
		return r, err
	})
}
