package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord"
	"github.com/compassbot/compass/bot/telegram"
	"github.com/compassbot/compass/store"
)

func init() {
	register(command{
		name:    "serve",
		summary: "run the bot on Telegram (polling or webhook) and/or Discord (gateway or HTTP interactions)",
		run:     runServe,
	})
}

const serveUsage = `Usage: compass serve [flags]

Runs the bot on Telegram, on Discord, or on both, until SIGTERM or Ctrl-C,
then finishes the updates in flight and stops. Content comes from --pack,
--database-url or the bundled pack; with a database, sessions are kept there
too and content edits are picked up live.

Environment (a flag given on the command line wins):
  TELEGRAM_TOKEN           bot token from @BotFather (Telegram runs when set)
  TELEGRAM_API_URL         Bot API server (default https://api.telegram.org)
  TELEGRAM_WEBHOOK_URL     public https URL for updates (http only for a loopback
                           host); unset: long polling
  TELEGRAM_WEBHOOK_SECRET  secret token Telegram sends back (webhook mode)
  DISCORD_TOKEN            bot token of the Discord application (Discord runs
                           when set; over the gateway unless DISCORD_PUBLIC_KEY)
  DISCORD_APP_ID           application id (default: the bot user's id)
  DISCORD_PUBLIC_KEY       the application's public key: take interactions over
                           HTTP at /discord/interactions on COMPASS_LISTEN
  DISCORD_GUILD_ID         register the slash commands in this server only
  DISCORD_API_URL          REST API base (default https://discord.com/api)
  COMPASS_LISTEN           HTTP address for the webhook, the Discord interactions
                           endpoint, /healthz, /readyz (default :8080 with a
                           webhook or DISCORD_PUBLIC_KEY; unset: none)
  COMPASS_REGION           region of people who have not chosen one
  DISCORD_INBOX_CHANNEL    channel volunteers answer requests for a person in
                           (turns the handoff on; tickets in DATABASE_URL,
                           else in memory)
  COMPASS_INBOX            "terminal": volunteers answer requests for a person
                           with compass inbox on DATABASE_URL; unset (and no
                           DISCORD_INBOX_CHANNEL): no handoff, "Talk to a
                           person" lists helplines
  COMPASS_TICKET_RETENTION how long closed tickets keep their text (default 30d)
  COMPASS_PACK, DATABASE_URL, COMPASS_LOG_LEVEL

`

// serveConfig is what serve is told by flags and environment.
type serveConfig struct {
	token, apiURL, webhookURL, webhookSecret, listen string
	workers                                          int
	drain                                            time.Duration
	discord                                          discordConfig
	handoff                                          handoffConfig
}

func runServe(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	var c serveConfig
	fs.StringVar(&c.token, "token", "", "bot `token` from @BotFather (env TELEGRAM_TOKEN; prefer the environment: flags show in ps)")
	fs.StringVar(&c.apiURL, "api-url", "", "Bot API server `url` (env TELEGRAM_API_URL)")
	fs.StringVar(&c.webhookURL, "webhook-url", "", "public HTTPS `url` Telegram posts updates to (env TELEGRAM_WEBHOOK_URL)")
	fs.StringVar(&c.webhookSecret, "webhook-secret", "", "webhook secret `token` (env TELEGRAM_WEBHOOK_SECRET)")
	fs.StringVar(&c.listen, "listen", "", "HTTP `address` for the webhook, /healthz and /readyz (env COMPASS_LISTEN)")
	fs.IntVar(&c.workers, "workers", 16, "updates handled at once")
	fs.DurationVar(&c.drain, "drain", 20*time.Second, "on shutdown, how long updates in flight may take")
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, serveUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	c.fromEnv(env)
	if err := c.handoff.fromEnv(env); err != nil {
		fmt.Fprintf(env.Stderr, "compass serve: %v\n", err)
		return 2
	}
	if c.discord.inboxChannel != "" {
		c.handoff.adapterInbox = discord.Channel // volunteers answer in Discord's inbox channel
	}
	if c.token == "" && c.discord.token == "" {
		fmt.Fprintln(env.Stderr, "compass serve: no bot token: set TELEGRAM_TOKEN (create a bot with @BotFather, see docs/telegram.md) and/or DISCORD_TOKEN (see docs/discord.md)")
		return 2
	}
	if err := c.discord.check(); err != nil {
		fmt.Fprintf(env.Stderr, "compass serve: %v\n", err)
		return 2
	}
	if c.webhookURL != "" && c.webhookSecret == "" {
		fmt.Fprintln(env.Stderr, "compass serve: TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET (1-256 characters of A-Z a-z 0-9 _ -)")
		return 2
	}
	if c.webhookURL != "" {
		if _, err := telegram.ParseWebhookURL(c.webhookURL); err != nil {
			fmt.Fprintf(env.Stderr, "compass serve: %v\n", err)
			return 2
		}
	}
	serveGrace.Store(int64(c.drain + 15*time.Second)) // drain, the HTTP server's stop and a margin
	logger := newLogger(env, env.Stderr, slog.LevelInfo)
	if err := serve(ctx, c, src, logger); err != nil {
		fmt.Fprintf(env.Stderr, "compass serve: %v\n", err)
		return exitStatus(err)
	}
	return 0
}

