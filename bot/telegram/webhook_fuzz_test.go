package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzWebhook_Body posts arbitrary bodies, with the right secret, to the
// webhook. It must never panic nor hang, answer only 200 (handled), 400
// (not an update), 413 (too large) or 503, and never acknowledge with 200
// a body that was not a Telegram update.
func FuzzWebhook_Body(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"update_id": 1, "message": {"message_id": 1, "chat": {"id": -1}, "text": "` + "\xff\xfe" + `"}}`))
	f.Add([]byte(`{"update_id": 9007199254740993, "callback_query": {"id": "x", "data": null}}`))
	f.Add([]byte(`{"update_id": 2, "message": {"location": {"latitude": 999, "longitude": -1e308}, "chat": {"id": 5, "type": "private"}, "from": {"id": 5}}}`))
	f.Add([]byte(`[{"update_id": 3}]`))
	f.Add(bytes.Repeat([]byte("["), 100000))
	srv := newFake(f)
	rec := &recorder{}
	cfg := testConfig(srv, rec)
	cfg.WebhookSecret = testSecret
	cfg.MaxBodyBytes = 64 << 10
	a := newAdapter(f, cfg)
	h := a.WebhookHandler()
	f.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/telegram", bytes.NewReader(body))
		req.Header.Set(SecretHeader, testSecret)
		w := httptest.NewRecorder()
		done := make(chan struct{})
		go func() { h.ServeHTTP(w, req); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("webhook request did not end within 30 s")
		}
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusServiceUnavailable:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
		if w.Code == http.StatusOK && !hasUpdateID(body) {
			t.Fatalf("acknowledged a body without update_id: %q", body)
		}
	})
}

// hasUpdateID reports whether body is a JSON object with an update_id key
// (encoding/json matches keys without regard to case).
func hasUpdateID(body []byte) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return false
	}
	for k := range obj {
		if strings.EqualFold(k, "update_id") {
			return true
		}
	}
	return false
}
