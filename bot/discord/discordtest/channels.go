package discordtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Channel is a guild text channel or a thread.
type Channel struct {
	ID       string `json:"id"`
	GuildID  string `json:"guild_id,omitempty"`
	Name     string `json:"name"`
	Type     int    `json:"type"`
	ParentID string `json:"parent_id,omitempty"`
}

// Channel types.
const (
	ChannelText         = 0
	ChannelPublicThread = 11
)

// Message is a message the bot made: in a channel, or as an interaction's
// answer or follow-up.
type Message struct {
	ID          string
	ChannelID   string
	GuildID     string
	Content     string
	Embeds      []Embed
	Components  []Component
	Flags       int
	Author      User
	Created     time.Time
	Edited      *time.Time
	Edits       int    // how many times it was edited
	Interaction string // the interaction it answers or follows up, or ""
	Thread      string // id of the thread started from it, or ""
}

// Ephemeral reports whether only the person who used the interaction sees it.
func (m Message) Ephemeral() bool { return m.Flags&flagEphemeral != 0 }

// wire is the message as the API returns it.
func (m *Message) wire() map[string]any {
	embeds, comps := m.Embeds, m.Components
	if embeds == nil {
		embeds = []Embed{}
	}
	if comps == nil {
		comps = []Component{}
	}
	w := map[string]any{
		"id": m.ID, "channel_id": m.ChannelID, "content": m.Content, "embeds": embeds,
		"components": comps, "flags": m.Flags, "author": m.Author, "type": 0, "tts": false,
		"mention_everyone": false, "mentions": []any{}, "mention_roles": []any{}, "attachments": []any{},
		"timestamp": m.Created.Format(time.RFC3339Nano), "edited_timestamp": nil, "pinned": false,
	}
	if m.GuildID != "" {
		w["guild_id"] = m.GuildID
	}
	if m.Edited != nil {
		w["edited_timestamp"] = m.Edited.Format(time.RFC3339Nano)
	}
	if m.Thread != "" {
		w["thread"] = map[string]any{"id": m.Thread, "type": ChannelPublicThread, "parent_id": m.ChannelID}
	}
	return w
}

// apply sets the fields present in an edit.
func (m *Message) apply(body []byte, now time.Time) {
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(body, &fields)
	var p Payload
	_ = json.Unmarshal(body, &p)
	if _, ok := fields["content"]; ok {
		m.Content = p.Content
	}
	if _, ok := fields["embeds"]; ok {
		m.Embeds = p.Embeds
	}
	if _, ok := fields["components"]; ok {
		m.Components = p.Components
	}
	m.Edited = &now
	m.Edits++
}

// AddChannel creates a text channel the bot can write to.
func (s *Server) AddChannel(id, guildID, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = &Channel{ID: id, GuildID: guildID, Name: name, Type: ChannelText}
}

// ChannelMessages returns the messages everybody sees in a channel (or
// thread), oldest first, as they are now: the bot's channel messages and
// its public interaction answers.
func (s *Server) ChannelMessages(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.channelMessagesLocked(channelID)
}

func (s *Server) channelMessagesLocked(channelID string) []Message {
	var out []Message
	for _, m := range s.messages {
		if m.ChannelID == channelID && !m.Ephemeral() && m.Flags&flagLoading == 0 {
			out = append(out, *m)
		}
	}
	sortMessages(out)
	return out
}

// MessageByID returns a message as it is now.
func (s *Server) MessageByID(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return Message{}, false
	}
	return *m, true
}

// Thread returns a thread channel.
func (s *Server) Thread(id string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[id]
	if !ok || c.Type != ChannelPublicThread {
		return Channel{}, false
	}
	return *c, true
}

