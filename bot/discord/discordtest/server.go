package discordtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// APIVersion is the REST and gateway version the server speaks (the one
// discordgo v0.28 uses).
const APIVersion = "9"

// Server is a fake Discord. Create it with NewServer; point the adapter's
// API base URL at APIURL().
type Server struct {
	Token string // bot token, without "Bot "
	AppID string // application id
	Bot   User   // the bot's user

	// AckDeadline is how long after an interaction its callback may come;
	// later callbacks get 404 Unknown interaction, as on Discord, and an
	// interactions endpoint that has not answered by then has failed (the
	// server gives up on its HTTP request). Default 3 s.
	AckDeadline time.Duration
	// TokenLifetime is how long an interaction token allows follow-ups.
	// Default 15 minutes.
	TokenLifetime time.Duration
	// HeartbeatInterval is announced in the gateway's hello. Default 41.25 s.
	HeartbeatInterval time.Duration

	PublicKey  ed25519.PublicKey // verifies the HTTP interactions the server signs
	privateKey ed25519.PrivateKey

	URL string // http://127.0.0.1:port
	srv *httptest.Server

	mu           sync.Mutex
	requests     []Request
	failures     map[string][]Failure // route → failures for its next calls
	nextID       int64
	commands     map[string][]Command // "" for global, else guild id → commands
	channels     map[string]*Channel
	messages     map[string]*Message // message id → message (channel messages and interaction messages)
	interactions map[string]*interaction
	sessions     []*gatewaySession
	endpoint     string // HTTP interactions endpoint, or "" for the gateway
	onChange     chan struct{}
}

// User is a Discord user as the API shows it.
type User struct {
	ID            string `json:"id"`
	Username      string `json:"username"`
	GlobalName    string `json:"global_name,omitempty"`
	Discriminator string `json:"discriminator"`
	Bot           bool   `json:"bot,omitempty"`
}

// NewServer starts a fake Discord for the bot with this token and
// application id. Close it when done.
func NewServer(token, appID string) *Server {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	s := &Server{
		Token: token, AppID: appID,
		Bot:               User{ID: appID, Username: "compass", Discriminator: "0", Bot: true},
		AckDeadline:       3 * time.Second,
		TokenLifetime:     15 * time.Minute,
		HeartbeatInterval: 41250 * time.Millisecond,
		PublicKey:         pub, privateKey: priv,
		failures:     map[string][]Failure{},
		nextID:       1_100_000_000_000_000_000,
		commands:     map[string][]Command{},
		channels:     map[string]*Channel{},
		messages:     map[string]*Message{},
		interactions: map[string]*interaction{},
		onChange:     make(chan struct{}),
	}
	s.srv = httptest.NewServer(s.routes())
	s.URL = s.srv.URL
	return s
}

// APIURL is the base URL of the REST API without the version, as Discord
// documents it ("https://discord.com/api"): what DISCORD_API_URL takes.
func (s *Server) APIURL() string { return s.URL + "/api" }

// GatewayURL is the websocket address /gateway announces.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.URL, "http") + "/gateway" }

// Close disconnects gateway sessions and stops the server.
func (s *Server) Close() {
	s.DropGateway()
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// newID returns a fresh snowflake.
func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

// changedLocked wakes everybody waiting for a change (WaitFor).
func (s *Server) changedLocked() {
	close(s.onChange)
	s.onChange = make(chan struct{})
}

// WaitFor waits until cond (called with the server unlocked) holds, or
// the timeout passes; it reports whether cond held.
func (s *Server) WaitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		ch := s.onChange
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-time.After(20 * time.Millisecond):
		case <-deadline.C:
			return cond()
		}
	}
}

// apiError is Discord's JSON error body.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Errors  any    `json:"errors,omitempty"`
}

// Discord's JSON error codes the fake uses.
const (
	codeGeneral          = 0
	codeUnknownChannel   = 10003
	codeUnknownMessage   = 10008
	codeUnknownWebhook   = 10015
	codeUnknownCommand   = 10063
	codeUnknownInteract  = 10062
	codeAlreadyAcked     = 40060
	codeInvalidForm      = 50035
	codeThreadExists     = 160004
	codeCannotEditOthers = 50005
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, apiError{Code: code, Message: msg})
}

