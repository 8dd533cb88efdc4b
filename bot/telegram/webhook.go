package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader carries the webhook secret_token in every update Telegram
// posts.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// validSecret reports whether s is a valid secret_token: 1–256 characters
// of A–Z a–z 0–9 _ -.
func validSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// ParseWebhookURL checks a webhook URL (TELEGRAM_WEBHOOK_URL): absolute and
// https, which is all Telegram posts to. Plain http is accepted only for a
// loopback host (localhost, 127.0.0.0/8, ::1), such as a local Bot API
// server or a test's fake one.
func ParseWebhookURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("telegram: TELEGRAM_WEBHOOK_URL %q is not an absolute https URL", raw)
	}
	switch {
	case u.Scheme == "https":
		return u, nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return u, nil
	case u.Scheme == "http":
		return nil, fmt.Errorf("telegram: TELEGRAM_WEBHOOK_URL must use https (Telegram posts updates only to HTTPS); http is allowed only for a loopback host, not %q", u.Hostname())
	default:
		return nil, fmt.Errorf("telegram: TELEGRAM_WEBHOOK_URL must use https, not %q", u.Scheme)
	}
}

// isLoopback reports whether host names this machine: "localhost" or a
// loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SetWebhook registers WebhookURL with Telegram, with the secret token
// Telegram must send back, and asks for the update types the adapter
// handles. Updates not yet delivered are kept.
func (a *Adapter) SetWebhook() error {
	if !validSecret(a.cfg.WebhookSecret) {
		return errors.New("telegram: webhook secret must be 1-256 characters of A-Z a-z 0-9 _ - (set TELEGRAM_WEBHOOK_SECRET)")
	}
	u, err := ParseWebhookURL(a.cfg.WebhookURL)
	if err != nil {
		return err
	}
	_, err = a.api.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             u.String(),
		"secret_token":    a.cfg.WebhookSecret,
		"allowed_updates": allowedUpdates,
		"max_connections": strconv.Itoa(min(max(a.cfg.Workers, 1), 100)),
	})
	if err != nil {
		return wrapAPI("setWebhook", err)
	}
	a.log.Info("telegram: webhook set", "bot", a.Username(), "url", u.Redacted())
	return nil
}

// WebhookHandler receives updates posted by Telegram. It accepts only POST
// with the right secret header (compared in constant time; 401 otherwise),
// bodies up to MaxBodyBytes (413), and JSON updates (400). It queues the
// update in the per-chat ordered pool and answers 200 at once; when the
// pool is full it answers 503 so that Telegram delivers the update again.
func (a *Adapter) WebhookHandler() http.Handler {
	secret := []byte(a.cfg.WebhookSecret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			a.refuse(w, http.StatusMethodNotAllowed, "POST only")
			return
		}
		if len(secret) == 0 || subtle.ConstantTimeCompare([]byte(r.Header.Get(SecretHeader)), secret) != 1 {
			a.refuse(w, http.StatusUnauthorized, "bad secret token")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				a.refuse(w, http.StatusRequestEntityTooLarge, "body too large")
				return
			}
			a.refuse(w, http.StatusBadRequest, "unreadable body")
			return
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(body, &u); err != nil || u.UpdateID <= 0 {
			a.stats.Malformed.Add(1)
			a.refuse(w, http.StatusBadRequest, "not a Telegram update")
			return
		}
		if !a.recent.take(u.UpdateID) {
			a.stats.Duplicates.Add(1)
			w.WriteHeader(http.StatusOK)
			return
		}
		a.stats.Updates.Add(1)
		id := u.UpdateID
		j := job{in: translate(u, a.Username()), done: func(bool) {}}
		if !a.enqueue(j, false) {
			a.recent.forget(id)
			w.Header().Set("Retry-After", "1")
			a.refuse(w, http.StatusServiceUnavailable, "busy")
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

func (a *Adapter) refuse(w http.ResponseWriter, status int, msg string) {
	a.stats.WebhookRefused.Add(1)
	a.log.Debug("telegram: webhook request refused", "status", status, "reason", msg)
	http.Error(w, msg, status)
}

// Shutdown stops taking webhook updates, waits for the ones in flight (up
// to ctx's deadline, then cancels them) and releases the adapter.
func (a *Adapter) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() { a.dispatch.Close(); close(done) }()
	select {
	case <-done:
		a.hardCancel()
		return nil
	case <-ctx.Done():
		a.hardCancel()
		<-done
		return ctx.Err()
	}
}

// recentIDs remembers the last n update ids taken, so an update Telegram
// delivers twice (a webhook retry) is handled once.
type recentIDs struct {
	mu   sync.Mutex
	ids  map[int]struct{}
	ring []int
	next int
}

func newRecentIDs(n int) *recentIDs {
	return &recentIDs{ids: make(map[int]struct{}, n), ring: make([]int, n)}
}

// take records id and reports whether it was new.
func (r *recentIDs) take(id int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.ids[id]; ok {
		return false
	}
	if old := r.ring[r.next]; old != 0 {
		delete(r.ids, old)
	}
	r.ring[r.next] = id
	r.next = (r.next + 1) % len(r.ring)
	r.ids[id] = struct{}{}
	return true
}

// forget removes id, for an update that was refused and will come again.
func (r *recentIDs) forget(id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.ids, id)
}
