package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/content"
)

// The conversation of a request for a person (docs/handoff.md):
//
//	"Talk to a person", /person or "I want to talk to a person"
//	  → the person writes their question (a draft ticket)
//	  → a confirmation shows exactly what volunteers will see: Send, Cancel
//	  → Send opens the ticket; the person is told what happens next
//	  → what they write while it is open is added to it (emergencies are
//	    answered first), with a "Back to the bot" button that closes it
//
// A volunteer's reply and the notice that a ticket closed reach the person
// through the outbox (deliver.go). Without Config.Tickets (no volunteer
// inbox in this deployment) every way in says honestly that nobody is
// reachable here and lists the region's helplines.

// Steps of kindHandoff payloads.
const (
	stepSend   = "s" // send the draft
	stepCancel = "c" // drop the draft
	stepBack   = "b" // close the open ticket: back to the bot
)

func isHandoffStep(s string) bool { return s == stepSend || s == stepCancel || s == stepBack }

// draftTTL is how long a draft waits for the person: what they write after
// that is a question for the bot again.
const draftTTL = 30 * time.Minute

// maxQuestionBytes bounds what a ticket's question grows to when the person
// writes it in several messages.
const maxQuestionBytes = 2 * MaxTextBytes

// maxGuesses is how many of the bot's candidates a ticket keeps.
const maxGuesses = 3

// handoffOn reports whether this deployment passes requests on to people.
func (c *conversation) handoffOn() bool { return c.e.cfg.Tickets != nil && !c.stateless }

// activeTicket returns the person's ticket that is not closed (a draft
// included), reading it once per message; nil when there is none, when
// handoff is off, in a group (a ticket belongs to the private chat), or
// when the ticket store fails (the bot answers then). A draft older than
// draftTTL is dropped.
func (c *conversation) activeTicket() *content.Ticket {
	if c.ticketRead || !c.handoffOn() || c.m.Group {
		return c.ticket
	}
	c.ticketRead = true
	t, err := c.e.cfg.Tickets.Active(c.ctx, c.m.Channel, c.m.UserID)
	switch {
	case errors.Is(err, content.ErrNotFound):
		return nil
	case err != nil:
		c.e.log.Warn("ticket store unavailable; answering as the bot", "channel", c.m.Channel, "err", err)
		return nil
	case t.State == content.TicketDraft && c.e.cfg.Now().Sub(t.Updated) > draftTTL:
		c.dropDraft(t.Number)
		return nil
	}
	c.ticket = &t
	return c.ticket
}

// leaveDraft drops the person's draft when they do something else (a
// command, another button, a location): what they write next is for the
// bot again. An open ticket stays.
func (c *conversation) leaveDraft() {
	if t := c.activeTicket(); t != nil && t.State == content.TicketDraft {
		c.dropDraft(t.Number)
		c.ticket = nil
	}
}

func (c *conversation) dropDraft(number int64) {
	if err := c.e.cfg.Tickets.DeleteDraft(context.WithoutCancel(c.ctx), number); err != nil {
		c.e.log.Warn("deleting a draft ticket failed", "ticket", number, "err", err)
	}
}

// startHandoff answers "Talk to a person": it asks for the question, or
// says that a request is open already, or — without a volunteer inbox —
// lists the helplines.
func (c *conversation) startHandoff() []Reply {
	if !c.handoffOn() {
		return []Reply{c.handoffUnavailable()}
	}
	if c.m.Group { // a volunteer's reply must not reach everyone in a group
		return []Reply{c.reply(tr(c.lang, "handoff_private_only"))}
	}
	if t := c.activeTicket(); t != nil && t.State != content.TicketDraft {
		return []Reply{c.reply(tr(c.lang, "handoff_already", "number", ticketNo(t.Number)), c.backRow(t.Number))}
	}
	now := c.e.cfg.Now()
	d, err := c.e.cfg.Tickets.SaveDraft(c.ctx, content.Ticket{
		Channel: c.m.Channel, ChatID: c.m.ChatID, UserID: c.m.UserID,
		Lang: c.lang, Region: c.homeRegion(), Topic: c.sess.Topic, Created: now, Updated: now,
	})
	if err != nil {
		c.e.log.Error("saving a draft ticket failed", "channel", c.m.Channel, "err", err)
		return []Reply{c.reply(tr(c.lang, "handoff_failed"))}
	}
	c.ticket, c.ticketRead = &d, true
	return []Reply{c.reply(tr(c.lang, "handoff_ask"), []Button{c.handoffButton("btn_cancel", stepCancel, d.Number)})}
}

