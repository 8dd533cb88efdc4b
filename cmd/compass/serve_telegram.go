package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/bot/telegram"
	"github.com/compassbot/compass/metrics"
	"github.com/compassbot/compass/store"
)

// telegramBot is serve's Telegram: the adapter in use and how to make
// another. An adapter serves one run; after a polling failover the
// replica makes a new one. The adapters count into the same counters, so
// the statistics and metrics go on across them.
type telegramBot struct {
	cfg      telegram.Config
	engine   *bot.Engine
	counters relay.Counters

	mu  sync.Mutex
	cur *telegram.Adapter
}

// newTelegramBot makes the first adapter (which checks the token) and
// connects it to the engine. With a database, the adapter shares the
// update log of the replicas (store.DB.Updates).
func newTelegramBot(ctx context.Context, c serveConfig, engine *bot.Engine, db *store.DB, m *metrics.Metrics, logger *slog.Logger) (*telegramBot, error) {
	b := &telegramBot{engine: engine}
	b.cfg = telegram.Config{
		Token: c.token, APIURL: c.apiURL, Handler: engine, Logger: logger,
		Workers: c.workers, DrainTimeout: c.drain,
		WebhookURL: c.webhookURL, WebhookSecret: c.webhookSecret,
		OnBlocked:     func(at bot.Address) { engine.Blocked(ctx, at) },
		OnLimiterWait: m.LimiterWait(telegram.Channel),
		Counters:      &b.counters,
	}
	if db != nil {
		b.cfg.Updates = db.Updates("telegram:"+botID(c.token), replicaName())
	}
	if _, err := b.renew(); err != nil {
		return nil, err
	}
	m.Adapter(telegram.Channel, b.counters.Snapshot)
	return b, nil
}

// renew makes a new adapter and connects it to the engine in place of the
// last one.
func (b *telegramBot) renew() (*telegram.Adapter, error) {
	tg, err := telegram.New(b.cfg)
	if err != nil {
		return nil, err
	}
	b.engine.Connect(telegram.Channel, tg, telegram.Capabilities)
	b.mu.Lock()
	b.cur = tg
	b.mu.Unlock()
	return tg, nil
}

// adapter is the adapter in use.
func (b *telegramBot) adapter() *telegram.Adapter {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cur
}

// Stats are the counts of every adapter of this process.
func (b *telegramBot) Stats() relay.Stats { return b.counters.Snapshot() }

// botID is the bot's numeric id, the part of its token before the colon:
// update ids are per bot.
func botID(token string) string {
	id, _, _ := strings.Cut(token, ":")
	return id
}

// replicaName names this process in the update log: host and process id.
func replicaName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%d", host, os.Getpid(), time.Now().UnixNano()%1e6)
}

// leaderCheck is how often a polling replica checks that it still holds
// the polling lock, and how often a standby tries to take it: a standby
// takes over within about this long after the leader died.
const leaderCheck = time.Second

// pollAsLeader polls Telegram while this replica holds the bot's polling
// lock (whileLocked): of several replicas on one database exactly one
// polls (Telegram allows one getUpdates at a time), and a standby takes
// over within about leaderCheck after it died. Updates the old leader
// answered but had not yet confirmed come again and are not answered
// twice (the update log); those it had not answered are answered by the
// new leader. A leader whose database connection breaks stops polling,
// makes a new adapter (so that volunteers' replies still go out) and
// stands by. It returns when ctx ends, or with Poll's error (a refused
// token).
func pollAsLeader(ctx context.Context, db *store.DB, b *telegramBot, logger *slog.Logger) error {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var failed error
	key := store.LockKey("telegram-poll:" + botID(b.cfg.Token))
	whileLocked(ctx, db, key, "polls Telegram", logger, func(held context.Context) error {
		if err := b.adapter().Poll(held); err != nil {
			failed = err
			stop()
			return err
		}
		for ctx.Err() == nil { // the lock was lost: replace the spent adapter
			_, err := b.renew()
			if err == nil {
				break
			}
			logger.Warn("compass serve: making a new Telegram adapter failed", "err", err)
			relay.Sleep(ctx, leaderCheck)
		}
		return nil
	})
	return failed
}
