package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
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

// webhookWait bounds how long one webhook request waits for its update to
// be answered before it asks Telegram to come back (503); the update goes
// on being handled, and the redelivery waits for it and gets 200 then. It
// stays below the HTTP server's write timeout.
const webhookWait = 25 * time.Second

// WebhookHandler receives updates posted by Telegram. It accepts only POST
// with the right secret header (compared in constant time; 401 otherwise),
// bodies up to MaxBodyBytes (413), and JSON updates (400).
//
// Acknowledged means answered: it queues the update in the per-chat
// ordered pool and answers 200 only once the update was handled (its
// replies sent, or it was ignored or shed as a flood). When the pool is
// full, once Shutdown has begun, or when the update could not be finished
// (the drain timed out) it answers 503, so that Telegram delivers the
// update again, to this instance or another. A redelivery of an update in
// flight waits for the same handling instead of handling it twice.
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
		body, ok := relay.ReadBody(w, r, a.cfg.MaxBodyBytes, a.refuse)
		if !ok {
			return
		}
		var u tgbotapi.Update
		if err := json.Unmarshal(body, &u); err != nil || u.UpdateID <= 0 {
			a.stats.Malformed.Add(1)
			a.refuse(w, http.StatusBadRequest, "not a Telegram update")
			return
		}
		if a.stopping.Load() {
			a.retryLater(w, "shutting down")
			return
		}
		id := u.UpdateID
		p, fresh := a.recent.take(id)
		if !fresh {
			a.stats.Duplicates.Add(1)
			a.awaitAnswer(w, r, id, p)
			return
		}
		switch a.claim(r.Context(), id) {
		case content.UpdateDone: // answered by a replica whose 200 was lost
			a.stats.Duplicates.Add(1)
			p.finish(true)
			w.WriteHeader(http.StatusOK)
			return
		case content.UpdateBusy: // another replica answers it now; come back
			a.stats.Duplicates.Add(1)
			a.recent.forget(id, p)
			a.retryLater(w, "taken by another replica")
			return
		}
		j := job{in: translate(u, a.Username()), done: func(finished bool) {
			a.settle(id, finished) // recorded before the 200
			p.finish(finished)
		}}
		if !a.enqueue(j, false) {
			a.settle(id, false)
			a.recent.forget(id, p)
			a.retryLater(w, "busy")
			return
		}
		a.stats.Updates.Add(1)
		a.awaitAnswer(w, r, id, p)
	})
}

// awaitAnswer answers 200 once the update is handled, 503 when it could not
// be finished or is taking longer than webhookWait.
func (a *Adapter) awaitAnswer(w http.ResponseWriter, r *http.Request, id int, p *pendingUpdate) {
	t := time.NewTimer(webhookWait)
	defer t.Stop()
	select {
	case <-p.done:
	case <-t.C:
		a.retryLater(w, "still answering")
		return
	case <-r.Context().Done():
		return // Telegram gave up on this request; it will deliver again
	}
	if !p.finished {
		a.recent.forget(id, p) // cut off unanswered: the redelivery handles it
		a.retryLater(w, "not finished")
		return
	}
	w.WriteHeader(http.StatusOK)
}

// retryLater answers 503 with Retry-After, so that Telegram delivers the
// update again.
func (a *Adapter) retryLater(w http.ResponseWriter, why string) {
	w.Header().Set("Retry-After", "1")
	a.refuse(w, http.StatusServiceUnavailable, why)
}

func (a *Adapter) refuse(w http.ResponseWriter, status int, msg string) {
	a.stats.WebhookRefused.Add(1)
	a.log.Debug("telegram: webhook request refused", "status", status, "reason", msg)
	http.Error(w, msg, status)
}

// Shutdown stops taking webhook updates (new ones get 503 from now on),
// waits for the ones in flight (up to ctx's deadline, then cancels them:
// their requests get 503 too) and releases the adapter.
func (a *Adapter) Shutdown(ctx context.Context) error {
	a.stopping.Store(true)
	err := a.dispatch.Drain(ctx, a.hardCancel)
	a.hardCancel()
	return err
}

// pendingUpdate is a webhook update taken for handling; done is closed
// once it was handled (finished: answered, ignored or shed) or given up.
type pendingUpdate struct {
	done     chan struct{}
	finished bool
	once     sync.Once
}

func (p *pendingUpdate) finish(finished bool) {
	p.once.Do(func() {
		p.finished = finished
		close(p.done)
	})
}

// recentIDs remembers the last n update ids taken, so an update Telegram
// delivers twice (a webhook retry) is handled once.
type recentIDs struct {
	mu   sync.Mutex
	ids  map[int]*pendingUpdate
	ring []int
	next int
}

func newRecentIDs(n int) *recentIDs {
	return &recentIDs{ids: make(map[int]*pendingUpdate, n), ring: make([]int, n)}
}

// take records id and returns its handling, and whether it is new.
func (r *recentIDs) take(id int) (*pendingUpdate, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.ids[id]; ok {
		return p, false
	}
	if old := r.ring[r.next]; old != 0 {
		delete(r.ids, old)
	}
	r.ring[r.next] = id
	r.next = (r.next + 1) % len(r.ring)
	p := &pendingUpdate{done: make(chan struct{})}
	r.ids[id] = p
	return p, true
}

// forget removes id, for an update that was refused or not finished and
// will come again (unless a newer handling of it was taken meanwhile).
func (r *recentIDs) forget(id int, p *pendingUpdate) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ids[id] == p {
		delete(r.ids, id)
	}
}
