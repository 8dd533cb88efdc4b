package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
)

// Several adapters export their statistics side by side, a failing ticket
// count leaves only its own metric out, and what the engine reports
// becomes counters and histograms.
func TestMetrics_Exposition(t *testing.T) {
	m := New()
	m.Adapter("telegram", func() relay.Stats { return relay.Stats{Updates: 3, Sent: 2, RateLimited: 1, Shed: 4} })
	m.Adapter("discord", func() relay.Stats { return relay.Stats{Updates: 5} })
	m.Tickets(func(context.Context) (map[content.TicketState]int, error) { return nil, errors.New("database down") })
	m.Handled("telegram", bot.OutcomeEmergency, 3*time.Millisecond)
	m.Matched(time.Millisecond)
	m.LimiterWait("telegram")(2*time.Second, true)
	m.ContentLoaded(7, nil)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	text := string(body)
	for _, want := range []string{
		`compass_updates_received_total{channel="telegram"} 3`,
		`compass_updates_received_total{channel="discord"} 5`,
		`compass_sends_total{channel="telegram",class="429"} 1`,
		`compass_sends_total{channel="telegram",class="ok"} 2`,
		`compass_flood_shed_total{channel="telegram"} 4`,
		`compass_messages_total{channel="telegram",outcome="emergency"} 1`,
		`compass_send_limiter_wait_seconds_count{channel="telegram",priority="urgent"} 1`,
		`compass_content_version 7`,
		"# TYPE compass_handle_seconds histogram",
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if rec.Code != 200 || strings.Contains(text, "compass_tickets{") {
		t.Errorf("status %d; a failed ticket count should leave compass_tickets out and the rest served", rec.Code)
	}
}
