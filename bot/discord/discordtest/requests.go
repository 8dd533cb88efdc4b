package discordtest

import (
	"encoding/json"
	"strings"
	"time"
)

// Request is one REST call the server received, or one gateway payload
// (Method "GATEWAY", Route "op <n>").
type Request struct {
	Method        string
	Path          string
	Route         string // method and pattern, e.g. "POST /channels/{channel}/messages"
	Body          []byte
	Authorization string
	ContentType   string
	At            time.Time
}

// Payload is the body of a message-carrying request: a channel message,
// a follow-up, an edit, or the data of an interaction callback.
type Payload struct {
	Content         string           `json:"content"`
	Embeds          []Embed          `json:"embeds"`
	Components      []Component      `json:"components"`
	Flags           int              `json:"flags"`
	AllowedMentions *AllowedMentions `json:"allowed_mentions"`
	Choices         []Choice         `json:"choices"`   // autocomplete results
	CustomID        string           `json:"custom_id"` // modals
	Title           string           `json:"title"`     // modals
	Name            string           `json:"name"`      // threads
}

// Ephemeral reports whether the payload asks for an ephemeral message.
func (p Payload) Ephemeral() bool { return p.Flags&flagEphemeral != 0 }

// Callback is the body of an interaction callback.
type Callback struct {
	Type int      `json:"type"`
	Data *Payload `json:"data"`
}

// Embed is a message embed.
type Embed struct {
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url,omitempty"`
	Color       int          `json:"color,omitempty"`
	Fields      []EmbedField `json:"fields,omitempty"`
	Footer      *struct {
		Text string `json:"text"`
	} `json:"footer,omitempty"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author,omitempty"`
}

// EmbedField is one field of an embed.
type EmbedField struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Inline bool   `json:"inline,omitempty"`
}

// Component is a message component: an action row (type 1) holding
// buttons (2) or text inputs (4).
type Component struct {
	Type       int         `json:"type"`
	Components []Component `json:"components,omitempty"`
	CustomID   string      `json:"custom_id,omitempty"`
	Label      string      `json:"label,omitempty"`
	Style      int         `json:"style,omitempty"`
	URL        string      `json:"url,omitempty"`
	Disabled   bool        `json:"disabled,omitempty"`
	Value      string      `json:"value,omitempty"`
	Required   *bool       `json:"required,omitempty"`
	MinLength  int         `json:"min_length,omitempty"`
	MaxLength  int         `json:"max_length,omitempty"`
}

// AllowedMentions is the allowed_mentions object.
type AllowedMentions struct {
	Parse       []string `json:"parse"`
	Roles       []string `json:"roles"`
	Users       []string `json:"users"`
	RepliedUser bool     `json:"replied_user"`
}

// None reports whether nobody can be pinged: parse, roles and users are
// all empty and replying does not ping.
func (a *AllowedMentions) None() bool {
	return a != nil && a.Parse != nil && len(a.Parse) == 0 && len(a.Roles) == 0 && len(a.Users) == 0 && !a.RepliedUser
}

// Choice is an autocomplete choice.
type Choice struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

// Payload decodes the request body as a message payload (for callbacks,
// the callback's data).
func (r Request) Payload() Payload {
	var p Payload
	if strings.HasSuffix(r.Route, "/callback") {
		var c Callback
		if json.Unmarshal(r.Body, &c) == nil && c.Data != nil {
			return *c.Data
		}
		return p
	}
	_ = json.Unmarshal(r.Body, &p)
	return p
}

// Callback decodes the body of an interaction callback.
func (r Request) Callback() Callback {
	var c Callback
	_ = json.Unmarshal(r.Body, &c)
	return c
}

// SendsMessage reports whether the request creates or edits a message
// (and so must say who may be pinged).
func (r Request) SendsMessage() bool {
	switch {
	case strings.HasSuffix(r.Route, "/callback"):
		t := r.Callback().Type
		return t == callbackMessage || t == callbackUpdate
	case r.Method == "POST" && (r.Route == "POST /channels/{channel}/messages" || r.Route == "POST /webhooks/{app}/{token}"):
		return true
	case r.Method == "PATCH":
		return true
	}
	return false
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls returns the requests to the given routes, in arrival order.
func (s *Server) Calls(routes ...string) []Request {
	want := map[string]bool{}
	for _, r := range routes {
		want[r] = true
	}
	var out []Request
	for _, r := range s.Requests() {
		if want[r.Route] {
			out = append(out, r)
		}
	}
	return out
}

// Count is the number of requests to a route.
func (s *Server) Count(route string) int { return len(s.Calls(route)) }

// ForgetRequests drops the recorded requests.
func (s *Server) ForgetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
