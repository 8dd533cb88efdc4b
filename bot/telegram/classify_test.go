package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/compassbot/compass/bot/relay"
)

func apiError(code int, msg string, p tgbotapi.ResponseParameters) error {
	return &tgbotapi.Error{Code: code, Message: msg, ResponseParameters: p}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want Classified
	}{
		{"success", nil, Classified{Outcome: relay.Sent}},
		{"429 with retry_after", apiError(429, "Too Many Requests: retry after 7", tgbotapi.ResponseParameters{RetryAfter: 7}),
			Classified{Outcome: relay.RateLimited, RetryAfter: 7 * time.Second}},
		{"429 without retry_after waits a second", apiError(429, "Too Many Requests", tgbotapi.ResponseParameters{}),
			Classified{Outcome: relay.RateLimited, RetryAfter: time.Second}},
		{"403 blocked", apiError(403, "Forbidden: bot was blocked by the user", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Blocked}},
		{"403 deactivated", apiError(403, "Forbidden: user is deactivated", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Blocked}},
		{"403 kicked from group", apiError(403, "Forbidden: bot was kicked from the supergroup chat", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Blocked}},
		{"400 chat not found", apiError(400, "Bad Request: chat not found", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Blocked}},
		{"400 bad HTML is permanent", apiError(400, "Bad Request: can't parse entities: unsupported start tag", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Permanent}},
		{"400 too long is permanent", apiError(400, "Bad Request: message is too long", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Permanent}},
		{"group migrated", apiError(400, "Bad Request: group chat was upgraded to a supergroup chat", tgbotapi.ResponseParameters{MigrateToChatID: -1001}),
			Classified{Outcome: relay.Migrated, MigrateTo: -1001}},
		{"401 bad token", apiError(401, "Unauthorized", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Unauthorized}},
		{"404 bad token", apiError(404, "Not Found", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Unauthorized}},
		{"409 conflict is permanent", apiError(409, "Conflict: terminated by other getUpdates request", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Permanent}},
		{"500", apiError(500, "Internal Server Error", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Transient}},
		{"502", apiError(502, "Bad Gateway", tgbotapi.ResponseParameters{}), Classified{Outcome: relay.Transient}},
		{"proxy page is not JSON", fmt.Errorf("invalid character '<' looking for beginning of value"), Classified{Outcome: relay.Transient}},
		{"connection refused", &url.Error{Op: "Post", URL: "https://api.telegram.org", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}, Classified{Outcome: relay.Transient}},
		{"connection cut", io.ErrUnexpectedEOF, Classified{Outcome: relay.Transient}},
		{"our context canceled", &url.Error{Op: "Post", Err: context.Canceled}, Classified{Outcome: relay.Canceled}},
		{"deadline", context.DeadlineExceeded, Classified{Outcome: relay.Canceled}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.err); got != tt.want {
				t.Errorf("Classify(%v) = %+v, want %+v", tt.err, got, tt.want)
			}
		})
	}
}