func sortMessages(ms []Message) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && less(ms[j].ID, ms[j-1].ID); j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// less orders snowflakes (decimal strings) numerically.
func less(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

const channelFlags = flagSuppressEmbeds | flagSuppressNotifications

func (s *Server) createMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	p, ok := readMessage(w, body, true, channelFlags)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.channels[r.PathValue("channel")]
	if !ok {
		writeError(w, http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
		return
	}
	m := &Message{ID: s.newIDLocked(), ChannelID: ch.ID, GuildID: ch.GuildID, Content: p.Content,
		Embeds: p.Embeds, Components: p.Components, Flags: p.Flags, Author: s.Bot, Created: time.Now()}
	s.messages[m.ID] = m
	writeJSON(w, http.StatusOK, m.wire())
}

func (s *Server) listMessages(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("channel")
	if _, ok := s.channels[id]; !ok {
		writeError(w, http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
		return
	}
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if r.URL.Query().Get("limit") == "" {
		limit, err = 50, nil
	}
	if err != nil || limit < 1 || limit > 100 {
		invalidForm(w, "limit: Must be between 1 and 100")
		return
	}
	before := r.URL.Query().Get("before")
	ms := s.channelMessagesLocked(id)
	out := make([]map[string]any, 0, limit)
	for i := len(ms) - 1; i >= 0 && len(out) < limit; i-- { // newest first, like Discord
		if before == "" || less(ms[i].ID, before) {
			out = append(out, ms[i].wire())
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteMessage(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	if m.Author.ID != s.Bot.ID {
		writeError(w, http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	delete(s.messages, m.ID)
	w.WriteHeader(http.StatusNoContent)
}

// channelMessage finds a message of a channel, writing the error if there
// is none. The server is locked.
func (s *Server) channelMessageLocked(w http.ResponseWriter, r *http.Request) *Message {
	if _, ok := s.channels[r.PathValue("channel")]; !ok {
		writeError(w, http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
		return nil
	}
	m, ok := s.messages[r.PathValue("message")]
	if !ok || m.ChannelID != r.PathValue("channel") || m.Ephemeral() {
		writeError(w, http.StatusNotFound, codeUnknownMessage, "Unknown Message")
		return nil
	}
	return m
}

// getChannel answers GET /channels/{id}: a channel or thread the server
// knows (a thread with its parent_id), else 404 Unknown Channel.
func (s *Server) getChannel(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	c, ok := s.channels[r.PathValue("channel")]
	var out Channel
	if ok {
		out = *c
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, codeUnknownChannel, "Unknown Channel")
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getMessage(w http.ResponseWriter, r *http.Request, _ []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.channelMessageLocked(w, r); m != nil {
		writeJSON(w, http.StatusOK, m.wire())
	}
}

func (s *Server) editMessage(w http.ResponseWriter, r *http.Request, body []byte) {
	_, ok := readMessage(w, body, false, channelFlags)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	if m.Author.ID != s.Bot.ID {
		writeError(w, http.StatusForbidden, codeCannotEditOthers, "Cannot edit a message authored by another user")
		return
	}
	m.apply(body, time.Now())
	writeJSON(w, http.StatusOK, m.wire())
}

func (s *Server) startThread(w http.ResponseWriter, r *http.Request, body []byte) {
	var p Payload
	if err := json.Unmarshal(body, &p); err != nil {
		invalidForm(w, "body: "+err.Error())
		return
	}
	if n := Length(strings.TrimSpace(p.Name)); n < 1 || n > MaxThreadName {
		invalidForm(w, "name: Must be between 1 and 100 in length")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.channelMessageLocked(w, r)
	if m == nil {
		return
	}
	if m.Thread != "" {
		writeError(w, http.StatusBadRequest, codeThreadExists, "A thread has already been created for this message")
		return
	}
	// A thread started from a message has the message's id.
	th := &Channel{ID: m.ID, GuildID: m.GuildID, Name: p.Name, Type: ChannelPublicThread, ParentID: m.ChannelID}
	s.channels[th.ID] = th
	m.Thread = th.ID
	writeJSON(w, http.StatusCreated, th)
}
