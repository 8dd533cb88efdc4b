// Package metrics exports what compass does to Prometheus, at /metrics of
// compass serve. It is the only package that imports the Prometheus
// client: the engine (bot.Observer) and the adapters (relay.Stats, a
// limiter-wait callback) report plain numbers, and this package turns them
// into metrics named compass_*. Labels come from small fixed sets only
// (channel, outcome, send class, ticket state, priority): never a user or
// chat id, and never text from a message. docs/operations.md lists every
// metric.
package metrics

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
)

// Metrics holds compass's metrics in a registry of its own.
type Metrics struct {
	reg *prometheus.Registry

	messages      *prometheus.CounterVec
	handleSeconds *prometheus.HistogramVec
	matchSeconds  prometheus.Histogram
	storeErrors   prometheus.Counter
	gapsDropped   prometheus.Counter
	givenUp       prometheus.Counter
	limiterWait   *prometheus.HistogramVec
	reloads       *prometheus.CounterVec
	adapters      *adapterCollector

	mu       sync.Mutex
	version  float64
	reloaded time.Time
	now      func() time.Time
}

// latencyBuckets are seconds from 1 ms to 10 s: answers take milliseconds,
// a database at its deadline 0.4 s, a burst behind the send limit seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// waitBuckets are seconds a message waits for the platform's limits: none
// mostly, up to a minute in a burst of a thousand people.
var waitBuckets = []float64{0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 40, 60}

// New returns the metrics with the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry(), now: time.Now, adapters: &adapterCollector{}}
	m.messages = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "compass_messages_total", Help: "Messages handled, by channel and outcome (answer, not_sure, emergency, command, button, location, …).",
	}, []string{"channel", "outcome"})
	m.handleSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "compass_handle_seconds", Help: "Time the engine took to answer one message (sending not included).", Buckets: latencyBuckets,
	}, []string{"channel"})
	m.matchSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "compass_match_seconds", Help: "Time the matcher took to understand one question.", Buckets: latencyBuckets,
	})
	m.storeErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "compass_session_store_errors_total", Help: "Session and ticket store calls on the answer path that failed or passed their deadline.",
	})
	m.gapsDropped = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "compass_gaps_dropped_total", Help: "Unanswered questions that could not be kept for compass gaps.",
	})
	m.givenUp = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "compass_outbox_given_up_total", Help: "Replies to people (volunteers' replies, notices) the outbox gave up: the person does not get them.",
	})
	m.limiterWait = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "compass_send_limiter_wait_seconds", Help: "Time a message waited for the platform's rate limits before it was sent, by priority (urgent: emergency numbers).", Buckets: waitBuckets,
	}, []string{"channel", "priority"})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "compass_content_reloads_total", Help: "Content loads and reloads, by result (ok, failed).",
	}, []string{"result"})
	m.reg.MustRegister(m.adapters, m.messages, m.handleSeconds, m.matchSeconds, m.storeErrors, m.gapsDropped, m.givenUp, m.limiterWait, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "compass_content_version", Help: "Version of the content in use (the database's content version; 0 for a pack from files).",
		}, func() float64 { m.mu.Lock(); defer m.mu.Unlock(); return m.version }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "compass_content_reload_age_seconds", Help: "Seconds since the content in use was loaded.",
		}, m.reloadAge),
	)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	// A collector that fails (the ticket count without a database) leaves
	// its metric out; the rest is served.
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg, ErrorHandling: promhttp.ContinueOnError})
}

// Handled implements bot.Observer.
func (m *Metrics) Handled(channel string, outcome bot.Outcome, took time.Duration) {
	m.messages.WithLabelValues(channel, string(outcome)).Inc()
	m.handleSeconds.WithLabelValues(channel).Observe(took.Seconds())
}

// Matched implements bot.Observer.
func (m *Metrics) Matched(took time.Duration) { m.matchSeconds.Observe(took.Seconds()) }

// StoreFailed implements bot.Observer.
func (m *Metrics) StoreFailed() { m.storeErrors.Inc() }

// GapDropped implements bot.Observer.
func (m *Metrics) GapDropped() { m.gapsDropped.Inc() }

// DeliveryGivenUp implements bot.Observer.
func (m *Metrics) DeliveryGivenUp() { m.givenUp.Inc() }

var _ bot.Observer = (*Metrics)(nil)

// LimiterWait returns the function an adapter of channel calls with each
// message's wait for the rate limits (telegram.Config.OnLimiterWait).
func (m *Metrics) LimiterWait(channel string) func(wait time.Duration, urgent bool) {
	ordinary, urgent := m.limiterWait.WithLabelValues(channel, "ordinary"), m.limiterWait.WithLabelValues(channel, "urgent")
	return func(wait time.Duration, isUrgent bool) {
		if isUrgent {
			urgent.Observe(wait.Seconds())
			return
		}
		ordinary.Observe(wait.Seconds())
	}
}

// ContentLoaded records that content of version (0 without a database)
// is in use since now, or that loading it failed.
func (m *Metrics) ContentLoaded(version int64, err error) {
	if err != nil {
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.version, m.reloaded = float64(max(version, 0)), m.now()
}

func (m *Metrics) reloadAge() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reloaded.IsZero() {
		return 0
	}
	return m.now().Sub(m.reloaded).Seconds()
}

// Adapter exports an adapter's statistics (relay.Stats, read at every
// scrape) under its channel's name.
func (m *Metrics) Adapter(channel string, stats func() relay.Stats) {
	m.adapters.add(channel, stats)
}

// Tickets exports the number of tickets in each state, counted at every
// scrape (with a deadline of 2 s; on an error the scrape has none).
func (m *Metrics) Tickets(count func(context.Context) (map[content.TicketState]int, error)) {
	m.reg.MustRegister(&ticketCollector{count: count})
}
