package telegramtest

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// Request is one call the server received.
type Request struct {
	Method string
	Form   url.Values
	ChatID int64 // chat_id, or 0
	At     time.Time
}

// Text is the visible text of a sendMessage or editMessageText call (HTML
// parsed when parse_mode is HTML).
func (r Request) Text() string {
	t := r.Form.Get("text")
	if r.Form.Get("parse_mode") == "HTML" {
		if parsed, err := ParseHTML(t); err == nil {
			return parsed
		}
	}
	return t
}

// Button is one inline keyboard button of a sent message.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data"`
}

// markup is a sent message's reply_markup: an inline keyboard or a reply
// keyboard.
type markup struct {
	InlineKeyboard [][]Button         `json:"inline_keyboard"`
	Keyboard       [][]KeyboardButton `json:"keyboard"`
}

func (r Request) markup() markup {
	var m markup
	_ = json.Unmarshal([]byte(r.Form.Get("reply_markup")), &m) // none or not JSON: no keyboard
	return m
}

// Keyboard returns the inline keyboard of a sent message, or nil.
func (r Request) Keyboard() [][]Button { return r.markup().InlineKeyboard }

// KeyboardButton is one button of a reply keyboard (the keyboard that
// replaces the phone's, e.g. to share a location).
type KeyboardButton struct {
	Text            string `json:"text"`
	RequestLocation bool   `json:"request_location,omitempty"`
}

// ReplyKeyboard returns the reply keyboard of a sent message, or nil.
func (r Request) ReplyKeyboard() [][]KeyboardButton { return r.markup().Keyboard }

// ReplyTo is reply_to_message_id, or 0.
func (r Request) ReplyTo() int {
	n, _ := strconv.Atoi(r.Form.Get("reply_to_message_id"))
	return n
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls returns the requests of the given methods, in arrival order.
func (s *Server) Calls(methods ...string) []Request {
	want := map[string]bool{}
	for _, m := range methods {
		want[m] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if want[r.Method] {
			out = append(out, r)
		}
	}
	return out
}

// Messages returns the sendMessage and sendVenue calls, in arrival order.
func (s *Server) Messages() []Request { return s.Calls("sendMessage", "sendVenue") }

// Count is the number of requests of one method.
func (s *Server) Count(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.Method == method {
			n++
		}
	}
	return n
}

// ForgetRequests drops the recorded requests (for long benchmarks).
func (s *Server) ForgetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
