package telegram

import (
	"strings"
	"testing"
)

func TestParseWebhookURL_RequiresHTTPSExceptOnLoopback(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://compass.example.org/telegram/hook", true},
		{"https://compass.example.org:8443/hook", true},
		{"http://127.0.0.1:8080/hook", true},
		{"http://127.0.0.2/hook", true},
		{"http://localhost:8080/hook", true},
		{"http://LOCALHOST/hook", true},
		{"http://[::1]:8080/hook", true},
		{"http://compass.example.org/hook", false},
		{"http://10.0.0.5/hook", false},
		{"http://localhost.example.org/hook", false},
		{"ftp://compass.example.org/hook", false},
		{"https:///hook", false},
		{"/hook", false},
		{"compass.example.org/hook", false},
		{"://bad", false},
	}
	for _, tt := range tests {
		u, err := ParseWebhookURL(tt.url)
		switch {
		case tt.ok && err != nil:
			t.Errorf("ParseWebhookURL(%q): %v, want accepted", tt.url, err)
		case tt.ok && u.String() != tt.url:
			t.Errorf("ParseWebhookURL(%q) = %q", tt.url, u)
		case !tt.ok && err == nil:
			t.Errorf("ParseWebhookURL(%q) accepted, want an error", tt.url)
		case !tt.ok && !strings.Contains(err.Error(), "TELEGRAM_WEBHOOK_URL"):
			t.Errorf("ParseWebhookURL(%q) error %q does not name TELEGRAM_WEBHOOK_URL", tt.url, err)
		}
	}
}

func TestSetWebhook_RefusesPlainHTTPBeforeCallingTelegram(t *testing.T) {
	srv := newFake(t)
	a, _ := webhookAdapter(t, srv, &recorder{})
	a.cfg.WebhookURL = "http://compass.example.org/telegram"
	if err := a.SetWebhook(); err == nil || !strings.Contains(err.Error(), "https") {
		t.Fatalf("SetWebhook with http URL: %v, want an https error", err)
	}
	if n := srv.Count("setWebhook"); n != 0 {
		t.Errorf("setWebhook called %d times, want 0", n)
	}
	a.cfg.WebhookURL = "http://127.0.0.1:8080/telegram"
	if err := a.SetWebhook(); err != nil {
		t.Fatalf("SetWebhook with loopback http URL: %v", err)
	}
	if url, _ := srv.Webhook(); url != a.cfg.WebhookURL {
		t.Errorf("webhook set to %q, want %q", url, a.cfg.WebhookURL)
	}
}
