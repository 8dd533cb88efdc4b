package telegramtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// AddUpdate queues an update for getUpdates. u is anything that marshals
// to a JSON object (a map, a tgbotapi.Update, raw JSON bytes); its
// update_id is replaced by the next id, which AddUpdate returns.
func (s *Server) AddUpdate(u any) int {
	var raw []byte
	switch v := u.(type) {
	case []byte:
		raw = v
	case json.RawMessage:
		raw = v
	case string:
		raw = []byte(v)
	default:
		var err error
		if raw, err = json.Marshal(u); err != nil {
			panic(fmt.Sprintf("telegramtest: update does not marshal: %v", err))
		}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		panic(fmt.Sprintf("telegramtest: update is not a JSON object: %v", err))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastUpdate++
	id := s.lastUpdate
	obj["update_id"] = json.RawMessage(strconv.Itoa(id))
	raw, _ = json.Marshal(obj)
	s.updates = append(s.updates, queued{id: id, raw: raw})
	s.wakeLocked()
	return id
}

// Pending is the number of updates Telegram would still deliver: not yet
// confirmed by a getUpdates offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// Confirmed is the highest offset a getUpdates call has sent.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// getUpdates implements Telegram's semantics: offset confirms (forgets)
// every earlier update; the answer holds up to limit updates from offset
// on; with none pending it waits up to timeout seconds. A newer getUpdates
// call ends a waiting one with 409 Conflict.
func (s *Server) getUpdates(r *http.Request, form url.Values) answer {
	offset, _ := strconv.Atoi(form.Get("offset"))
	limit, _ := strconv.Atoi(form.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(form.Get("timeout"))
	deadline := time.Now().Add(time.Duration(timeout) * time.Second)

	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		return fail(http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
	}
	s.pollGen++
	gen := s.pollGen
	s.wakeLocked()
	if offset > 0 {
		drop := 0
		for drop < len(s.updates) && s.updates[drop].id < offset {
			drop++
		}
		s.updates = s.updates[drop:]
		s.confirmed = max(s.confirmed, offset)
	}
	for {
		var batch []json.RawMessage
		for _, q := range s.updates[:min(limit, len(s.updates))] {
			batch = append(batch, q.raw)
		}
		if len(batch) > 0 || time.Now().After(deadline) {
			s.mu.Unlock()
			if batch == nil {
				batch = []json.RawMessage{}
			}
			return ok(batch)
		}
		wake := s.wake
		s.mu.Unlock()
		timer := time.NewTimer(time.Until(deadline))
		select {
		case <-wake:
		case <-timer.C:
		case <-r.Context().Done():
			timer.Stop()
			return fail(http.StatusConflict, "request canceled")
		}
		timer.Stop()
		s.mu.Lock()
		if s.pollGen != gen {
			s.mu.Unlock()
			return fail(http.StatusConflict, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
		}
	}
}
