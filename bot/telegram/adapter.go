package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
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
	MaxQueued     int                             // webhook updates waiting or running before answering 503; default 512
	MaxPerChat    int                             // updates of one chat waiting or running; more are dropped (flood; one notice per episode); default 8
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
	// OnBlocked is called (once, until the chat writes again) when Telegram
	// says a chat blocked the bot, the account was deleted or the chat is
	// gone. serve connects it to bot.Engine.Blocked, which deletes the
	// person's session and closes their tickets.
	OnBlocked func(bot.Address)
	// OnLimiterWait, if set, is told how long each message waited for
	// the rate limits (urgent: emergency numbers), for metrics.
	OnLimiterWait func(wait time.Duration, urgent bool)
	// Updates, if set, is the log of update ids that replicas sharing a
	// database keep (store.DB.Updates), so that an update delivered twice
	// (a webhook redelivery reaching another replica, a poll after a
	// failover) is answered once. nil: this process remembers on its own.
	Updates content.UpdateLog
	// Counters, if set, are where the adapter counts (Stats reads them):
	// serve shares them between the adapters one process makes in turn
	// (a new one after a polling failover). nil: the adapter's own.
	Counters *relay.Counters
}

// Adapter connects one Telegram bot to a bot.Handler. It serves one run:
// one Poll, or one webhook from SetWebhook until Shutdown.
type Adapter struct {
	cfg       Config
	api       *tgbotapi.BotAPI // calls end when hardCtx is canceled
	base      *tgbotapi.BotAPI // the same without a context, for the final confirmation
	transport http.RoundTripper
	sender    *sender
	dispatch  *dispatcher
	stats     *relay.Counters
	log       *slog.Logger
	recent    *recentIDs  // update ids already taken, against redelivery
	stopping  atomic.Bool // Shutdown began: the webhook refuses new updates
	floods    *relay.FloodNotices[string]

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
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = &http.Client{Timeout: 30 * time.Second, Transport: relay.NewTransport(cfg.Workers)}
	}
	transport := httpClient.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	client := &tokenScrubber{client: httpClient, token: cfg.Token}
	endpoint := strings.TrimRight(cfg.APIURL, "/") + "/bot%s/%s"
	api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, endpoint, client)
	if err != nil {
		return nil, fmt.Errorf("telegram: getMe at %s: %w", cfg.APIURL, err)
	}
	a := &Adapter{cfg: cfg, base: api, transport: transport, log: cfg.Logger, stats: cfg.Counters, recent: newRecentIDs(4096), floods: relay.NewFloodNotices[string](relay.FloodQuiet)}
	a.hardCtx, a.hardCancel = context.WithCancel(context.Background())
	bound := *api
	bound.Client = &ctxClient{ctx: a.hardCtx, client: client}
	a.api = &bound
	a.sender = &sender{
		api: a.api, limits: newLimiter(cfg.Limits), stats: a.stats, log: cfg.Logger,
		policy: relay.Policy{MaxAttempts: cfg.MaxAttempts, MaxRetryAfter: cfg.MaxRetryAfter, Backoff: cfg.Backoff},
		onWait: cfg.OnLimiterWait,
	}
	if cfg.OnBlocked != nil {
		a.sender.onBlocked = func(id int64) {
			cfg.OnBlocked(bot.Address{Channel: Channel, ChatID: strconv.FormatInt(id, 10)})
		}
	}
	a.dispatch = newDispatcher(cfg.Workers, cfg.MaxQueued, cfg.MaxPerChat, a.handle, a.shed, a.floodNotice)
	return a, nil
}

func withDefaults(c Config) Config {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.Counters == nil {
		c.Counters = &relay.Counters{}
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
	if c.MaxPerChat <= 0 {
		c.MaxPerChat = 8
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
		c.Backoff = relay.ExpBackoff
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 1 << 20
	}
	return c
}

// Username is the bot's @username as getMe reported it.
func (a *Adapter) Username() string { return a.api.Self.UserName }

// Stats returns the adapter's counters.
func (a *Adapter) Stats() Stats { return a.stats.Snapshot() }
