package discordtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// Interaction and callback types.
const (
	InteractionPing         = 1
	InteractionCommand      = 2
	InteractionComponent    = 3
	InteractionAutocomplete = 4
	InteractionModalSubmit  = 5

	callbackPong         = 1
	callbackMessage      = 4
	callbackDeferred     = 5
	callbackDeferUpdate  = 6
	callbackUpdate       = 7
	callbackAutocomplete = 8
	callbackModal        = 9

	flagLoading = 1 << 7
)

// Member is the person who uses an interaction, where and with which
// client language.
type Member struct {
	User      User
	GuildID   string // "" for a direct message
	ChannelID string
	Locale    string // the client's locale, e.g. "de", "en-US"
}

// interaction is one interaction the server created.
type interaction struct {
	id, token  string
	kind       int
	created    time.Time
	channelID  string
	guildID    string
	message    string // the message a component was on, or ""
	acked      bool
	ackType    int
	ackedAt    time.Time
	original   string   // id of @original once there is one
	followups  []string // ids of follow-up messages
	choices    []Choice // autocomplete results
	modal      *Payload // a modal answered with
	httpStatus int      // status of the HTTP delivery, 0 over the gateway
}

// Sent is an interaction the server delivered; use it to see what the bot
// answered.
type Sent struct {
	ID, Token string
	s         *Server
}

// Err is set when the interaction could not be delivered.
type deliveryError struct{ msg string }

func (e deliveryError) Error() string { return e.msg }

// interact registers an interaction of kind with data and delivers it, over
// the gateway or to the HTTP interactions endpoint (DeliverTo).
func (s *Server) interact(m Member, kind int, data any, message string) (*Sent, error) {
	s.mu.Lock()
	in := &interaction{id: s.newIDLocked(), token: "itoken-" + s.newIDLocked(), kind: kind,
		channelID: m.ChannelID, guildID: m.GuildID, message: message}
	s.interactions[in.token] = in
	wire := s.interactionJSONLocked(in, m, data)
	endpoint := s.endpoint
	s.mu.Unlock()

	raw, err := json.Marshal(wire)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	in.created = time.Now() // the 3 seconds start when Discord sends it
	s.mu.Unlock()
	if endpoint != "" {
		status, body, err := s.Post(endpoint, raw)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		in.httpStatus = status
		if status == http.StatusOK {
			if st, _, msg := s.answerLocked(in, body); st != http.StatusOK && st != http.StatusNoContent {
				s.mu.Unlock()
				return nil, deliveryError{fmt.Sprintf("the endpoint answered %d with a response Discord refuses: %s", status, msg)}
			}
		}
		s.changedLocked()
		s.mu.Unlock()
	} else if err := s.dispatch("INTERACTION_CREATE", json.RawMessage(raw)); err != nil {
		return nil, err
	}
	return &Sent{ID: in.id, Token: in.token, s: s}, nil
}

func (s *Server) interactionJSONLocked(in *interaction, m Member, data any) map[string]any {
	w := map[string]any{
		"id": in.id, "application_id": s.AppID, "type": in.kind, "token": in.token, "version": 1,
		"channel_id": m.ChannelID, "locale": m.Locale, "app_permissions": "277025770560",
		"entitlements": []any{}, "context": 0,
		"channel": map[string]any{"id": m.ChannelID, "type": ChannelText, "guild_id": m.GuildID},
	}
	if data != nil {
		w["data"] = data
	}
	user := map[string]any{"id": m.User.ID, "username": m.User.Username, "discriminator": "0", "global_name": m.User.GlobalName}
	if m.GuildID != "" {
		w["guild_id"] = m.GuildID
		w["guild_locale"] = "en-US"
		w["member"] = map[string]any{"user": user, "roles": []string{}, "permissions": "2248473465835073",
			"joined_at": "2026-01-01T00:00:00Z", "nick": nil, "deaf": false, "mute": false}
	} else {
		w["user"] = user
		w["context"] = 1
	}
	if in.message != "" {
		if msg, ok := s.messages[in.message]; ok {
			if msg.Ephemeral() {
				// Discord sends only the id and flags of an ephemeral message.
				w["message"] = map[string]any{"id": msg.ID, "flags": msg.Flags, "channel_id": msg.ChannelID}
			} else {
				w["message"] = msg.wire()
			}
		}
	}
	return w
}