// handoffUnavailable is the honest answer where no volunteer inbox is
// configured: nobody is reachable here; these lines help.
func (c *conversation) handoffUnavailable() Reply {
	lines := []string{tr(c.lang, "handoff_unavailable")}
	if help := c.helplines(func(string) bool { return true }); len(help) > 0 {
		lines = append(append(lines, ""), help...)
	}
	return c.reply(strings.Join(lines, "\n"))
}

// toTicket handles what the person writes while they have a ticket:
// emergencies are answered first, then the text becomes the draft's
// question (and the confirmation is shown) or is added to the open ticket.
func (c *conversation) toTicket(t *content.Ticket, text string) []Reply {
	out, _ := c.emergencyFirst(text)
	if t.State == content.TicketDraft {
		return append(out, c.draftQuestion(t, text)...)
	}
	now := c.e.cfg.Now()
	msg := &content.TicketMessage{From: content.FromPerson, Text: text, At: now}
	_, err := c.e.cfg.Tickets.Act(c.ctx, t.Number, content.ActFollowUp, "person", now, msg, nil)
	switch {
	case errors.Is(err, content.ErrTicketClosed), errors.Is(err, content.ErrNotFound):
		// Closed meanwhile (a volunteer, the idle job): the bot answers.
		c.ticket = nil
		return c.ask(text).Replies
	case err != nil:
		c.e.log.Error("adding to a ticket failed", "ticket", t.Number, "err", err)
		return append(out, c.reply(tr(c.lang, "handoff_failed")))
	}
	return append(out, c.reply(tr(c.lang, "handoff_added", "number", ticketNo(t.Number)), c.backRow(t.Number)))
}

// emergencyFirst answers danger before anything else, also while a
// ticket is open: it returns the emergency reply when the text is about
// one, and what the matcher understood. It sets the conversation's
// language to the one the text is written in.
func (c *conversation) emergencyFirst(text string) ([]Reply, content.Understanding) {
	u := c.st.matcher.Understand(content.Query{Text: text, Chosen: c.sess.Lang, Hint: c.hint(), Region: c.region()})
	c.noteWritten(u.Detected)
	c.lang = c.resolveLang(u.Lang)
	if u.Emergency != "" {
		return []Reply{c.emergency(u.Emergency)}, u
	}
	return nil, u
}

// draftQuestion adds text to the draft's question (a question may come in
// several messages), keeps the bot's best guesses for it, and shows the
// confirmation.
func (c *conversation) draftQuestion(t *content.Ticket, text string) []Reply {
	q := strings.TrimSpace(t.Question + "\n\n" + text)
	if len(q) > maxQuestionBytes { // its parts are clean already; cleanText would cut it to one message
		q = strings.TrimSpace(strings.ToValidUTF8(q[:maxQuestionBytes], ""))
	}
	t.Question, t.Lang, t.Updated = q, c.lang, c.e.cfg.Now()
	u := c.st.matcher.Understand(content.Query{Text: q, Chosen: c.sess.Lang, Hint: c.lang, Region: t.Region})
	t.Candidates = nil
	for _, cand := range u.Candidates {
		if len(t.Candidates) < maxGuesses && c.st.pack.Intent(cand.Intent, t.Region) != nil {
			t.Candidates = append(t.Candidates, cand.Intent)
		}
	}
	saved, err := c.e.cfg.Tickets.SaveDraft(c.ctx, *t)
	if err != nil {
		c.e.log.Error("saving a draft ticket failed", "ticket", t.Number, "err", err)
		return []Reply{c.reply(tr(c.lang, "handoff_failed"))}
	}
	return []Reply{c.confirmation(saved)}
}

// confirmation shows exactly what volunteers will see, and asks to send
// it: Send first, Cancel second.
func (c *conversation) confirmation(t content.Ticket) Reply {
	lines := []string{tr(c.lang, "handoff_confirm"), "", t.Question, "",
		tr(c.lang, "field_language", "value", languageName(t.Lang, c.lang)),
		tr(c.lang, "field_region", "value", c.regionName(t.Region))}
	if tp := c.st.pack.Topic(t.Topic); tp != nil {
		lines = append(lines, tr(c.lang, "field_topic", "value", tp.Name.In(c.chain()...)))
	}
	if len(t.Candidates) > 0 {
		var titles []string
		for _, id := range t.Candidates {
			titles = append(titles, c.intentTitle(id))
		}
		lines = append(lines, tr(c.lang, "field_guesses", "value", strings.Join(titles, "; ")))
	}
	return c.reply(strings.Join(lines, "\n"), []Button{
		c.handoffButton("btn_send", stepSend, t.Number),
		c.handoffButton("btn_cancel", stepCancel, t.Number),
	})
}

