package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

const testSecret = "s3cret_-token"

func webhookAdapter(t *testing.T, srv *telegramtest.Server, rec *recorder) (*Adapter, *httptest.Server) {
	t.Helper()
	cfg := testConfig(srv, rec)
	cfg.WebhookSecret = testSecret
	cfg.WebhookURL = "https://compass.example.org/telegram"
	cfg.MaxBodyBytes = 64 << 10
	a := newAdapter(t, cfg)
	hook := httptest.NewServer(a.WebhookHandler())
	t.Cleanup(hook.Close)
	return a, hook
}

func post(t *testing.T, url, secret string, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(SecretHeader, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func update(t *testing.T, id int, u map[string]any) []byte {
	t.Helper()
	u["update_id"] = id
	b, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestWebhook_RefusesWhatTelegramWouldNotSend(t *testing.T) {
	srv := newFake(t)
	rec := &recorder{}
	a, hook := webhookAdapter(t, srv, rec)
	valid := update(t, 10, telegramtest.TextUpdate(1, 1, "en", "hi"))
	huge := update(t, 11, telegramtest.TextUpdate(1, 1, "en", strings.Repeat("x", 70<<10)))
	tests := []struct {
		name   string
		method string
		secret string
		body   []byte
		want   int
	}{
		{"no secret", http.MethodPost, "", valid, http.StatusUnauthorized},
		{"forged secret", http.MethodPost, "s3cret_-tokem", valid, http.StatusUnauthorized},
		{"secret prefix", http.MethodPost, "s3cret", valid, http.StatusUnauthorized},
		{"GET", http.MethodGet, testSecret, nil, http.StatusMethodNotAllowed},
		{"oversize body", http.MethodPost, testSecret, huge, http.StatusRequestEntityTooLarge},
		{"not JSON", http.MethodPost, testSecret, []byte("{not json"), http.StatusBadRequest},
		{"JSON but no update", http.MethodPost, testSecret, []byte(`{"hello":1}`), http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, hook.URL, bytes.NewReader(tt.body))
			if tt.secret != "" {
				req.Header.Set(SecretHeader, tt.secret)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = a.Shutdown(ctx)
	if n := len(rec.messages()); n != 0 {
		t.Errorf("engine was asked %d times by refused requests", n)
	}
	if st := a.Stats(); st.WebhookRefused != int64(len(tests)) {
		t.Errorf("WebhookRefused = %d, want %d", st.WebhookRefused, len(tests))
	}
}

func TestWebhook_AnswersEachUpdateOnceInChatOrder(t *testing.T) {
	srv := newFake(t)
	rec := &recorder{delay: time.Millisecond}
	a, hook := webhookAdapter(t, srv, rec)
	for i := 1; i <= 20; i++ {
		body := update(t, i, telegramtest.TextUpdate(int64(i%3+1), int64(i%3+1), "uk", "m"+strings.Repeat("!", i)))
		if got := post(t, hook.URL, testSecret, body); got != http.StatusOK {
			t.Fatalf("update %d: status %d", i, got)
		}
		if i%5 == 0 { // Telegram retries when it missed our answer
			if got := post(t, hook.URL, testSecret, body); got != http.StatusOK {
				t.Fatalf("redelivered update %d: status %d", i, got)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count("sendMessage"); n != 20 {
		t.Errorf("sent %d replies, want 20 (one per distinct update)", n)
	}
	last := map[int64]int{}
	for _, r := range srv.Calls("sendMessage") {
		n := strings.Count(r.Text(), "!")
		if n <= last[r.ChatID] {
			t.Errorf("chat %d: reply to message %d after message %d", r.ChatID, n, last[r.ChatID])
		}
		last[r.ChatID] = n
	}
	if st := a.Stats(); st.Duplicates != 4 {
		t.Errorf("Duplicates = %d, want 4", st.Duplicates)
	}
}

func TestWebhook_FullPoolAsksTelegramToRetry(t *testing.T) {
	srv := newFake(t)
	gate := make(chan struct{})
	rec := &recorder{}
	rec.reply = func(bot.Message) ([]bot.Reply, error) { <-gate; return nil, nil }
	cfg := testConfig(srv, rec)
	cfg.WebhookSecret = testSecret
	cfg.MaxQueued = 2
	a := newAdapter(t, cfg)
	h := a.WebhookHandler()
	status := func(id int) int {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(update(t, id, telegramtest.TextUpdate(int64(id), int64(id), "en", "x"))))
		req.Header.Set(SecretHeader, testSecret)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	first := make(chan int, 2)
	go func() { first <- status(1) }()
	go func() { first <- status(2) }()
	waitFor(t, "two updates taken", 5*time.Second, func() bool { return a.dispatch.Len() == 2 })
	if got := status(3); got != http.StatusServiceUnavailable {
		t.Errorf("third update with a full pool: status %d, want 503", got)
	}
	close(gate)
	if a, b := <-first, <-first; a != 200 || b != 200 {
		t.Fatalf("the first two updates, once handled: %d %d, want 200", a, b)
	}
	waitFor(t, "pool drained", 5*time.Second, func() bool { return a.dispatch.Len() == 0 })
	if got := status(3); got != http.StatusOK {
		t.Errorf("redelivered third update: status %d, want 200 (it was not taken the first time)", got)
	}
	_ = a.Shutdown(context.Background())
}

func TestSetWebhook_RegistersURLAndSecret(t *testing.T) {
	srv := newFake(t)
	a, _ := webhookAdapter(t, srv, &recorder{})
	if err := a.SetWebhook(); err != nil {
		t.Fatal(err)
	}
	url, secret := srv.Webhook()
	if url != "https://compass.example.org/telegram" || secret != testSecret {
		t.Errorf("webhook set to %q with secret %q", url, secret)
	}
	calls := srv.Calls("setWebhook")
	if got := calls[0].Form.Get("allowed_updates"); got != allowedUpdates {
		t.Errorf("allowed_updates = %s", got)
	}
	for _, bad := range []string{"", "has space", strings.Repeat("x", 257), "ümlaut"} {
		cfg := a.cfg
		cfg.WebhookSecret = bad
		b := &Adapter{cfg: cfg, api: a.api, log: a.log}
		if err := b.SetWebhook(); err == nil {
			t.Errorf("SetWebhook accepted secret %q", bad)
		}
	}
}

// TestWebhook_AcknowledgedMeansAnswered: 200 only after the answer was
// sent. Updates refused with 503 (shutdown under way, not finished when the
// drain ran out) are not counted as updates and are handled when Telegram
// delivers them again; a redelivery of an update in flight waits for it
// and is not handled twice. It used to answer 200 on arrival and lose what
// the drain did not finish (3 of 8 with a 2 s drain in the probe).
func TestWebhook_AcknowledgedMeansAnswered(t *testing.T) {
	srv := newFake(t)
	gate := make(chan struct{})
	cfg := testConfig(srv, &recorder{})
	cfg.Handler = gatedHandler{gate}
	cfg.WebhookSecret = testSecret
	a := newAdapter(t, cfg)
	h := httptest.NewServer(a.WebhookHandler())
	defer h.Close()
	body := func(id int, chat int64, text string) []byte {
		return update(t, id, telegramtest.TextUpdate(chat, chat, "en", text))
	}

	if got := post(t, h.URL, testSecret, body(1, 1, "fast")); got != http.StatusOK || srv.Count("sendMessage") != 1 {
		t.Fatalf("fast update: status %d with %d answers sent; want 200 after the answer", got, srv.Count("sendMessage"))
	}
	slow := make(chan int, 2)
	go func() { slow <- post(t, h.URL, testSecret, body(2, 2, "slow")) }()
	waitFor(t, "the slow update taken", 5*time.Second, func() bool { return a.dispatch.Len() == 1 })
	go func() { slow <- post(t, h.URL, testSecret, body(2, 2, "slow")) }() // Telegram retries
	time.Sleep(50 * time.Millisecond)
	select {
	case got := <-slow:
		t.Fatalf("status %d before the slow update was answered", got)
	default:
	}

	// Shutdown begins: new updates are refused, the one in flight is cut
	// off when the drain runs out; both requests for it get 503.
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- a.Shutdown(ctx) }()
	waitFor(t, "shutdown begun", 5*time.Second, func() bool { return a.stopping.Load() })
	if got := post(t, h.URL, testSecret, body(3, 3, "late")); got != http.StatusServiceUnavailable {
		t.Errorf("update during the shutdown: %d, want 503", got)
	}
	if a, b := <-slow, <-slow; a != http.StatusServiceUnavailable || b != http.StatusServiceUnavailable {
		t.Errorf("the update the drain did not finish: %d and %d, want 503 (not acknowledged)", a, b)
	}
	close(gate)
	<-stopped
	st := a.Stats()
	if st.Updates != 2 || st.Duplicates != 1 {
		t.Errorf("Updates %d, Duplicates %d; want 2 taken (fast, slow), 1 redelivery, none for the refused one", st.Updates, st.Duplicates)
	}

	// The next instance gets the updates Telegram delivers again.
	b := newAdapter(t, cfg)
	h2 := httptest.NewServer(b.WebhookHandler())
	defer h2.Close()
	for _, u := range [][]byte{body(2, 2, "slow"), body(3, 3, "late")} {
		if got := post(t, h2.URL, testSecret, u); got != http.StatusOK {
			t.Errorf("redelivered update: %d", got)
		}
	}
	var texts []string
	for _, c := range srv.Calls("sendMessage") {
		texts = append(texts, c.Text())
	}
	if strings.Join(texts, "|") != "answer to fast|answer to slow|answer to late" {
		t.Errorf("answers sent: %q, want each update answered once", texts)
	}
	_ = b.Shutdown(context.Background())
}

// gatedHandler answers "answer to <text>"; "slow" waits for the gate (or
// for its context to end, as the engine does when a drain runs out).
type gatedHandler struct{ gate chan struct{} }

func (g gatedHandler) Handle(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	if m.Text == "slow" {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return []bot.Reply{{Text: "answer to " + m.Text}}, nil
}
