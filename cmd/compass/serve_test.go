package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store/storetest"
)

const serveToken = "4242:serve-test"

// lockedBuffer is a bytes.Buffer safe for the logger's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `compass serve` in-process with env until the returned
// stop function is called; stop returns the exit status and stderr.
func startServe(t *testing.T, env map[string]string, args ...string) (stop func() (int, string)) {
	t.Helper()
	stop, _ = startServeLogged(t, env, args...)
	return stop
}

// startServeLogged is startServe that also returns what serve logged so far.
func startServeLogged(t *testing.T, env map[string]string, args ...string) (stop func() (int, string), logged func() string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedBuffer{}
	e := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: stderr, Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, e, append([]string{"serve"}, args...)) }()
	var once sync.Once
	var code int
	stop = func() (int, string) {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop within 30s of SIGTERM")
			}
		})
		return code, stderr.String()
	}
	t.Cleanup(func() { stop() })
	return stop, stderr.String
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second) // generous: a start builds the matcher, slow on a loaded machine
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestServe_Misconfigured(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"no token", nil, "TELEGRAM_TOKEN"},
		{"webhook without secret", map[string]string{"TELEGRAM_TOKEN": "x", "TELEGRAM_WEBHOOK_URL": "https://a.example/hook"}, "TELEGRAM_WEBHOOK_SECRET"},
		{"webhook over plain http", map[string]string{"TELEGRAM_TOKEN": "x", "TELEGRAM_WEBHOOK_URL": "http://a.example/hook", "TELEGRAM_WEBHOOK_SECRET": "s"}, "TELEGRAM_WEBHOOK_URL must use https"},
		{"webhook with another scheme", map[string]string{"TELEGRAM_TOKEN": "x", "TELEGRAM_WEBHOOK_URL": "ftp://a.example/hook", "TELEGRAM_WEBHOOK_SECRET": "s"}, "TELEGRAM_WEBHOOK_URL must use https"},
		{"webhook URL not absolute", map[string]string{"TELEGRAM_TOKEN": "x", "TELEGRAM_WEBHOOK_URL": "/hook", "TELEGRAM_WEBHOOK_SECRET": "s"}, "TELEGRAM_WEBHOOK_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", tt.env, "serve")
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and a hint about %s", r.code, r.stderr, tt.want)
			}
		})
	}
}

func TestServe_WrongTokenFails(t *testing.T) {
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	r := runCLI(t, "", map[string]string{"TELEGRAM_TOKEN": "wrong", "TELEGRAM_API_URL": fake.URL}, "serve")
	if r.code != 1 || !strings.Contains(r.stderr, "getMe") {
		t.Errorf("exit %d, stderr %q; want 1 and a getMe error", r.code, r.stderr)
	}
}