// Opt is a command option as the interaction carries it.
type Opt struct {
	Name    string
	Type    int // 3 string (default), 4 integer
	Value   any
	Focused bool // the option being typed (autocomplete)
}

// String and Int make options.
func String(name, value string) Opt { return Opt{Name: name, Type: 3, Value: value} }
func Int(name string, v int) Opt    { return Opt{Name: name, Type: 4, Value: v} }

// Focused makes the option the one autocomplete is asked about.
func Focused(name, typed string) Opt { return Opt{Name: name, Type: 3, Value: typed, Focused: true} }

func (s *Server) commandData(m Member, name string, opts []Opt) (map[string]any, error) {
	cmd, ok := s.Command(m.GuildID, name)
	if !ok {
		return nil, deliveryError{fmt.Sprintf("no command /%s is registered (guild %q or global)", name, m.GuildID)}
	}
	var options []map[string]any
	for _, o := range opts {
		if !slices.ContainsFunc(cmd.Options, func(c Option) bool { return c.Name == o.Name }) {
			return nil, deliveryError{fmt.Sprintf("/%s has no option %q", name, o.Name)}
		}
		op := map[string]any{"name": o.Name, "type": o.Type, "value": o.Value}
		if o.Focused {
			op["focused"] = true
		}
		options = append(options, op)
	}
	for _, c := range cmd.Options {
		if c.Required && !slices.ContainsFunc(opts, func(o Opt) bool { return o.Name == c.Name }) {
			return nil, deliveryError{fmt.Sprintf("/%s needs option %q", name, c.Name)}
		}
	}
	d := map[string]any{"id": cmd.ID, "name": name, "type": 1}
	if cmd.GuildID != "" {
		d["guild_id"] = cmd.GuildID
	}
	if options != nil {
		d["options"] = options
	}
	return d, nil
}

// Slash is a person using a slash command the bot registered.
func (s *Server) Slash(m Member, name string, opts ...Opt) (*Sent, error) {
	d, err := s.commandData(m, name, opts)
	if err != nil {
		return nil, err
	}
	return s.interact(m, InteractionCommand, d, "")
}

// Autocomplete is Discord asking for choices while a person types an option.
func (s *Server) Autocomplete(m Member, name string, opts ...Opt) (*Sent, error) {
	d, err := s.commandData(m, name, opts)
	if err != nil {
		return nil, err
	}
	return s.interact(m, InteractionAutocomplete, d, "")
}

// Press is a person pressing a button of a message. The button must be
// there, as on Discord.
func (s *Server) Press(m Member, messageID, customID string) (*Sent, error) {
	s.mu.Lock()
	msg, ok := s.messages[messageID]
	found := ok && slices.ContainsFunc(msg.Components, func(row Component) bool {
		return slices.ContainsFunc(row.Components, func(c Component) bool { return c.CustomID == customID && !c.Disabled })
	})
	s.mu.Unlock()
	if !found {
		return nil, deliveryError{fmt.Sprintf("message %s has no enabled button %q", messageID, customID)}
	}
	return s.PressAny(m, messageID, customID)
}

// PressAny delivers a button press with any custom id, such as one of a
// message an older version of the bot made.
func (s *Server) PressAny(m Member, messageID, customID string) (*Sent, error) {
	return s.interact(m, InteractionComponent, map[string]any{"custom_id": customID, "component_type": componentButton}, messageID)
}

// Submit is a person submitting a modal the bot opened, with the values
// of its text inputs.
func (s *Server) Submit(m Member, customID string, values map[string]string) (*Sent, error) {
	s.mu.Lock()
	var opened *interaction
	for _, in := range s.interactions {
		if in.modal != nil && in.modal.CustomID == customID {
			opened = in
		}
	}
	s.mu.Unlock()
	if opened == nil {
		return nil, deliveryError{fmt.Sprintf("no modal %q was opened", customID)}
	}
	var rows []map[string]any
	for _, row := range opened.modal.Components {
		for _, c := range row.Components {
			rows = append(rows, map[string]any{"type": componentRow, "components": []map[string]any{
				{"type": componentTextInput, "custom_id": c.CustomID, "value": values[c.CustomID]}}})
		}
	}
	return s.interact(m, InteractionModalSubmit, map[string]any{"custom_id": customID, "components": rows}, opened.message)
}

