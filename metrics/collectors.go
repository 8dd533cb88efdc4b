package metrics

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
)

var (
	updatesReceived = prometheus.NewDesc("compass_updates_received_total",
		"Updates or events an adapter received (refused webhook requests not included).", []string{"channel"}, nil)
	updatesResult = prometheus.NewDesc("compass_updates_total",
		"Updates by what became of them: handled, ignored, malformed, duplicate, handler_error, unfinished (cut off by shutdown, delivered again).", []string{"channel", "result"}, nil)
	floodShed = prometheus.NewDesc("compass_flood_shed_total",
		"Updates dropped because one person sent more than the bot takes at once (flood).", []string{"channel"}, nil)
	floodNotices = prometheus.NewDesc("compass_flood_notices_total",
		"Notices sent to flooding people (one per flood episode).", []string{"channel"}, nil)
	sends = prometheus.NewDesc("compass_sends_total",
		"Platform calls by outcome class: ok, 429 (rate limited), 403 (blocked or gone), 5xx (and network errors), 400 (other refusals), migrated.", []string{"channel", "class"}, nil)
	sendRetries = prometheus.NewDesc("compass_send_retries_total",
		"Platform calls repeated after 429, 5xx or a migration.", []string{"channel"}, nil)
	sendsDropped = prometheus.NewDesc("compass_sends_dropped_total",
		"Messages given up on (blocked chat, refused, retries exhausted).", []string{"channel"}, nil)
	outbound = prometheus.NewDesc("compass_outbound_total",
		"Messages sent outside an answer: volunteers' replies, notices.", []string{"channel"}, nil)
	webhookRefused = prometheus.NewDesc("compass_webhook_refused_total",
		"Webhook requests refused (bad secret or signature, method, size, JSON; busy or shutting down: 503).", []string{"channel"}, nil)
	tickets = prometheus.NewDesc("compass_tickets",
		"Requests for a person by state (draft, open, claimed, answered, closed).", []string{"state"}, nil)
)

// adapterCollector reads the adapters' relay.Stats at every scrape.
type adapterCollector struct {
	mu       sync.Mutex
	channels []string
	stats    []func() relay.Stats
}

func (c *adapterCollector) add(channel string, stats func() relay.Stats) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.channels = append(c.channels, channel)
	c.stats = append(c.stats, stats)
}

func (c *adapterCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{updatesReceived, updatesResult, floodShed, floodNotices, sends, sendRetries, sendsDropped, outbound, webhookRefused} {
		ch <- d
	}
}

func (c *adapterCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	channels, stats := slices.Clone(c.channels), slices.Clone(c.stats)
	c.mu.Unlock()
	for i, channel := range channels {
		collectAdapter(ch, channel, stats[i]())
	}
}

func collectAdapter(ch chan<- prometheus.Metric, channel string, s relay.Stats) {
	counter := func(d *prometheus.Desc, v int64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), append([]string{channel}, labels...)...)
	}
	counter(updatesReceived, s.Updates)
	for result, v := range map[string]int64{"handled": s.Handled, "ignored": s.Ignored, "malformed": s.Malformed,
		"duplicate": s.Duplicates, "handler_error": s.HandlerErrors, "unfinished": s.Unfinished} {
		counter(updatesResult, v, result)
	}
	counter(floodShed, s.Shed)
	counter(floodNotices, s.FloodNotices)
	for class, v := range map[string]int64{"ok": s.Sent, "429": s.RateLimited, "403": s.Blocked, "5xx": s.Transient,
		"400": s.Permanent, "migrated": s.Migrated} {
		counter(sends, v, class)
	}
	counter(sendRetries, s.Retries)
	counter(sendsDropped, s.Dropped)
	counter(outbound, s.Outbound)
	counter(webhookRefused, s.WebhookRefused)
}

// ticketCollector counts tickets at every scrape.
type ticketCollector struct {
	count func(context.Context) (map[content.TicketState]int, error)
}

func (c *ticketCollector) Describe(ch chan<- *prometheus.Desc) { ch <- tickets }

func (c *ticketCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.count(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(tickets, err)
		return
	}
	for _, s := range content.TicketStates { // every state, also those with none
		ch <- prometheus.MustNewConstMetric(tickets, prometheus.GaugeValue, float64(counts[s]), string(s))
	}
}