func TestServe_PollingAnswersAndStopsGracefully(t *testing.T) {
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	stop := startServe(t, map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "COMPASS_LOG_LEVEL": "debug"})
	id := fake.AddUpdate(telegramtest.TextUpdate(77, 77, "de", "Wo bekomme ich einen Meldezettel?"))
	waitUntil(t, "an answer", func() bool { return fake.Count("sendMessage") > 0 })
	code, stderr := stop()
	if code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
	if fake.Confirmed() <= id {
		t.Errorf("the answered update was not confirmed before exit (offset %d)", fake.Confirmed())
	}
	if answer := fake.Calls("sendMessage")[0].Text(); !strings.Contains(answer, "Meldezettel") {
		t.Errorf("answer %.80q is not about the Meldezettel", answer)
	}
	if strings.Contains(stderr, "Wo bekomme ich") {
		t.Error("the log contains the person's message text")
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestServe_WebhookMode(t *testing.T) {
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	addr := freeAddr(t)
	const secret = "hook-secret_1"
	stop := startServe(t, map[string]string{
		"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL,
		"TELEGRAM_WEBHOOK_URL": "https://bot.example.org/tg/hook", "TELEGRAM_WEBHOOK_SECRET": secret,
		"COMPASS_LISTEN": addr,
	})
	base := "http://" + addr
	waitUntil(t, "/readyz", func() bool {
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	if url, s := fake.Webhook(); url != "https://bot.example.org/tg/hook" || s != secret {
		t.Errorf("setWebhook got %q, %q", url, s)
	}
	postUpdate := func(secretHeader string) int { return postWebhook(addr, secretHeader, 5, 88, "ar", "/start") }
	if got := postUpdate("forged"); got != http.StatusUnauthorized {
		t.Errorf("forged secret: status %d, want 401", got)
	}
	if got := postUpdate(secret); got != http.StatusOK {
		t.Fatalf("update: status %d, want 200", got)
	}
	waitUntil(t, "an answer", func() bool { return fake.Count("sendMessage") > 0 })
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %v %v", resp, err)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
}

func TestServe_DatabaseContentSessionsAndLiveReload(t *testing.T) {
	dbURL := storetest.NewDatabase(t)
	ctx := context.Background()
	db, err := openMigratedStore(ctx, dbURL, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	p, err := loadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, p); err != nil {
		t.Fatal(err)
	}
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	stop, stderrOf := startServeLogged(t, map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "DATABASE_URL": dbURL})
	fake.AddUpdate(telegramtest.TextUpdate(91, 91, "en", "/language"))
	waitUntil(t, "the language menu", func() bool { return fake.Count("sendMessage") > 0 })
	menu := fake.Calls("sendMessage")[0]
	data := ""
	for _, row := range menu.Keyboard() {
		for _, b := range row {
			if strings.Contains(b.Data, ":uk") {
				data = b.Data
			}
		}
	}
	if data == "" {
		t.Fatalf("no Ukrainian button in %v", menu.Keyboard())
	}
	id := fake.AddUpdate(telegramtest.CallbackUpdate(91, 91, "en", data))
	waitUntil(t, "the choice confirmed", func() bool { return fake.Confirmed() > id })
	time.Sleep(300 * time.Millisecond) // the watcher has started listening (and would have reloaded)
	if n := strings.Count(stderrOf(), "content pack in use"); n != 1 {
		t.Errorf(`"content pack in use" logged %d times at start, want once:\n%s`, n, stderrOf())
	}

	// An editor changes the answer in the database: the bot picks it up
	// without a restart.
	const marker = "Neu: bitte Termin online buchen."
	for _, in := range p.Variants("residence.registration") {
		if tr := in.Translations["de"]; tr != nil {
			tr.Answer += "\n\n" + marker
		}
	}
	if _, err := db.Import(ctx, p); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the edited answer", func() bool {
		id := fake.AddUpdate(telegramtest.TextUpdate(92, 92, "de", "Wo bekomme ich einen Meldezettel?"))
		for fake.Confirmed() <= id {
			time.Sleep(5 * time.Millisecond)
		}
		msgs := fake.Calls("sendMessage")
		return strings.Contains(msgs[len(msgs)-1].Text(), marker)
	})
	s, err := db.Sessions().Get(ctx, telegram.Channel, "91")
	if err != nil || s.Lang != "uk" {
		t.Errorf("session in the database = %+v, %v; want language uk", s, err)
	}

	// The person blocks the bot: the next message to them gets 403, and
	// everything stored about them goes.
	fake.Block(91)
	id = fake.AddUpdate(telegramtest.TextUpdate(91, 91, "uk", "/help"))
	waitUntil(t, "the update to the blocked chat handled", func() bool { return fake.Confirmed() > id })
	waitUntil(t, "the session of the blocked chat deleted", func() bool {
		_, err := db.Sessions().Get(ctx, telegram.Channel, "91")
		return errors.Is(err, content.ErrNotFound)
	})
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
	db.Close()
}

func TestReadiness(t *testing.T) {
	down := func(context.Context) error { return errors.New("connection refused") }
	up := func(context.Context) error { return nil }
	well := func() error { return nil }
	slow := func() error { return bot.ErrStoreTimeout }
	tests := []struct {
		name   string
		ready  bool
		ping   func(context.Context) error
		health func() error
		status int
		body   string
	}{
		{"starting or stopping", false, up, well, http.StatusServiceUnavailable, "not ready"},
		{"ready without a database", true, nil, well, http.StatusOK, "ready"},
		{"ready with a database", true, up, well, http.StatusOK, "ready"},
		{"database outage: degraded but still answering", true, down, well, http.StatusOK, "degraded: database unreachable"},
		{"sessions hang (a lock held): degraded", true, up, slow, http.StatusOK, "degraded: the session store did not answer in time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ready atomic.Bool
			ready.Store(tt.ready)
			rec := httptest.NewRecorder()
			readiness(&ready, tt.ping, tt.health).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.body) {
				t.Errorf("/readyz = %d %q, want %d %q…", rec.Code, rec.Body.String(), tt.status, tt.body)
			}
		})
	}
}

// TestServe_LogsInOneFormat: what serve logs while it migrates a new
// database goes through its own logger (one line format, key=value), not
// through the standard logger in a second format.
func TestServe_LogsInOneFormat(t *testing.T) {
	dbURL := storetest.NewDatabase(t)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	r := runCLI(t, "", map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "DATABASE_URL": dbURL}, "serve")
	if r.code != 1 || !strings.Contains(r.stderr, "applied migration") {
		t.Fatalf("serve on an empty database: exit %d (want 1: no content), stderr:\n%s", r.code, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(line, "time=") && !strings.HasPrefix(line, "compass serve: ") {
			t.Errorf("a line in another format: %q", line)
		}
	}
}