// fromEnv fills what no flag set from the environment.
func (c *serveConfig) fromEnv(env *Env) {
	for _, v := range []struct {
		dst *string
		key string
	}{
		{&c.token, "TELEGRAM_TOKEN"}, {&c.apiURL, "TELEGRAM_API_URL"}, {&c.webhookURL, "TELEGRAM_WEBHOOK_URL"},
		{&c.webhookSecret, "TELEGRAM_WEBHOOK_SECRET"}, {&c.listen, "COMPASS_LISTEN"},
	} {
		if *v.dst == "" {
			*v.dst = env.Getenv(v.key)
		}
	}
	c.discord.fromEnv(env)
	if c.listen == "" && (c.webhookURL != "" || c.discord.publicKey != "") {
		c.listen = ":8080"
	}
}

// serve runs the bot until ctx ends.
func serve(ctx context.Context, c serveConfig, src *sourceFlags, logger *slog.Logger) error {
	src.migrate, src.logger = true, logger
	cs, err := src.open(ctx)
	if err != nil {
		return err
	}
	defer cs.Close()
	tickets, err := c.handoff.tickets(cs)
	if err != nil {
		return err
	}
	engine, err := cs.engine(bot.Config{Sessions: cs.sessions(), Tickets: tickets, Logger: logger})
	if err != nil {
		return err
	}
	go cs.keepFresh(ctx, engine, logger)
	var tg *telegram.Adapter
	if c.token != "" {
		tg, err = telegram.New(telegram.Config{
			Token: c.token, APIURL: c.apiURL, Handler: engine, Logger: logger,
			Workers: c.workers, DrainTimeout: c.drain,
			WebhookURL: c.webhookURL, WebhookSecret: c.webhookSecret,
			OnBlocked: func(at bot.Address) { engine.Blocked(ctx, at) },
		})
		if err != nil {
			return err
		}
		engine.Connect(telegram.Channel, tg, telegram.Capabilities)
		logger.Info("compass serve: Telegram started", "bot", tg.Username(), "webhook", c.webhookURL != "")
		defer func() { logger.Info("compass serve: Telegram stopped", "stats", fmt.Sprintf("%+v", tg.Stats())) }()
	}
	dc, err := newDiscord(ctx, c, engine, logger)
	if err != nil {
		return err
	}
	if dc != nil {
		defer func() { logger.Info("compass serve: Discord stopped", "stats", fmt.Sprintf("%+v", dc.Stats())) }()
	}
	logger.Info("compass serve: started", "content", cs.Origin, "region", engineRegion(cs))
	handoffCtx, stopHandoff := context.WithCancel(ctx)
	waitHandoff := c.handoff.start(handoffCtx, engine, logger) // volunteers' replies, ticket jobs
	defer func() { stopHandoff(); waitHandoff() }()

	var ready atomic.Bool
	srv, err := startHTTP(c, tg, dc, cs.DB, engine.Health, &ready, logger)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var running []func(context.Context, func()) error
	if tg != nil {
		running = append(running, func(ctx context.Context, started func()) error { return runTelegram(ctx, c, tg, started) })
	}
	if dc != nil {
		running = append(running, func(ctx context.Context, started func()) error { return runDiscord(ctx, c, dc, started) })
	}
	var starting atomic.Int32
	starting.Store(int32(len(running)))
	errs := make(chan error, len(running))
	for _, run := range running {
		go func() {
			err := run(ctx, func() {
				if starting.Add(-1) == 0 {
					ready.Store(true)
				}
			})
			cancel() // one stops: the whole bot stops (a refused token, Ctrl-C)
			errs <- err
		}()
	}
	<-ctx.Done()
	// From the first moment of the shutdown /readyz answers 503, and until
	// the updates in flight are done the listener stays open: the webhook
	// refuses new updates with 503 (Telegram delivers them again, to
	// another instance or to us after the restart).
	ready.Store(false)
	var first error
	for range running {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	stopHTTP(srv)
	return first
}

// runTelegram takes Telegram updates until ctx ends: by long polling, or
// by the webhook (set here), then drains.
func runTelegram(ctx context.Context, c serveConfig, tg *telegram.Adapter, started func()) error {
	if c.webhookURL == "" {
		started()
		return tg.Poll(ctx)
	}
	if err := tg.SetWebhook(); err != nil {
		return err
	}
	started()
	<-ctx.Done()
	drainCtx, cancel := context.WithTimeout(context.Background(), c.drain)
	defer cancel()
	return tg.Shutdown(drainCtx)
}

// engineRegion is the region new users start in, for the start-up log.
func engineRegion(cs *contentSource) string {
	if cs.Region != "" {
		return cs.Region
	}
	return cs.Pack.RootRegion()
}

// startHTTP serves the Telegram webhook (at the path of its URL), the
// Discord interactions endpoint (discord.InteractionsPath), /healthz (the
// process runs) and /readyz (see readiness) on c.listen; without an
// address it serves nothing.
func startHTTP(c serveConfig, a *telegram.Adapter, dc *discord.Adapter, db *store.DB, health func() error, ready *atomic.Bool, logger *slog.Logger) (*http.Server, error) {
	if c.listen == "" {
		return nil, nil
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	var ping func(context.Context) error
	if db != nil {
		ping = db.Ping
	}
	mux.Handle("GET /readyz", readiness(ready, ping, health))
	if c.webhookURL != "" {
		u, err := url.Parse(c.webhookURL)
		if err != nil {
			return nil, fmt.Errorf("TELEGRAM_WEBHOOK_URL: %w", err)
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		mux.Handle(path, a.WebhookHandler())
	}
	if dc != nil && dc.HTTPMode() {
		mux.Handle(discord.InteractionsPath, dc.InteractionsHandler())
	}
	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", c.listen, err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("compass serve: HTTP server failed", "error", err)
		}
	}()
	logger.Info("compass serve: listening", "addr", ln.Addr().String())
	return srv, nil
}

// readiness answers /readyz: 503 until the bot takes updates and from the
// first moment of its shutdown; then 200 "ready", or 200 "degraded" while
// the database does not answer a ping or the session store did not answer
// the last call made while answering (health, in time). Neither makes the
// bot unready: it keeps answering from the content it loaded last, without
// remembering choices, and taking every replica out of the load balancer
// would leave nobody answering at all.
func readiness(ready *atomic.Bool, ping func(context.Context) error, health func() error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		if ping != nil {
			ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
			defer cancel()
			if err := ping(ctx); err != nil {
				fmt.Fprintln(w, "degraded: database unreachable; answering from the content loaded last")
				return
			}
		}
		if health != nil && health() != nil {
			fmt.Fprintln(w, "degraded: the session store did not answer in time; answering without remembered choices")
			return
		}
		fmt.Fprintln(w, "ready")
	})
}

func stopHTTP(srv *http.Server) {
	if srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}