// find returns the interaction of a Sent.
func (t *Sent) find() *interaction { return t.s.interactions[t.Token] }

// Wait waits until the bot answered the interaction (a message, a deferral,
// choices or a modal) and returns the callback type.
func (t *Sent) Wait(timeout time.Duration) (int, error) {
	var kind int
	ok := t.s.WaitFor(timeout, func() bool {
		t.s.mu.Lock()
		defer t.s.mu.Unlock()
		in := t.find()
		kind = in.ackType
		return in.acked
	})
	if !ok {
		return 0, errors.New("the bot did not answer the interaction in time")
	}
	return kind, nil
}

// Answered reports the callback type and how long after the interaction
// was sent it came (0, 0 before any).
func (t *Sent) Answered() (kind int, after time.Duration) {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	in := t.find()
	if !in.acked {
		return 0, 0
	}
	return in.ackType, in.ackedAt.Sub(in.created)
}

// HTTPStatus is the status the interactions endpoint answered with (0
// over the gateway).
func (t *Sent) HTTPStatus() int {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	return t.find().httpStatus
}

// Messages returns the original answer (once it is not loading) and the
// follow-ups, as they are now.
func (t *Sent) Messages() []Message {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	in := t.find()
	var out []Message
	if m, ok := t.s.messages[in.original]; ok && m.Flags&flagLoading == 0 && m.Interaction == in.id {
		out = append(out, *m)
	}
	for _, id := range in.followups {
		out = append(out, *t.s.messages[id])
	}
	return out
}

// WaitMessages waits until the interaction has at least n messages (see
// Messages) and returns them.
func (t *Sent) WaitMessages(n int, timeout time.Duration) ([]Message, error) {
	var ms []Message
	if !t.s.WaitFor(timeout, func() bool { ms = t.Messages(); return len(ms) >= n }) {
		return ms, fmt.Errorf("the bot sent %d messages for the interaction, want %d", len(ms), n)
	}
	return ms, nil
}

// Choices returns the autocomplete choices the bot answered with.
func (t *Sent) Choices() []Choice {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	return append([]Choice(nil), t.find().choices...)
}

// Modal returns the modal the bot answered with, or nil.
func (t *Sent) Modal() *Payload {
	t.s.mu.Lock()
	defer t.s.mu.Unlock()
	return t.find().modal
}

