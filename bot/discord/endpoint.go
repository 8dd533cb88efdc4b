package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
)

// InteractionsPath is where serve mounts InteractionsHandler; the URL to
// enter in the developer portal is the public address of COMPASS_LISTEN
// with this path.
const InteractionsPath = "/discord/interactions"

// maxInteractionBody bounds a request to the interactions endpoint.
const maxInteractionBody = 1 << 20

// errRequestGone is returned to an answer that comes after Discord's
// request ended.
var errRequestGone = errors.New("discord: the interaction's HTTP request is over")

// InteractionsHandler receives the interactions Discord posts when the
// application has an Interactions Endpoint URL (HTTP mode). Every request
// must carry a valid Ed25519 signature of its timestamp and body by the
// application's key (discordgo.VerifyInteraction) and a timestamp within
// MaxSkew of now, against replays; a missing or bad signature gets 401 and
// is counted (WebhookRefused). PING gets PONG. Every other interaction
// goes to the same handling as over the gateway; its initial response is
// the body of the HTTP response, written as soon as the answer or its
// deferral is ready (always within AckAfter).
func (a *Adapter) InteractionsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			a.refuse(w, http.StatusMethodNotAllowed, "POST only")
			return
		}
		if a.publicKey == nil {
			a.refuse(w, http.StatusNotFound, "no public key configured")
			return
		}
		body, ok := relay.ReadBody(w, r, maxInteractionBody, a.refuse)
		if !ok {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !discordgo.VerifyInteraction(r, a.publicKey) {
			a.refuse(w, http.StatusUnauthorized, "invalid request signature")
			return
		}
		if !a.fresh(r.Header.Get("X-Signature-Timestamp")) {
			a.refuse(w, http.StatusUnauthorized, "stale request timestamp")
			return
		}
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil || i.ID == "" || i.Type == 0 {
			a.stats.Malformed.Add(1)
			a.refuse(w, http.StatusBadRequest, "not an interaction")
			return
		}
		if !a.seen.first(i.ID, a.cfg.Now(), 2*a.cfg.MaxSkew) || !a.firstAmongReplicas(r.Context(), i.ID) {
			a.refuse(w, http.StatusConflict, "interaction already received")
			return
		}
		h := &httpInitial{resp: make(chan *discordgo.InteractionResponse, 1), written: make(chan error, 1), gone: make(chan struct{})}
		defer close(h.gone)
		// Handling runs beside this goroutine, which writes the response:
		// an answer made at once (PONG, autocomplete, a notice) waits in
		// h.respond until it is written, so handling it here would hold
		// the response back until that wait timed out (3 s: too late).
		go a.handleSafely(&i, h.respond)
		deadline := time.NewTimer(a.cfg.AckAfter + 2*time.Second)
		defer deadline.Stop()
		select {
		case resp := <-h.resp:
			w.Header().Set("Content-Type", "application/json")
			err := json.NewEncoder(w).Encode(resp)
			if f, ok := w.(http.Flusher); ok && err == nil {
				f.Flush()
			}
			h.written <- err
		case <-deadline.C:
			a.log.Error("discord: no answer for an interaction in time", "interaction", i.ID)
			http.Error(w, "no answer", http.StatusInternalServerError)
		case <-r.Context().Done():
		}
	})
}

// interactionLogTimeout bounds the call to the replicas' interaction log:
// without an answer in time the interaction is handled (this replica's
// own memory still refuses its replays).
const interactionLogTimeout = time.Second

// interactionAckBudget is how long after a request arrives its initial
// response (or deferral) may come at the latest: Discord gives up at 3 s
// from sending, network included. The deferral clock (AckAfter) starts
// after the log is asked, so the log gets what AckAfter leaves of it: a
// database that hangs must not push every deferral past Discord's limit.
const interactionAckBudget = 2500 * time.Millisecond

// firstAmongReplicas takes interaction id in Config.Interactions for as
// long as its timestamp is accepted, and reports whether no replica took
// it before. Without a log, or when the log does not answer, it is true.
func (a *Adapter) firstAmongReplicas(ctx context.Context, id string) bool {
	if a.cfg.Interactions == nil {
		return true
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return false // not a snowflake: Discord never sends one
	}
	timeout := min(interactionLogTimeout, interactionAckBudget-a.cfg.AckAfter)
	if timeout <= 0 {
		return true // no time to ask: this replica's own memory refuses replays
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := a.cfg.Interactions.Take(ctx, n, 2*a.cfg.MaxSkew)
	if err != nil {
		a.log.Warn("discord: interaction log unavailable; handling the interaction anyway", "interaction", id, "err", err)
		return true
	}
	return c == content.UpdateFresh
}

// seenIDs remembers the interactions the endpoint took while their
// timestamps are accepted (a timestamp is within MaxSkew of now, so for
// 2×MaxSkew): a copy of a request, captured and sent again in that time,
// is refused instead of handled again (a volunteer's reply sent twice).
type seenIDs struct {
	mu    sync.Mutex
	until map[string]time.Time // interaction id → when it may be forgotten
	sweep time.Time            // when expired ids are next dropped
}

// first records id and reports whether it is new.
func (s *seenIDs) first(id string, now time.Time, keep time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.until == nil {
		s.until = map[string]time.Time{}
	}
	if now.After(s.sweep) {
		for k, t := range s.until {
			if now.After(t) {
				delete(s.until, k)
			}
		}
		s.sweep = now.Add(keep / 4)
	}
	if _, ok := s.until[id]; ok {
		return false
	}
	s.until[id] = now.Add(keep)
	return true
}

// fresh reports whether a signature's timestamp (Unix seconds) is within
// MaxSkew of now: a captured request cannot be replayed later.
func (a *Adapter) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := a.cfg.Now().Sub(time.Unix(sec, 0))
	return d <= a.cfg.MaxSkew && d >= -a.cfg.MaxSkew
}

func (a *Adapter) refuse(w http.ResponseWriter, status int, msg string) {
	a.stats.WebhookRefused.Add(1)
	a.log.Debug("discord: interactions request refused", "status", status, "reason", msg)
	http.Error(w, msg, status)
}

// httpInitial hands an interaction's initial response to the HTTP request
// that is waiting for it.
type httpInitial struct {
	resp    chan *discordgo.InteractionResponse // buffered: one response
	written chan error                          // buffered: the handler's result of writing it
	gone    chan struct{}                       // closed when the request is over
}

func (h *httpInitial) respond(ctx context.Context, r *discordgo.InteractionResponse) error {
	select {
	case h.resp <- r:
	case <-h.gone:
		return errRequestGone
	case <-ctx.Done():
		return ctx.Err()
	default:
		return errors.New("discord: interaction answered twice")
	}
	select {
	case err := <-h.written:
		return err
	case <-h.gone:
		return errRequestGone
	case <-ctx.Done():
		return ctx.Err()
	}
}

// handleSafely handles an interaction on a goroutine of its own, where
// net/http no longer recovers a panic for the request: a bug shows as an
// error line (without any text of the interaction) and no answer, not as
// the end of the process.
func (a *Adapter) handleSafely(i *discordgo.Interaction, initial initialFunc) {
	defer func() {
		if p := recover(); p != nil {
			what := fmt.Sprintf("%T", p)
			if err, ok := p.(runtime.Error); ok {
				what = err.Error()
			}
			a.log.Error("discord: handling an interaction failed", "interaction", i.ID, "panic", what)
		}
	}()
	a.handleInteraction(i, initial)
}
