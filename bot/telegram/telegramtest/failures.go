package telegramtest

import (
	"net/http"
	"strconv"
)

// Failure is an error the server gives instead of an answer.
type Failure struct {
	Code        int    // HTTP status and error_code: 429, 403, 400, 500, 502 …
	Description string // default: Telegram's text for the code
	RetryAfter  int    // parameters.retry_after, for 429
	MigrateTo   int64  // parameters.migrate_to_chat_id
	NotJSON     bool   // answer an HTML page, as a failing proxy would
}

// Common failures, worded as Telegram words them.
var (
	TooManyRequests = Failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1}
	BotBlocked      = Failure{Code: 403, Description: "Forbidden: bot was blocked by the user"}
	UserDeactivated = Failure{Code: 403, Description: "Forbidden: user is deactivated"}
	InternalError   = Failure{Code: 500, Description: "Internal Server Error"}
	BadGateway      = Failure{Code: 502, NotJSON: true}
)

// FailNext makes the next calls of method fail, one failure per call, in
// order.
func (s *Server) FailNext(method string, fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], fs...)
}

// Block makes every message to chatID fail with 403 "bot was blocked by
// the user", as Telegram does after the person blocked the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = BotBlocked.Description
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// sendMethods are the calls that deliver something to a chat.
var sendMethods = map[string]bool{
	"sendMessage": true, "sendVenue": true, "sendLocation": true, "sendChatAction": true,
	"editMessageText": true, "sendPhoto": true, "sendDocument": true,
}

func (s *Server) nextFailureLocked(method string, chatID int64) (Failure, bool) {
	if q := s.failures[method]; len(q) > 0 {
		s.failures[method] = q[1:]
		return q[0], true
	}
	if desc, isBlocked := s.blocked[chatID]; isBlocked && sendMethods[method] {
		return Failure{Code: 403, Description: desc}, true
	}
	return Failure{}, false
}

func writeFailure(w http.ResponseWriter, f Failure) {
	if f.NotJSON {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Code)
		_, _ = w.Write([]byte("<html><body><h1>" + strconv.Itoa(f.Code) + " " + http.StatusText(f.Code) + "</h1></body></html>"))
		return
	}
	a := fail(f.Code, f.Description)
	if a.Description == "" {
		a.Description = http.StatusText(f.Code)
	}
	if f.RetryAfter > 0 || f.MigrateTo != 0 {
		a.Parameters = &answerParams{RetryAfter: f.RetryAfter, MigrateToChatID: f.MigrateTo}
	}
	write(w, a)
}
