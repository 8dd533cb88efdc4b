package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
)

// DefaultAPIURL is the public Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Config configures an Adapter. Token and Handler are required.
type Config struct {
	Token   string
	APIURL  string // Bot API server; default DefaultAPIURL. Also a local Bot API server or a fake one in tests
	Handler bot.Handler
	Logger  *slog.Logger

	Workers       int                             // updates handled at once; default 16
	MaxQueued     int                             // updates waiting or running before fetching pauses; default 512
	PollTimeout   time.Duration                   // long-poll timeout; default 50 s
	UpdateTimeout time.Duration                   // time budget for handling one update and sending its replies; default 2 min
	DrainTimeout  time.Duration                   // on shutdown, how long in-flight updates may take; default 20 s
	Limits        Limits                          // zero value: DefaultLimits
	MaxAttempts   int                             // calls per outgoing message after 429/5xx; default 4
	MaxRetryAfter time.Duration                   // a 429 asking to wait longer drops the message; default 60 s
	Backoff       func(attempt int) time.Duration // wait after the n-th transient failure; default 0.5 s doubling to 30 s

	WebhookURL    string // public HTTPS URL Telegram posts updates to (webhook mode)
	WebhookSecret string // 1–256 of A–Z a–z 0–9 _ -; required in webhook mode
	MaxBodyBytes  int64  // largest webhook request body; default 1 MiB

	HTTPClient *http.Client // transport for Bot API calls; default: pooled, 30 s timeout
	OnBlocked  func(chatID string)
}

// Adapter connects one Telegram bot to a bot.Handler.
type Adapter struct {
	cfg      Config
	api      *tgbotapi.BotAPI
	sender   *sender
	dispatch *dispatcher
	stats    counters
	log      *slog.Logger
	recent   *recentIDs // update ids already taken, against redelivery

	hardCtx    context.Context // handlers and sends; canceled when draining times out
	hardCancel context.CancelFunc
}

// New checks the token with getMe and returns an adapter ready to Poll or to
// serve a webhook.
func New(cfg Config) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: no bot token (set TELEGRAM_TOKEN)")
	}
	if cfg.Handler == nil {
		return nil, errors.New("telegram: no handler")
	}
	cfg = withDefaults(cfg)
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second, Transport: newTransport(cfg.Workers)}
	}
	endpoint := strings.TrimRight(cfg.APIURL, "/") + "/bot%s/%s"
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, client)
	if err != nil {
		return nil, fmt.Errorf("telegram: getMe at %s: %w", cfg.APIURL, err)
	}
	a := &Adapter{cfg: cfg, api: api, log: cfg.Logger, recent: newRecentIDs(4096)}
	a.hardCtx, a.hardCancel = context.WithCancel(context.Background())
	a.sender = &sender{
		api: api, limits: newLimiter(cfg.Limits), stats: &a.stats, log: cfg.Logger,
		maxAttempts: cfg.MaxAttempts, maxRetryAfter: cfg.MaxRetryAfter, backoff: cfg.Backoff,
	}
	if cfg.OnBlocked != nil {
		a.sender.onBlocked = func(id int64) { cfg.OnBlocked(strconv.FormatInt(id, 10)) }
	}
	a.dispatch = newDispatcher(cfg.Workers, cfg.MaxQueued, a.handle)
	return a, nil
}

func withDefaults(c Config) Config {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = 512
	}
	if c.PollTimeout <= 0 {
		c.PollTimeout = 50 * time.Second
	}
	if c.UpdateTimeout <= 0 {
		c.UpdateTimeout = 2 * time.Minute
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 20 * time.Second
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 4
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = time.Minute
	}
	if c.Backoff == nil {
		c.Backoff = expBackoff
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	return c
}

func newTransport(workers int) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = workers + 2
	return t
}

// Username is the bot's @username as getMe reported it.
func (a *Adapter) Username() string { return a.api.Self.UserName }

// Stats returns the adapter's counters.
func (a *Adapter) Stats() Stats { return a.stats.snapshot() }

// Polite texts for what the engine cannot answer. The engine localises
// everything else; these only appear when it failed or was not asked.
const (
	sorryText       = "Sorry, something went wrong on our side. Please try again in a moment, or send /start."
	staleButtonText = "This button no longer works. Please send /start."
	noChatText      = "Please open a chat with me to use this button."
)

// handle runs one update through the engine and sends the replies. It
// reports whether the update is finished: false only when shutdown cut it
// off before any reply was sent, so that it is delivered again after a
// restart rather than answered twice.
func (a *Adapter) handle(j job) bool {
	in := j.in
	ctx, cancel := context.WithTimeout(a.hardCtx, a.cfg.UpdateTimeout)
	defer cancel()
	log := a.log.With("update", in.updateID, "chat", in.chatID)
	if in.ignore != "" {
		a.stats.ignored.Add(1)
		log.Debug("telegram: update ignored", "reason", in.ignore)
		if in.callbackID != "" {
			notice := staleButtonText
			if in.chatID == 0 {
				notice = noChatText
			}
			a.answerCallback(ctx, in.callbackID, notice)
		}
		return true
	}
	a.sender.unblock(in.chatID)
	replies, err := a.cfg.Handler.Handle(ctx, in.msg)
	if err != nil {
		if a.hardCtx.Err() != nil {
			a.stats.unfinished.Add(1)
			return false
		}
		a.stats.handlerErrors.Add(1)
		log.Error("telegram: engine failed", "error", err)
	}
	if in.callbackID != "" {
		notice := ""
		if err != nil {
			notice = sorryText
		}
		a.answerCallback(ctx, in.callbackID, notice)
	}
	if err != nil {
		replies = []bot.Reply{{Text: sorryText}}
	}
	sent := false
replies:
	for _, r := range replies {
		for _, o := range a.render(in, r) {
			o.replyTo = 0
			if !sent {
				o.replyTo = in.replyTo
			}
			err := a.sender.send(ctx, o)
			if err != nil && a.hardCtx.Err() != nil && !sent {
				a.stats.unfinished.Add(1)
				return false
			}
			if a.sender.isBlocked(o.chatID) {
				break replies
			}
			sent = sent || err == nil
		}
	}
	a.stats.handled.Add(1)
	return true
}

func (a *Adapter) answerCallback(ctx context.Context, id, notice string) {
	if err := a.sender.send(ctx, outgoing{callbackID: id, notice: notice}); err == nil {
		a.stats.callbacks.Add(1)
	}
}

// render turns one reply into the calls that deliver it: its text in
// chunks of at most MaxMessageLen (the keyboard on the last), then its
// venue.
func (a *Adapter) render(in inbound, r bot.Reply) []outgoing {
	base := outgoing{chatID: in.chatID, group: in.msg.Group}
	var out []outgoing
	kb := keyboard(r.Buttons, r.RTL)
	for _, chunk := range splitHTML(renderHTML(r), MaxMessageLen) {
		o := base
		o.text = chunk
		out = append(out, o)
	}
	if kb != nil {
		if len(out) == 0 {
			o := base
			o.text = "⋯"
			out = append(out, o)
		}
		out[len(out)-1].markup = kb
	}
	if v := r.Venue; v != nil && v.Title != "" && !(v.Lat == 0 && v.Lon == 0) {
		o := base
		venue := *v
		if venue.Address == "" {
			venue.Address = venue.Title
		}
		o.venue = &venue
		out = append(out, o)
	}
	return out
}
