package telegram

import (
	"context"
	"net/http"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot/relay"
)

// ctxClient binds every request to ctx (the SDK has no contexts), so that
// canceling ctx ends a long poll at once.
type ctxClient struct {
	ctx    context.Context
	client tgbotapi.HTTPClient
}

func (c *ctxClient) Do(req *http.Request) (*http.Response, error) {
	return c.client.Do(req.WithContext(c.ctx))
}

// tokenScrubber removes the bot token from transport errors: they quote the
// request URL, /bot<token>/<method>, and errors end up in logs.
type tokenScrubber struct {
	client tgbotapi.HTTPClient
	token  string
}

func (c *tokenScrubber) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.client.Do(req)
	return resp, relay.Scrub(err, c.token)
}