// invalidForm is the 400 Discord gives for a body that breaks its rules;
// the problem is named in the message so tests can tell.
func invalidForm(w http.ResponseWriter, problem string) {
	writeJSON(w, http.StatusBadRequest, apiError{Code: codeInvalidForm, Message: "Invalid Form Body",
		Errors: map[string]string{"problem": problem}})
}

// handler is one REST endpoint: it gets the request with its body read
// and writes the answer.
type handler func(w http.ResponseWriter, r *http.Request, body []byte)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	api := "/api/v" + APIVersion
	handle := func(pattern string, h handler, auth bool) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+api+path, func(w http.ResponseWriter, r *http.Request) {
			s.serve(w, r, method+" "+path, h, auth)
		})
	}
	handle("GET /gateway", s.getGateway, false)
	handle("GET /gateway/bot", s.getGatewayBot, true)
	handle("GET /users/@me", s.getMe, true)
	handle("GET /applications/{app}/commands", s.getCommands, true)
	handle("PUT /applications/{app}/commands", s.putCommands, true)
	handle("GET /applications/{app}/guilds/{guild}/commands", s.getCommands, true)
	handle("PUT /applications/{app}/guilds/{guild}/commands", s.putCommands, true)
	handle("POST /interactions/{id}/{token}/callback", s.callback, false)
	handle("POST /webhooks/{app}/{token}", s.followup, false)
	handle("GET /webhooks/{app}/{token}/messages/{message}", s.getWebhookMessage, false)
	handle("PATCH /webhooks/{app}/{token}/messages/{message}", s.editWebhookMessage, false)
	handle("GET /channels/{channel}", s.getChannel, true)
	handle("POST /channels/{channel}/messages", s.createMessage, true)
	handle("GET /channels/{channel}/messages", s.listMessages, true)
	handle("GET /channels/{channel}/messages/{message}", s.getMessage, true)
	handle("PATCH /channels/{channel}/messages/{message}", s.editMessage, true)
	handle("DELETE /channels/{channel}/messages/{message}", s.deleteMessage, true)
	handle("POST /channels/{channel}/messages/{message}/threads", s.startThread, true)
	mux.HandleFunc("GET /gateway", s.gateway)
	mux.HandleFunc("GET /gateway/", s.gateway) // discordgo adds a slash before the query
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.record(Request{Method: r.Method, Path: r.URL.Path, Route: "unknown", At: time.Now()})
		writeError(w, http.StatusNotFound, codeGeneral, "404: Not Found")
	})
	return mux
}

// serve records the request, applies injected failures and the bot token
// check, then runs the endpoint.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, route string, h handler, auth bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, codeGeneral, "unreadable body")
		return
	}
	req := Request{Method: r.Method, Path: r.URL.Path, Route: route, Body: body,
		Authorization: r.Header.Get("Authorization"), ContentType: r.Header.Get("Content-Type"), At: time.Now()}
	s.record(req)
	if f, ok := s.nextFailure(route); ok {
		writeFailure(w, f)
		return
	}
	if auth && r.Header.Get("Authorization") != "Bot "+s.Token {
		writeError(w, http.StatusUnauthorized, codeGeneral, "401: Unauthorized")
		return
	}
	if len(body) > 0 && !strings.HasPrefix(req.ContentType, "application/json") {
		writeError(w, http.StatusBadRequest, codeGeneral, "Cannot send an empty message")
		return
	}
	h(w, r, body)
	s.mu.Lock()
	s.changedLocked()
	s.mu.Unlock()
}

func (s *Server) record(req Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	s.changedLocked()
}

func (s *Server) getGateway(w http.ResponseWriter, r *http.Request, _ []byte) {
	writeJSON(w, http.StatusOK, map[string]string{"url": s.GatewayURL()})
}

func (s *Server) getGatewayBot(w http.ResponseWriter, r *http.Request, _ []byte) {
	writeJSON(w, http.StatusOK, map[string]any{
		"url": s.GatewayURL(), "shards": 1,
		"session_start_limit": map[string]int{"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1},
	})
}

func (s *Server) getMe(w http.ResponseWriter, r *http.Request, _ []byte) {
	writeJSON(w, http.StatusOK, s.Bot)
}
