package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/telegram"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/store/storetest"
)

// readyz returns the status and body of GET /readyz at addr; status 0 when
// nothing listens.
func readyz(addr string) (int, string) {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// postWebhook posts update id, a private text message of chat in lang, to
// serve's Telegram webhook at addr ("host:port"), as Telegram does with
// the secret header, and returns the status; 0 when the connection broke
// (no answer, no acknowledgement).
func postWebhook(addr, secret string, id int, chat int64, lang, text string) int {
	u := telegramtest.TextUpdate(chat, chat, lang, text)
	u["update_id"] = id
	body, _ := json.Marshal(u)
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/tg/hook", bytes.NewReader(body))
	req.Header.Set(telegram.SecretHeader, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// importedDatabase is a migrated test database holding the bundled pack.
func importedDatabase(t *testing.T) string {
	t.Helper()
	url := storetest.NewDatabase(t)
	db, err := openMigratedStore(context.Background(), url, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := loadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return url
}

// TestServe_HangingDatabase is the probe's fault: a lock held on the
// sessions table. Answers used to wait as long as the lock (19.5 s in the
// probe) while /readyz said ready. Now every answer comes within the
// session deadlines, /readyz says degraded, and once the lock is gone the
// bot is ready again and remembers choices.
func TestServe_HangingDatabase(t *testing.T) {
	url := importedDatabase(t)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	addr := freeAddr(t)
	stop := startServe(t, map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL,
		"DATABASE_URL": url, "COMPASS_LISTEN": addr})
	ask := func(chat int64, text string) time.Duration {
		t.Helper()
		start := time.Now()
		before := fake.Count("sendMessage")
		fake.AddUpdate(telegramtest.TextUpdate(chat, chat, "de", text))
		waitUntil(t, "an answer", func() bool { return fake.Count("sendMessage") > before })
		return time.Since(start)
	}
	ask(1, "/start")
	if code, body := readyz(addr); code != http.StatusOK || body != "ready\n" {
		t.Fatalf("/readyz before the lock: %d %q", code, body)
	}

	locker, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Close()
	tx, err := locker.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	for i, q := range []string{"Wo bekomme ich einen Meldezettel?", "/language", "Ich brauche einen Arzt"} {
		if took := ask(int64(10+i), q); took > 3*time.Second {
			t.Errorf("answer %d with the sessions locked took %v", i, took)
		} else {
			t.Logf("answer %d with the sessions locked: %v", i, took.Round(time.Millisecond))
		}
	}
	if code, body := readyz(addr); code != http.StatusOK || !strings.HasPrefix(body, "degraded: the session store") {
		t.Errorf("/readyz with the sessions locked: %d %q, want 200 degraded", code, body)
	}

	tx.Rollback()
	ask(20, "/start")
	if code, body := readyz(addr); code != http.StatusOK || body != "ready\n" {
		t.Errorf("/readyz after the lock: %d %q", code, body)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
}

// TestServe_ReadyzDuringShutdown: from the first moment of a shutdown until
// the listener closes, /readyz answers 503 (it used to say ready for the
// whole drain when polling; with a webhook the listener closed first), and
// the webhook refuses new updates with 503 so that Telegram delivers them
// again.
func TestServe_ReadyzDuringShutdown(t *testing.T) {
	for _, webhook := range []bool{false, true} {
		name := map[bool]string{false: "polling", true: "webhook"}[webhook]
		t.Run(name, func(t *testing.T) {
			fake := telegramtest.NewServer(serveToken)
			defer fake.Close()
			addr := freeAddr(t)
			const secret = "hook-secret_2"
			env := map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "COMPASS_LISTEN": addr}
			if webhook {
				env["TELEGRAM_WEBHOOK_URL"], env["TELEGRAM_WEBHOOK_SECRET"] = "https://bot.example.org/tg/hook", secret
			}
			stop := startServe(t, env)
			waitUntil(t, "ready", func() bool { code, _ := readyz(addr); return code == http.StatusOK })
			post := func(id int) int { return postWebhook(addr, secret, id, 5, "de", "Meldezettel") }
			// An update whose answer takes 3 s (Telegram asks to wait) is in
			// flight when the shutdown starts.
			fake.FailNext("sendMessage", telegramtest.Failure{Code: 429, Description: "Too Many Requests: retry after 3", RetryAfter: 3})
			acked := make(chan int, 1)
			if webhook {
				go func() { acked <- post(1) }() // 200 only once answered
			} else {
				fake.AddUpdate(telegramtest.TextUpdate(5, 5, "de", "Meldezettel"))
			}
			waitUntil(t, "the answer started", func() bool { return fake.Count("sendMessage") > 0 })
			stopped := make(chan struct{})
			go func() { stop(); close(stopped) }()
			waitUntil(t, "/readyz 503", func() bool { code, _ := readyz(addr); return code == http.StatusServiceUnavailable })
			if webhook {
				if code := post(2); code != http.StatusServiceUnavailable {
					t.Errorf("an update posted during the shutdown: %d, want 503", code)
				}
			}
			select {
			case <-stopped:
				t.Fatal("serve stopped before the update in flight was answered")
			default:
			}
			<-stopped
			if webhook {
				if code := <-acked; code != http.StatusOK {
					t.Errorf("the update in flight at the shutdown: %d, want 200 once answered", code)
				}
			}
			if n := len(fake.Calls("sendMessage")); n != 2 { // the 429, then the answer
				t.Errorf("%d sendMessage calls, want the answer after the wait", n)
			}
			if code, _ := readyz(addr); code != 0 {
				t.Errorf("/readyz after the stop: %d, want the listener closed", code)
			}
		})
	}
}

// TestServe_WebhookKilledLosesNothingAcknowledged runs compass serve as a
// process with a webhook, kills it (SIGKILL) while an update is being
// answered, and starts it again, as Telegram would redeliver. Every update
// that got 200 had been answered before the kill; the one in flight had
// not got 200, so Telegram delivers it again and the new process answers
// it, once. (The webhook used to answer 200 on arrival: such an update was
// lost with the process.)
func TestServe_WebhookKilledLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("runs compass serve as child processes")
	}
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	addr := freeAddr(t)
	const secret = "hook-secret_3"
	env := []string{"TELEGRAM_TOKEN=" + serveToken, "TELEGRAM_API_URL=" + fake.URL, "COMPASS_LISTEN=" + addr,
		"TELEGRAM_WEBHOOK_URL=https://bot.example.org/tg/hook", "TELEGRAM_WEBHOOK_SECRET=" + secret,
		"DATABASE_URL=", "COMPASS_PACK="}
	post := func(id int, chat int64, text string) int { return postWebhook(addr, secret, id, chat, "de", text) }
	toChat := func(chat int64) int {
		n := 0
		for _, c := range fake.Calls("sendMessage") {
			if c.ChatID == chat {
				n++
			}
		}
		return n
	}

	first, out := startCompass(t, env, "serve")
	waitUntil(t, "ready", func() bool { code, _ := readyz(addr); return code == http.StatusOK })
	// Chat 1's answer will wait 30 s (Telegram asks to); chat 2's goes out at once.
	fake.FailNext("sendMessage", telegramtest.Failure{Code: 429, Description: "Too Many Requests: retry after 30", RetryAfter: 30})
	inFlight := make(chan int, 1)
	go func() { inFlight <- post(1, 1, "Wo bekomme ich einen Meldezettel?") }()
	waitUntil(t, "chat 1's answer started", func() bool { return toChat(1) == 1 })
	if got := post(2, 2, "Ich brauche einen Arzt"); got != http.StatusOK || toChat(2) == 0 {
		t.Fatalf("chat 2: status %d with %d messages sent; want 200 after its answer", got, toChat(2))
	}
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	if got := <-inFlight; got == http.StatusOK {
		t.Fatalf("the update in flight was acknowledged before it was answered; output:\n%s", out)
	}

	second, out2 := startCompass(t, env, "serve")
	waitUntil(t, "ready again", func() bool { code, _ := readyz(addr); return code == http.StatusOK })
	if got := post(1, 1, "Wo bekomme ich einen Meldezettel?"); got != http.StatusOK { // Telegram delivers it again
		t.Fatalf("redelivered update: status %d; output:\n%s", got, out2)
	}
	if n := toChat(1); n != 2 { // the 429, then the answer
		t.Errorf("%d calls to chat 1, want the refused one and one answer", n)
	}
	second.Process.Signal(syscall.SIGTERM)
	if code := exitWithin(t, second, 30*time.Second); code != 0 {
		t.Errorf("second serve exited %d:\n%s", code, out2)
	}
}