// pressHandoff answers Send, Cancel and Back to the bot. A button whose
// ticket is gone or already past that step gets a polite "no request".
func (c *conversation) pressHandoff(step, arg string) []Reply {
	number, _ := strconv.ParseInt(arg, 10, 64)
	t := c.activeTicket()
	if !c.handoffOn() {
		return []Reply{c.handoffUnavailable()}
	}
	if t == nil || t.Number != number {
		return []Reply{c.reply(tr(c.lang, "handoff_none"), c.menuRow())}
	}
	draft := t.State == content.TicketDraft
	switch {
	case step == stepSend && draft && t.Question == "":
		return []Reply{c.reply(tr(c.lang, "handoff_ask"), []Button{c.handoffButton("btn_cancel", stepCancel, t.Number)})}
	case step == stepSend && draft:
		return c.send(t)
	case step == stepCancel && draft:
		c.dropDraft(t.Number)
		c.ticket = nil
		return []Reply{c.reply(tr(c.lang, "handoff_cancelled"), c.menuRow())}
	case step == stepBack && !draft:
		now := c.e.cfg.Now()
		if _, err := c.e.cfg.Tickets.Act(c.ctx, t.Number, content.ActClose, "person", now, nil, nil); err != nil && !errors.Is(err, content.ErrTicketClosed) {
			c.e.log.Error("closing a ticket failed", "ticket", t.Number, "err", err)
			return []Reply{c.reply(tr(c.lang, "handoff_failed"))}
		}
		c.ticket = nil
		return []Reply{c.reply(tr(c.lang, "handoff_back", "number", ticketNo(t.Number)), c.menuRow())}
	case !draft:
		return []Reply{c.reply(tr(c.lang, "handoff_already", "number", ticketNo(t.Number)), c.backRow(t.Number))}
	}
	return []Reply{c.reply(tr(c.lang, "handoff_none"), c.menuRow())}
}

// send opens the ticket and tells the person what happens next and when
// the region's volunteers usually answer.
func (c *conversation) send(t *content.Ticket) []Reply {
	now := c.e.cfg.Now()
	if _, err := c.e.cfg.Tickets.Act(c.ctx, t.Number, content.ActSubmit, "person", now, nil, nil); err != nil {
		c.e.log.Error("opening a ticket failed", "ticket", t.Number, "err", err)
		return []Reply{c.reply(tr(c.lang, "handoff_failed"))}
	}
	c.e.log.Info("ticket opened", "ticket", t.Number, "channel", c.m.Channel, "lang", t.Lang, "region", t.Region)
	hours := tr(c.lang, "handoff_hours_unknown")
	if r := c.st.pack.RegionSetting(t.Region, func(r *content.Region) bool { return len(r.VolunteerHours) > 0 }); r != nil {
		hours = r.VolunteerHours.In(c.chain()...)
	}
	text := tr(c.lang, "handoff_sent", "number", ticketNo(t.Number)) + "\n\n" + hours + "\n\n" + tr(c.lang, "handoff_meanwhile")
	return []Reply{c.reply(text, c.backRow(t.Number))}
}

// handoffButton is a button for one step of ticket number.
func (c *conversation) handoffButton(key, step string, number int64) Button {
	return Button{Label: tr(c.lang, key), Payload: c.encode(handoffPayload(step, number))}
}

// backRow is the "Back to the bot" button of an open ticket.
func (c *conversation) backRow(number int64) []Button {
	return []Button{c.handoffButton("btn_back_to_bot", stepBack, number)}
}

// ticketNo is how people and volunteers see a ticket number: "#12".
func ticketNo(n int64) string { return "#" + strconv.FormatInt(n, 10) }

// forgetTickets deletes the person's tickets (/forget) and reports how many.
func (c *conversation) forgetTickets(ctx context.Context) (int, error) {
	if c.e.cfg.Tickets == nil {
		return 0, nil
	}
	c.ticket, c.ticketRead = nil, true
	return c.e.cfg.Tickets.DeleteFor(ctx, c.m.Channel, c.m.UserID)
}
