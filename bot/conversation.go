package bot

import (
	"context"
	"errors"
	"strings"

	"github.com/compassbot/compass/content"
)

// conversation handles one message: the content snapshot, the person's
// session and the language to answer in.
type conversation struct {
	ctx       context.Context
	e         *Engine
	st        *state
	m         Message
	caps      Capabilities // what the message's channel can do
	sess      content.Session
	dirty     bool // sess changed and must be saved
	chose     bool // the person chose a language or region in this message
	unread    bool // the session store failed to read sess: it may hold more than sess
	forgotten bool // sess was deleted; save nothing
	stateless bool // a one-off question (Ask): never touch the session store
	lang      string
	asked     string // a region the question names: this answer is for it (see mention.go)

	ticket     *content.Ticket // the person's ticket that is not closed (handoff.go); nil: none
	ticketRead bool            // ticket was read for this message
}

func (e *Engine) newConversation(ctx context.Context, st *state, m Message) *conversation {
	c := &conversation{ctx: ctx, e: e, st: st, m: m, caps: e.Capabilities(m.Channel)}
	c.sess = content.Session{Channel: m.Channel, UserID: m.UserID}
	s, err := e.cfg.Sessions.Get(ctx, m.Channel, m.UserID)
	switch {
	case err == nil:
		c.sess = s
	case errors.Is(err, content.ErrNotFound):
	default:
		// Answer anyway: a person should not go unanswered because the
		// session store is down. Their choices are remembered again later.
		e.log.Warn("session store unavailable; answering without the session", "channel", m.Channel, "err", err)
		c.unread = true
	}
	c.lang = c.resolveLang("")
	return c
}

// save stores the session if the message changed it. When the session
// could not be read, only a choice the person made is saved: remembering
// the topic they browse is not worth overwriting the language and region
// they chose before with blanks.
func (c *conversation) save() {
	if c.stateless || c.forgotten || !c.dirty || (c.unread && !c.chose) {
		return
	}
	if err := c.e.cfg.Sessions.Put(c.ctx, c.sess); err != nil {
		c.e.log.Warn("saving session failed", "channel", c.sess.Channel, "err", err)
	}
}

// dispatch routes the message to what answers it. While the person has a
// ticket, their text goes to it (handoff.go); doing anything else drops a
// draft they were writing.
func (c *conversation) dispatch() []Reply {
	switch {
	case c.m.Payload != "":
		return c.press(c.m.Payload)
	case c.m.Location != nil:
		c.leaveDraft()
		return c.location(*c.m.Location)
	}
	text := cleanText(c.m.Text)
	if name, arg, ok := parseCommand(text); ok {
		if name != "person" {
			c.leaveDraft()
		}
		return c.command(name, arg)
	}
	if text == "" {
		return []Reply{c.reply(tr(c.lang, "empty"), c.menuRow())}
	}
	if t := c.activeTicket(); t != nil {
		return c.toTicket(t, text)
	}
	if asksForHuman(text) {
		out, _ := c.emergencyFirst(text)
		return append(out, c.startHandoff()...)
	}
	return c.ask(text).Replies
}

// region returns the region to answer for: the one the question names,
// else the person's choice, else the engine's default, else the pack's root.
func (c *conversation) region() string {
	if c.asked != "" {
		return c.asked
	}
	return c.homeRegion()
}

// homeRegion returns the person's region: the message's own (Message.Region),
// else their choice, else the engine's default, else the pack's root.
func (c *conversation) homeRegion() string {
	p := c.st.pack
	if c.m.Region != "" && p.Region(c.m.Region) != nil {
		return c.m.Region
	}
	if c.sess.Region != "" && p.Region(c.sess.Region) != nil {
		return c.sess.Region
	}
	if d := c.e.cfg.DefaultRegion; d != "" && p.Region(d) != nil {
		return d
	}
	return p.RootRegion()
}

