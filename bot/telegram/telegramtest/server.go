package telegramtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a fake Bot API server. Create it with NewServer and point the
// SDK at Endpoint().
type Server struct {
	Token string
	URL   string
	Bot   User

	srv *httptest.Server

	mu          sync.Mutex
	updates     []queued // not yet confirmed, by increasing id
	lastUpdate  int
	lastMessage int
	wake        chan struct{} // closed when updates arrive or a poll is superseded
	pollGen     int
	requests    []Request
	failures    map[string][]Failure
	blocked     map[int64]string
	webhook     webhook
	confirmed   int // highest offset a getUpdates call confirmed
}

type queued struct {
	id  int
	raw json.RawMessage
}

type webhook struct {
	URL, Secret string
}

// User is the bot's identity as getMe reports it.
type User struct {
	ID        int64  `json:"id"`
	IsBot     bool   `json:"is_bot"`
	FirstName string `json:"first_name"`
	UserName  string `json:"username"`
}

// NewServer starts a fake server for the bot with this token. Close it
// when done.
func NewServer(token string) *Server { return NewServerOn(token, nil) }

// NewServerOn is NewServer listening on ln (nil: a free loopback port),
// for tools that need a known address (tools/loadtest).
func NewServerOn(token string, ln net.Listener) *Server {
	s := &Server{
		Token:    token,
		Bot:      User{ID: 7000001, IsBot: true, FirstName: "Compass", UserName: "compass_test_bot"},
		wake:     make(chan struct{}),
		failures: map[string][]Failure{},
		blocked:  map[int64]string{},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if ln != nil {
		s.srv.Listener.Close()
		s.srv.Listener = ln
	}
	s.srv.Start()
	s.URL = s.srv.URL
	return s
}

// Close stops the server and ends waiting long polls.
func (s *Server) Close() {
	s.mu.Lock()
	s.pollGen++
	s.wakeLocked()
	s.mu.Unlock()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Endpoint is the SDK's endpoint format for this server: URL + "/bot%s/%s".
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

func (s *Server) wakeLocked() {
	close(s.wake)
	s.wake = make(chan struct{})
}

// answer is the Bot API's response envelope.
type answer struct {
	OK          bool          `json:"ok"`
	Result      any           `json:"result,omitempty"`
	ErrorCode   int           `json:"error_code,omitempty"`
	Description string        `json:"description,omitempty"`
	Parameters  *answerParams `json:"parameters,omitempty"`
}

type answerParams struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

func ok(result any) answer { return answer{OK: true, Result: result} }

func fail(code int, description string) answer {
	return answer{ErrorCode: code, Description: description}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	token, method, found := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !found || !strings.HasPrefix(r.URL.Path, "/bot") {
		write(w, fail(http.StatusNotFound, "Not Found"))
		return
	}
	if token != s.Token {
		write(w, fail(http.StatusUnauthorized, "Unauthorized"))
		return
	}
	form, err := readForm(r)
	if err != nil {
		write(w, fail(http.StatusBadRequest, "Bad Request: "+err.Error()))
		return
	}
	req := Request{Method: method, Form: form, At: at}
	req.ChatID, _ = strconv.ParseInt(form.Get("chat_id"), 10, 64)

	s.mu.Lock()
	s.requests = append(s.requests, req)
	if f, injected := s.nextFailureLocked(method, req.ChatID); injected {
		s.mu.Unlock()
		writeFailure(w, f)
		return
	}
	s.mu.Unlock()

	if method == "getUpdates" {
		write(w, s.getUpdates(r, form))
		return
	}
	write(w, s.call(method, form))
}

// readForm reads a request the way the Bot API accepts it: query string,
// form-encoded or multipart body, or JSON.
func readForm(r *http.Request) (url.Values, error) {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/json") {
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, fmt.Errorf("invalid JSON body: %v", err)
		}
		v := url.Values{}
		for k, x := range m {
			if str, isStr := x.(string); isStr {
				v.Set(k, str)
				continue
			}
			b, _ := json.Marshal(x)
			v.Set(k, string(b))
		}
		return v, nil
	}
	if strings.HasPrefix(ct, "multipart/form-data") {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return nil, err
		}
		return r.Form, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	return r.Form, nil
}

func write(w http.ResponseWriter, a answer) {
	w.Header().Set("Content-Type", "application/json")
	status := http.StatusOK
	if !a.OK {
		status = a.ErrorCode
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(a)
}
