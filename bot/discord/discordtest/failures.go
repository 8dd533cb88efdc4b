package discordtest

import (
	"math"
	"net/http"
	"strconv"
)

// Failure is an answer the server gives instead of doing what was asked.
type Failure struct {
	Status     int     // HTTP status: 429, 500, 502, 403, 404 …
	Code       int     // Discord's JSON error code (e.g. 50013 Missing Permissions)
	Message    string  // default: Discord's wording for the status
	RetryAfter float64 // seconds, for 429 (body retry_after and the headers)
	Global     bool    // a 429 of the global limit (X-RateLimit-Global)
	NotJSON    bool    // an HTML page, as a failing proxy would answer
}

// Common failures, worded as Discord words them.
var (
	RateLimited        = Failure{Status: 429, Message: "You are being rate limited.", RetryAfter: 0.2}
	GloballyLimited    = Failure{Status: 429, Message: "You are being rate limited.", RetryAfter: 0.2, Global: true}
	MissingPermissions = Failure{Status: 403, Code: 50013, Message: "Missing Permissions"}
	MissingAccess      = Failure{Status: 403, Code: 50001, Message: "Missing Access"}
	ServerError        = Failure{Status: 500, Message: "500: Internal Server Error"}
	BadGateway         = Failure{Status: 502, NotJSON: true}
)

// FailNext makes the next calls of route fail, one failure per call, in
// order. A route is a method and a path pattern as Request.Route shows
// it, e.g. "POST /channels/{channel}/messages".
func (s *Server) FailNext(route string, fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[route] = append(s.failures[route], fs...)
}

func (s *Server) nextFailure(route string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.failures[route]
	if len(q) == 0 {
		return Failure{}, false
	}
	s.failures[route] = q[1:]
	return q[0], true
}

func writeFailure(w http.ResponseWriter, f Failure) {
	if f.NotJSON {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte("<html><body><h1>" + strconv.Itoa(f.Status) + " " + http.StatusText(f.Status) + "</h1></body></html>"))
		return
	}
	msg := f.Message
	if msg == "" {
		msg = strconv.Itoa(f.Status) + ": " + http.StatusText(f.Status)
	}
	if f.Status != http.StatusTooManyRequests {
		writeError(w, f.Status, f.Code, msg)
		return
	}
	after := strconv.FormatFloat(f.RetryAfter, 'f', 3, 64)
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(f.RetryAfter))))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", after)
	h.Set("X-RateLimit-Bucket", "fake-bucket")
	scope := "user"
	if f.Global {
		h.Set("X-RateLimit-Global", "true")
		scope = "global"
	}
	h.Set("X-RateLimit-Scope", scope)
	writeJSON(w, f.Status, map[string]any{"message": msg, "retry_after": f.RetryAfter, "global": f.Global, "code": f.Code})
}
