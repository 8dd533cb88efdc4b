package main

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/content/packfile"
	"github.com/compassbot/compass/store/storetest"
)

// smallPack is the engine tests' pack: a few intents, built in
// milliseconds. Tests that need no real content use it.
const smallPack = "../../bot/testdata/pack"

// smallPackDatabase is a migrated test database holding the small pack.
func smallPackDatabase(t *testing.T) string {
	t.Helper()
	url := storetest.NewDatabase(t)
	ctx := context.Background()
	db, err := openMigratedStore(ctx, url, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := packfile.LoadDir(smallPack)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, p); err != nil {
		t.Fatal(err)
	}
	return url
}

// scrape reads /metrics at addr.
func scrape(t *testing.T, addr string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %s", resp.Status)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics is not in Prometheus's text format: %v", err)
	}
	return families
}

// sumOf adds the values of a counter or gauge family whose labels match.
func sumOf(f *dto.MetricFamily, labels map[string]string) float64 {
	if f == nil {
		return 0
	}
	total := 0.0
next:
	for _, m := range f.GetMetric() {
		for _, l := range m.GetLabel() {
			if want, ok := labels[l.GetName()]; ok && want != l.GetValue() {
				continue next
			}
		}
		total += m.GetCounter().GetValue() + m.GetGauge().GetValue() + float64(m.GetHistogram().GetSampleCount())
	}
	return total
}

// TestServe_Metrics scrapes /metrics of a serve that answered people on
// Telegram: every metric has its name, type and meaning, the counts follow
// what happened, and no label value comes from a message (no user or chat
// id, no text): labels have small fixed sets of values.
func TestServe_Metrics(t *testing.T) {
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	addr := freeAddr(t)
	stop := startServe(t, map[string]string{
		"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "COMPASS_LISTEN": addr,
		"DATABASE_URL": smallPackDatabase(t), "COMPASS_INBOX": "terminal",
	})
	waitUntil(t, "ready", func() bool { code, _ := readyz(addr); return code == http.StatusOK })
	texts := []string{"register QXZmarker", "my husband hits me QXZmarker", "/start", "QXZmarker plugh"}
	last := 0
	for i, text := range texts {
		id := int64(730001 + i)
		last = fake.AddUpdate(telegramtest.TextUpdate(id, id, "en", text))
	}
	waitUntil(t, "all answered", func() bool { return fake.Confirmed() > last })

	families := scrape(t, addr)
	want := map[string]dto.MetricType{
		"compass_messages_total":             dto.MetricType_COUNTER,
		"compass_handle_seconds":             dto.MetricType_HISTOGRAM,
		"compass_match_seconds":              dto.MetricType_HISTOGRAM,
		"compass_sends_total":                dto.MetricType_COUNTER,
		"compass_flood_shed_total":           dto.MetricType_COUNTER,
		"compass_send_limiter_wait_seconds":  dto.MetricType_HISTOGRAM,
		"compass_tickets":                    dto.MetricType_GAUGE,
		"compass_content_version":            dto.MetricType_GAUGE,
		"compass_content_reload_age_seconds": dto.MetricType_GAUGE,
		"compass_session_store_errors_total": dto.MetricType_COUNTER,
		"compass_updates_received_total":     dto.MetricType_COUNTER,
		"compass_updates_total":              dto.MetricType_COUNTER,
		"go_goroutines":                      dto.MetricType_GAUGE,
		"process_resident_memory_bytes":      dto.MetricType_GAUGE,
	}
	for name, typ := range want {
		f := families[name]
		if f == nil {
			t.Errorf("/metrics has no %s", name)
			continue
		}
		if f.GetType() != typ {
			t.Errorf("%s is a %v, want a %v", name, f.GetType(), typ)
		}
		if f.GetHelp() == "" {
			t.Errorf("%s has no help", name)
		}
	}
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"compass_messages_total", map[string]string{"channel": "telegram", "outcome": "emergency"}, 1},
		{"compass_messages_total", map[string]string{"channel": "telegram", "outcome": "command"}, 1},
		{"compass_messages_total", map[string]string{"channel": "telegram"}, 4},
		{"compass_sends_total", map[string]string{"channel": "telegram", "class": "ok"}, float64(fake.Count("sendMessage"))},
		{"compass_tickets", map[string]string{"state": "open"}, 0},
		{"compass_updates_received_total", map[string]string{"channel": "telegram"}, 4},
	}
	for _, c := range checks {
		if got := sumOf(families[c.name], c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	if v := sumOf(families["compass_content_version"], nil); v < 1 {
		t.Errorf("compass_content_version = %v, want the database's content version", v)
	}
	allowed := map[string]bool{"channel": true, "outcome": true, "class": true, "result": true, "state": true, "priority": true,
		"le": true, "quantile": true, "version": true}
	for name, f := range families {
		if !strings.HasPrefix(name, "compass_") {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if !allowed[l.GetName()] {
					t.Errorf("%s has a label %q outside the fixed set", name, l.GetName())
				}
				v := l.GetValue()
				if strings.Contains(v, "QXZ") || strings.Contains(v, "7300") || len(v) > 16 {
					t.Errorf("%s{%s=%q}: a label value from a message", name, l.GetName(), v)
				}
				if _, err := strconv.ParseFloat(v, 64); err == nil && l.GetName() != "le" && l.GetName() != "class" {
					t.Errorf("%s{%s=%q}: a number as a label value (an id?)", name, l.GetName(), v)
				}
			}
		}
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
}
