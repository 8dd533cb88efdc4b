package discordtest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch     = 0
	opHeartbeat    = 1
	opIdentify     = 2
	opResume       = 6
	opHello        = 10
	opHeartbeatAck = 11
)

// gatewayPayload is one gateway message.
type gatewayPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

// gatewaySession is one identified gateway connection.
type gatewaySession struct {
	conn      *websocket.Conn
	wmu       sync.Mutex
	seq       int64
	id        string
	intents   int64
	closeOnce sync.Once
}

func (g *gatewaySession) send(op int, t string, d any) error {
	g.wmu.Lock()
	defer g.wmu.Unlock()
	msg := map[string]any{"op": op, "d": d}
	if op == opDispatch {
		g.seq++
		msg["s"], msg["t"] = g.seq, t
	}
	_ = g.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return g.conn.WriteJSON(msg)
}

func (g *gatewaySession) close() {
	g.closeOnce.Do(func() {
		g.wmu.Lock()
		_ = g.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseGoingAway, "server closing"), time.Now().Add(time.Second))
		g.wmu.Unlock()
		_ = g.conn.Close()
	})
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gateway serves one websocket connection: hello, then identify (or
// resume), ready, heartbeats and their acks, until the client goes away.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	s.record(Request{Method: "GATEWAY", Path: r.URL.Path + "?" + r.URL.RawQuery, Route: "GATEWAY connect", At: time.Now()})
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	g := &gatewaySession{conn: conn}
	defer func() {
		s.mu.Lock()
		for i, x := range s.sessions {
			if x == g {
				s.sessions = append(s.sessions[:i], s.sessions[i+1:]...)
				break
			}
		}
		s.changedLocked()
		s.mu.Unlock()
		g.close()
	}()
	if g.send(opHello, "", map[string]any{"heartbeat_interval": s.HeartbeatInterval.Milliseconds()}) != nil {
		return
	}
	for {
		_ = conn.SetReadDeadline(time.Now().Add(s.HeartbeatInterval*2 + 5*time.Second))
		_, raw, err := conn.ReadMessage()
		if err != nil {
			return
		}
		var p gatewayPayload
		if json.Unmarshal(raw, &p) != nil {
			g.closeWith(4002, "Error while decoding payload.")
			return
		}
		s.record(Request{Method: "GATEWAY", Route: "GATEWAY op " + opName(p.Op), Body: redactToken(raw), At: time.Now()})
		switch p.Op {
		case opHeartbeat:
			if g.send(opHeartbeatAck, "", nil) != nil {
				return
			}
		case opIdentify:
			if !s.identify(g, p.D) {
				return
			}
		case opResume:
			if !s.resume(g, p.D) {
				return
			}
		case 3, 4, 8: // presence, voice state, request guild members: accepted, ignored
		default:
			g.closeWith(4001, "Unknown opcode.")
			return
		}
	}
}

func opName(op int) string {
	switch op {
	case opHeartbeat:
		return "1 heartbeat"
	case opIdentify:
		return "2 identify"
	case opResume:
		return "6 resume"
	}
	return strconv.Itoa(op)
}

func (g *gatewaySession) closeWith(code int, text string) {
	g.wmu.Lock()
	_ = g.conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	g.wmu.Unlock()
}

func (s *Server) validToken(t string) bool {
	return strings.TrimPrefix(t, "Bot ") == s.Token
}

func (s *Server) identify(g *gatewaySession, d json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents *int64 `json:"intents"`
	}
	if json.Unmarshal(d, &id) != nil || id.Intents == nil {
		g.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if !s.validToken(id.Token) {
		g.closeWith(4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	g.id, g.intents = "session-"+s.newIDLocked(), *id.Intents
	s.sessions = append(s.sessions, g)
	s.changedLocked()
	s.mu.Unlock()
	return g.send(opDispatch, "READY", map[string]any{
		"v": 9, "user": s.Bot, "session_id": g.id, "resume_gateway_url": s.GatewayURL(),
		"guilds": []any{}, "private_channels": []any{}, "shard": []int{0, 1},
		"application": map[string]any{"id": s.AppID, "flags": 0},
	}) == nil
}

func (s *Server) resume(g *gatewaySession, d json.RawMessage) bool {
	var rs struct {
		Token     string `json:"token"`
		SessionID string `json:"session_id"`
	}
	if json.Unmarshal(d, &rs) != nil || !s.validToken(rs.Token) {
		g.closeWith(4004, "Authentication failed.")
		return false
	}
	s.mu.Lock()
	g.id = rs.SessionID
	s.sessions = append(s.sessions, g)
	s.changedLocked()
	s.mu.Unlock()
	return g.send(opDispatch, "RESUMED", nil) == nil
}

// GatewaySessions is the number of identified gateway connections.
func (s *Server) GatewaySessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Intents returns the intents the last identified session asked for.
func (s *Server) Intents() (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.sessions) == 0 {
		return 0, false
	}
	return s.sessions[len(s.sessions)-1].intents, true
}

// DropGateway closes every gateway connection, as Discord does when it
// restarts a gateway node; clients reconnect.
func (s *Server) DropGateway() {
	s.mu.Lock()
	sessions := s.sessions
	s.sessions = nil
	s.mu.Unlock()
	for _, g := range sessions {
		g.close()
	}
}

// dispatch sends an event to the identified session, waiting up to 5 s for
// one to connect.
func (s *Server) dispatch(event string, data any) error {
	var g *gatewaySession
	s.WaitFor(5*time.Second, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(s.sessions) > 0 {
			g = s.sessions[len(s.sessions)-1]
		}
		return g != nil
	})
	if g == nil {
		return errors.New("no gateway session is connected")
	}
	return g.send(opDispatch, event, data)
}

// redactToken removes the token from an identify or resume payload before
// it is recorded.
func redactToken(raw []byte) []byte {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return raw
	}
	if d, ok := m["d"].(map[string]any); ok {
		if _, has := d["token"]; has {
			d["token"] = "<token>"
		}
	}
	out, _ := json.Marshal(m)
	return out
}
