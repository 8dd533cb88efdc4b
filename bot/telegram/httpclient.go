package telegram

import (
	"context"
	"net/http"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
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
	if err != nil && strings.Contains(err.Error(), c.token) {
		err = scrubbed{msg: strings.ReplaceAll(err.Error(), c.token, "<token>"), err: err}
	}
	return resp, err
}

// scrubbed is an error with a cleaned text that still unwraps to the
// original (so errors.Is(err, context.Canceled) keeps working).
type scrubbed struct {
	msg string
	err error
}

func (s scrubbed) Error() string { return s.msg }
func (s scrubbed) Unwrap() error { return s.err }