// callback is POST /interactions/{id}/{token}/callback.
func (s *Server) callback(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.interactions[r.PathValue("token")]
	if !ok || in.id != r.PathValue("id") {
		writeError(w, http.StatusNotFound, codeUnknownInteract, "Unknown interaction")
		return
	}
	status, code, msg := s.answerLocked(in, body)
	if status != http.StatusNoContent {
		writeError(w, status, code, msg)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// allowed lists the callback types each interaction type takes.
var allowed = map[int][]int{
	InteractionPing:         {callbackPong},
	InteractionCommand:      {callbackMessage, callbackDeferred, callbackModal},
	InteractionComponent:    {callbackMessage, callbackDeferred, callbackDeferUpdate, callbackUpdate, callbackModal},
	InteractionAutocomplete: {callbackAutocomplete},
	InteractionModalSubmit:  {callbackMessage, callbackDeferred, callbackDeferUpdate, callbackUpdate},
}

// answerLocked applies an interaction response and returns 204 or the
// error Discord would give.
func (s *Server) answerLocked(in *interaction, body []byte) (status, code int, msg string) {
	now := time.Now()
	if now.Sub(in.created) > s.AckDeadline {
		return http.StatusNotFound, codeUnknownInteract, "Unknown interaction"
	}
	if in.acked {
		return http.StatusBadRequest, codeAlreadyAcked, "Interaction has already been acknowledged."
	}
	var c Callback
	if err := json.Unmarshal(body, &c); err != nil {
		return http.StatusBadRequest, codeInvalidForm, "Invalid Form Body: " + err.Error()
	}
	if !slices.Contains(allowed[in.kind], c.Type) || (c.Type == callbackUpdate || c.Type == callbackDeferUpdate) && in.message == "" {
		return http.StatusBadRequest, codeInvalidForm, fmt.Sprintf("Interaction callback type %d is not allowed for interaction type %d", c.Type, in.kind)
	}
	var p Payload
	if c.Data != nil {
		p = *c.Data
	}
	switch c.Type {
	case callbackMessage, callbackUpdate:
		if problem := checkMessage(p, c.Type == callbackMessage, flagEphemeral|flagSuppressEmbeds); problem != "" {
			return http.StatusBadRequest, codeInvalidForm, "Invalid Form Body: " + problem
		}
	case callbackAutocomplete:
		if problem := checkChoices(p.Choices); problem != "" {
			return http.StatusBadRequest, codeInvalidForm, "Invalid Form Body: " + problem
		}
	case callbackModal:
		if problem := checkModal(p); problem != "" {
			return http.StatusBadRequest, codeInvalidForm, "Invalid Form Body: " + problem
		}
	}
	in.acked, in.ackType, in.ackedAt = true, c.Type, now
	switch c.Type {
	case callbackMessage, callbackDeferred:
		m := &Message{ID: s.newIDLocked(), ChannelID: in.channelID, GuildID: in.guildID, Content: p.Content,
			Embeds: p.Embeds, Components: p.Components, Flags: p.Flags & flagEphemeral, Author: s.Bot,
			Created: now, Interaction: in.id}
		if c.Type == callbackDeferred {
			m.Flags |= flagLoading
		}
		s.messages[m.ID] = m
		in.original = m.ID
	case callbackUpdate:
		if m, ok := s.messages[in.message]; ok {
			body, _ := json.Marshal(p)
			m.apply(body, now)
		}
		in.original = in.message
	case callbackDeferUpdate:
		in.original = in.message
	case callbackAutocomplete:
		in.choices = p.Choices
	case callbackModal:
		in.modal = &p
	}
	s.changedLocked()
	return http.StatusNoContent, 0, ""
}

// webhookInteraction finds the interaction of a webhook route, writing the
// error Discord gives if there is none usable. The server is locked.
func (s *Server) webhookInteractionLocked(w http.ResponseWriter, r *http.Request) *interaction {
	in, ok := s.interactions[r.PathValue("token")]
	switch {
	case r.PathValue("app") != s.AppID || !ok || !in.acked:
		writeError(w, http.StatusNotFound, codeUnknownWebhook, "Unknown Webhook")
		return nil
	case time.Since(in.created) > s.TokenLifetime:
		writeError(w, http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		return nil
	}
	return in
}

// followup is POST /webhooks/{app}/{token}.
func (s *Server) followup(w http.ResponseWriter, r *http.Request, body []byte) {
	p, ok := readMessage(w, body, true, flagEphemeral|flagSuppressEmbeds)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.webhookInteractionLocked(w, r)
	if in == nil {
		return
	}
	m := &Message{ID: s.newIDLocked(), ChannelID: in.channelID, GuildID: in.guildID, Content: p.Content,
		Embeds: p.Embeds, Components: p.Components, Flags: p.Flags & flagEphemeral, Author: s.Bot,
		Created: time.Now(), Interaction: in.id}
	s.messages[m.ID] = m
	in.followups = append(in.followups, m.ID)
	writeJSON(w, http.StatusOK, m.wire())
}

// webhookMessage finds @original or a follow-up of the interaction.
func (s *Server) webhookMessageLocked(w http.ResponseWriter, r *http.Request) (*interaction, *Message) {
	in := s.webhookInteractionLocked(w, r)
	if in == nil {
		return nil, nil
	}
	id := r.PathValue("message")
	if id == "@original" {
		id = in.original
	} else if !slices.Contains(in.followups, id) && id != in.original {
		id = ""
	}
	m, ok := s.messages[id]
	if !ok {
		writeError(w, http.StatusNotFound, codeUnknownMessage, "Unknown Message")
		return nil, nil
	}
	return in, m
}

func (s *Server) getWebhookMessage(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, m := s.webhookMessageLocked(w, r); m != nil {
		writeJSON(w, http.StatusOK, m.wire())
	}
}

func (s *Server) editWebhookMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	_, ok := readMessage(w, body, false, flagEphemeral|flagSuppressEmbeds)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, m := s.webhookMessageLocked(w, r)
	if m == nil {
		return
	}
	m.apply(body, time.Now())
	m.Flags &^= flagLoading
	writeJSON(w, http.StatusOK, m.wire())
}
