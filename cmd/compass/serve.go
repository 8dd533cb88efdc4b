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
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/metrics"
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
too, content edits are picked up live, and replicas share the work.

`

// serveConfig is what serve is told by flags and environment.
type serveConfig struct {
	token, apiURL, webhookURL, webhookSecret, listen string
	workers                                          int
	drain                                            time.Duration
	discord                                          discordConfig
	handoff                                          handoffConfig
	retention                                        store.Retention
}

func runServe(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	var c serveConfig
	for envVar, dst := range map[string]*string{"TELEGRAM_TOKEN": &c.token, "TELEGRAM_API_URL": &c.apiURL,
		"TELEGRAM_WEBHOOK_URL": &c.webhookURL, "TELEGRAM_WEBHOOK_SECRET": &c.webhookSecret, "COMPASS_LISTEN": &c.listen} {
		stringFlag(fs, env, envVar, dst)
	}
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, serveUsage)
		fmt.Fprintln(env.Stderr, "Configuration (environment variables; a flag given on the command line wins):")
		printSettings(env.Stderr, "serve")
		fmt.Fprintln(env.Stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	err := errors.Join(intFlag(fs, env, "COMPASS_WORKERS", &c.workers), durationFlag(fs, env, "COMPASS_DRAIN", &c.drain))
	if err == nil {
		err = c.fromEnv(env)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass serve: %v\n", err)
		return 2
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	c.defaults()
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

// fromEnv reads the settings serve has no flags for.
func (c *serveConfig) fromEnv(env *Env) error {
	c.discord.fromEnv(env)
	var err error
	c.retention, err = retentionFromEnv(env)
	c.handoff.retention = c.retention.Tickets
	return errors.Join(err, c.handoff.fromEnv(env))
}

// defaults fills what depends on other settings: a webhook or Discord's
// HTTP interactions need a listener.
func (c *serveConfig) defaults() {
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
	m := metrics.New()
	cfg := bot.Config{Sessions: cs.sessions(), Tickets: tickets, Logger: logger, Observer: m}
	if cs.DB != nil {
		cfg.Gaps = cs.DB // unanswered questions, for compass gaps
		m.Tickets(cs.DB.CountTickets)
	} else if tickets != nil {
		m.Tickets(countTickets(tickets))
	}
	engine, err := cs.engine(cfg)
	if err != nil {
		return err
	}
	m.ContentLoaded(cs.version(), nil)
	go cs.keepFresh(ctx, engine, logger, m.ContentLoaded)
	if cs.DB != nil {
		go keepRetention(ctx, cs.DB, c.retention, logger)
	}
	var tg *telegramBot
	if c.token != "" {
		if tg, err = newTelegramBot(ctx, c, engine, cs.DB, m, logger); err != nil {
			return err
		}
		logger.Info("compass serve: Telegram started", "bot", tg.adapter().Username(), "webhook", c.webhookURL != "")
		defer func() { logger.Info("compass serve: Telegram stopped", "stats", fmt.Sprintf("%+v", tg.Stats())) }()
	}
	dc, err := newDiscord(ctx, c, engine, cs.DB, logger)
	if err != nil {
		return err
	}
	if dc != nil {
		m.Adapter(discord.Channel, dc.Stats)
		defer func() { logger.Info("compass serve: Discord stopped", "stats", fmt.Sprintf("%+v", dc.Stats())) }()
	}
	logger.Info("compass serve: started", "content", cs.Origin, "region", engineRegion(cs))
	handoffCtx, stopHandoff := context.WithCancel(ctx)
	waitHandoff := c.handoff.start(handoffCtx, engine, logger) // volunteers' replies, ticket jobs
	defer func() { stopHandoff(); waitHandoff() }()

	var ready atomic.Bool
	var webhook http.Handler
	if tg != nil && c.webhookURL != "" {
		webhook = tg.adapter().WebhookHandler()
	}
	srv, err := startHTTP(c, webhook, dc, cs.DB, engine.Health, &ready, m.Handler(), logger)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var running []func(context.Context, func()) error
	if tg != nil {
		running = append(running, func(ctx context.Context, started func()) error {
			return runTelegram(ctx, c, tg, cs.DB, started, logger)
		})
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

// runTelegram takes Telegram updates until ctx ends: by long polling (with
// a database, only while this replica leads: pollAsLeader), or by the
// webhook (set here), then drains.
func runTelegram(ctx context.Context, c serveConfig, b *telegramBot, db *store.DB, started func(), logger *slog.Logger) error {
	tg := b.adapter()
	if c.webhookURL == "" {
		started() // a standby is ready too: it delivers volunteers' replies and serves /metrics
		if db != nil {
			return pollAsLeader(ctx, db, b, logger)
		}
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
// process runs), /readyz (see readiness) and /metrics (Prometheus) on
// c.listen; without an address it serves nothing.
func startHTTP(c serveConfig, webhook http.Handler, dc *discord.Adapter, db *store.DB, health func() error, ready *atomic.Bool, metrics http.Handler, logger *slog.Logger) (*http.Server, error) {
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
	mux.Handle("GET /metrics", metrics)
	if c.webhookURL != "" {
		u, err := url.Parse(c.webhookURL)
		if err != nil {
			return nil, fmt.Errorf("TELEGRAM_WEBHOOK_URL: %w", err)
		}
		path := u.Path
		if path == "" {
			path = "/"
		}
		mux.Handle(path, webhook)
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

// countTickets counts the tickets of a store without a database (in
// memory: few, and gone at exit), for metrics.
func countTickets(ts content.TicketStore) func(context.Context) (map[content.TicketState]int, error) {
	return func(ctx context.Context) (map[content.TicketState]int, error) {
		all, err := ts.List(ctx, content.TicketStates...)
		if err != nil {
			return nil, err
		}
		counts := map[content.TicketState]int{}
		for _, t := range all {
			counts[t.State]++
		}
		return counts, nil
	}
}