// resolveLang picks the language to talk in: the message's own
// (Message.Lang), else the person's choice, else the language the matcher
// found for this message, else the language they last wrote in, else the
// platform hint, else the pack's source language. The result is always a
// pack language.
func (c *conversation) resolveLang(detected string) string {
	for _, tag := range []string{c.chosen(), detected, c.sess.Written, c.m.LangHint} {
		if l := c.st.packLanguage(tag); l != "" {
			return l
		}
	}
	if p := c.st.pack; p.SourceLanguage != "" {
		return p.SourceLanguage
	} else if len(p.Languages) > 0 {
		return p.Languages[0]
	}
	return uiLanguage
}

// chosen is the language asked for: the message's own (Message.Lang), else
// the person's choice; "" if neither.
func (c *conversation) chosen() string {
	if l := c.st.packLanguage(c.m.Lang); l != "" {
		return l
	}
	return c.sess.Lang
}

// hint is the language a short or ambiguous message most likely is in:
// the one the person last wrote in, else the platform's hint.
func (c *conversation) hint() string {
	if c.sess.Written != "" {
		return c.sess.Written
	}
	return c.m.LangHint
}

// noteWritten remembers the language the person wrote a question in, so
// that commands, locations and buttons keep to it. It is remembered only
// while they have not chosen a language, only when the matcher is sure
// (detected is "" otherwise) and never when the session could not be read:
// saving would overwrite their choices with blanks.
func (c *conversation) noteWritten(detected string) {
	if c.stateless || c.unread || c.sess.Lang != "" {
		return
	}
	if l := c.st.packLanguage(detected); l != "" && l != c.sess.Written {
		c.sess.Written, c.dirty = l, true
	}
}

// packLanguage maps a tag (any case, maybe with a region subtag such as
// "pt-BR" or "ru_RU") to the pack language a reader of it reads, or "".
func (st *state) packLanguage(tag string) string {
	if tag == "" {
		return ""
	}
	tag = strings.ReplaceAll(tag, "_", "-")
	for _, t := range content.FallbackChain(tag) {
		for _, l := range st.pack.Languages {
			if strings.EqualFold(l, t) {
				return l
			}
		}
	}
	return ""
}

// reply makes a reply in the conversation's language.
func (c *conversation) reply(text string, rows ...[]Button) Reply {
	return Reply{Text: text, Lang: c.lang, RTL: content.LanguageOf(c.lang).RTL(), Buttons: rows}
}

// menuRow is the row of buttons that opens the three menus.
func (c *conversation) menuRow() []Button {
	return []Button{
		{Label: tr(c.lang, "btn_topics"), Payload: c.encode(menuPayload("topics"))},
		{Label: tr(c.lang, "btn_language"), Payload: c.encode(menuPayload("language"))},
		{Label: tr(c.lang, "btn_region"), Payload: c.encode(menuPayload("region"))},
	}
}

func (c *conversation) humanButton() []Button {
	return []Button{{Label: tr(c.lang, "btn_human"), Payload: c.encode(humanPayload())}}
}

// humanButton is the "talk to a person" button of a reply made outside a
// conversation (a ticket notice), in lang.
func humanButton(lang string) []Button {
	return []Button{{Label: tr(lang, "btn_human"), Payload: humanPayload().encode()}}
}

func (c *conversation) topicsButton() []Button {
	return []Button{{Label: tr(c.lang, "btn_topics"), Payload: c.encode(menuPayload("topics"))}}
}

// chunk lays buttons out in rows of n.
func chunk(buttons []Button, n int) [][]Button {
	var rows [][]Button
	for len(buttons) > n {
		rows = append(rows, buttons[:n:n])
		buttons = buttons[n:]
	}
	if len(buttons) > 0 {
		rows = append(rows, buttons)
	}
	return rows
}

// regionName is the name of a region in the conversation's language.
func (c *conversation) regionName(id string) string {
	if r := c.st.pack.Region(id); r != nil {
		if n := r.Name.In(c.chain()...); n != "" {
			return n
		}
	}
	return id
}

// chain is the fallback chain for content shown to this person.
func (c *conversation) chain() []string {
	return content.FallbackChain(c.lang, c.st.pack.SourceLanguage)
}
