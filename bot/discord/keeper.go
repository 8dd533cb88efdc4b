package discord

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
)

// keeper keeps the inbox channel in step with the tickets: every ticket
// volunteers work on has one message there, edited as its state changes;
// the person's follow-ups and the volunteers' replies go to a thread on it;
// a ticket deleted at the person's request (/forget) takes its message and
// thread messages with it. It follows the engine's inbox events; at start
// and after missed events it lists the tickets and reconciles.
type keeper struct {
	a       *Adapter
	in      *bot.Inbox
	channel string
	botID   string
	posts   map[int64]*post // ticket → its message (the keeper's goroutine only)
}

// post is a ticket's message and thread in the inbox channel.
type post struct {
	message string
	thread  string // "" until the first follow-up; a thread has its message's id
	seq     int    // the last follow-up or reply shown in the thread; -1: not known yet (found at a start)
}

// scanPages bounds how far back the keeper looks for its messages at start:
// 10 pages of 100.
const scanPages = 10

// KeepInbox keeps the inbox channel (Config.Inbox) until ctx ends. It does
// nothing without an inbox channel or an engine inbox. Run it in one
// process per bot: several would post every ticket several times.
func (a *Adapter) KeepInbox(ctx context.Context) error {
	in := a.cfg.Engine.Inbox()
	if in == nil || a.cfg.Inbox == "" {
		return nil
	}
	k := &keeper{a: a, in: in, channel: a.cfg.Inbox, botID: a.botID, posts: map[int64]*post{}}
	events := in.Subscribe(ctx) // before the first sync: nothing happens unseen in between
	k.scan(ctx)
	k.sync(ctx)
	k.sweep(ctx) // what was deleted or purged while no keeper ran goes now, not at the first tick
	a.log.Info("discord: keeping the inbox", "channel", a.cfg.Inbox, "tickets", len(k.posts))
	sweep := time.NewTicker(a.cfg.InboxSweep)
	defer sweep.Stop()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			k.handle(ctx, ev)
		case <-sweep.C:
			k.sweep(ctx)
		}
	}
}

// sweep removes what the inbox still shows of tickets whose text the bot
// no longer keeps: deleted, or closed longer ago than the retention (the
// engine's ticket jobs purge their text). The Discord copy never outlives
// the bot's own. It also posts the tickets volunteers work on that have no
// message yet (posting failed when they opened).
func (k *keeper) sweep(ctx context.Context) {
	if views, err := k.in.List(ctx); err == nil {
		for _, v := range views {
			if k.posts[v.Number] == nil {
				k.show(ctx, v)
			}
		}
	}
	for n := range k.posts {
		v, err := k.in.Get(ctx, n)
		switch {
		case errors.Is(err, bot.ErrNoTicket):
			k.remove(ctx, n)
		case err != nil:
			k.a.log.Warn("discord: reading a ticket for the inbox sweep failed", "ticket", n, "error", err)
		case v.State == "closed" && strings.TrimSpace(v.Question) == "":
			k.remove(ctx, n)
		default:
			k.thread(ctx, v) // what Discord would not take before
		}
	}
}

// handle applies one inbox event to the channel.
func (k *keeper) handle(ctx context.Context, ev bot.InboxEvent) {
	switch ev.Kind {
	case bot.InboxResync:
		k.sync(ctx)
	case bot.InboxDeleted:
		k.remove(ctx, ev.Ticket.Number)
	case bot.InboxOpened, bot.InboxState:
		k.show(ctx, ev.Ticket)
	case bot.InboxMessage:
		k.show(ctx, ev.Ticket)
		k.thread(ctx, ev.Ticket)
	}
}

// scan finds the ticket messages the bot posted before (an earlier run):
// its own messages with a ticket's title.
func (k *keeper) scan(ctx context.Context) {
	ms, _ := k.messages(ctx, k.channel)
	for _, m := range ms {
		if n := ticketNumberOf(m, k.botID); n != 0 && k.posts[n] == nil {
			p := &post{message: m.ID, seq: -1}
			if m.Thread != nil {
				p.thread = m.Thread.ID
			}
			k.posts[n] = p
		}
	}
}

// messages reads a channel's messages, newest first, up to scanPages
// pages of 100; ok is false when reading failed (the list is incomplete).
func (k *keeper) messages(ctx context.Context, channel string) (out []*discordgo.Message, ok bool) {
	before := ""
	for page := 0; page < scanPages; page++ {
		var ms []*discordgo.Message
		err := k.a.call(ctx, "reading a channel", func(opt discordgo.RequestOption) error {
			var err error
			ms, err = k.a.s.ChannelMessages(channel, 100, before, "", "", opt)
			return err
		})
		if restCode(err) == codeUnknownChannel {
			return out, true // gone (a thread someone deleted): nothing left in it
		}
		if err != nil {
			k.a.log.Warn("discord: reading the inbox channel failed", "error", err)
			return append(out, ms...), false
		}
		out = append(out, ms...)
		if len(ms) < 100 {
			return out, true
		}
		before = ms[len(ms)-1].ID
	}
	return out, true
}

// sync posts the tickets that have no message yet and brings the others
// up to date.
func (k *keeper) sync(ctx context.Context) {
	views, err := k.in.List(ctx)
	if err != nil {
		k.a.log.Warn("discord: listing tickets for the inbox failed", "error", err)
		return
	}
	for _, v := range views {
		k.show(ctx, v)
	}
}

// show posts a ticket's message, or edits it to the ticket's state.
func (k *keeper) show(ctx context.Context, v bot.TicketView) {
	msg := ticketMessage(v)
	p := k.posts[v.Number]
	if p != nil && !k.edit(ctx, p, v.Number, msg) {
		delete(k.posts, v.Number) // the message was deleted in Discord: post it again
		p = nil
	}
	if p != nil && p.seq < 0 { // found at the start: its thread shows what came before, not what comes now
		p.seq = 0
		if n := len(v.Messages); n > 0 {
			p.seq = v.Messages[n-1].Seq
		}
	}
	if p == nil {
		if v.State == "closed" {
			return // closed before it was ever shown: nothing to work on
		}
		var m *discordgo.Message
		err := k.a.call(ctx, "posting a ticket", func(opt discordgo.RequestOption) error {
			var err error
			m, err = k.a.s.ChannelMessageSendComplex(k.channel, &discordgo.MessageSend{
				Embeds: msg.Embeds, Components: components(msg.Components), AllowedMentions: noMentions(),
			}, opt)
			return err
		})
		if err != nil {
			k.a.log.Warn("discord: posting a ticket failed", "ticket", v.Number, "error", err)
			return
		}
		k.posts[v.Number] = &post{message: m.ID}
		k.a.stats.Outbound.Add(1)
		p = k.posts[v.Number]
		if textLen(escapeMarkdown(v.Question)) > maxEmbedDesc { // the message shows its start: the thread has it all
			k.post(ctx, v, p, bot.Entry{From: "person", Text: v.Question})
		}
		k.thread(ctx, v) // what was added before it could be posted
	}
}

// edit brings a ticket's message up to date. It reports false when the
// message is gone (deleted in Discord).
func (k *keeper) edit(ctx context.Context, p *post, number int64, msg outMessage) bool {
	err := k.a.call(ctx, "updating a ticket", func(opt discordgo.RequestOption) error {
		_, err := k.a.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			ID: p.message, Channel: k.channel, Embeds: embedsPtr(msg.Embeds), Components: componentsPtr(msg.Components),
			AllowedMentions: noMentions(),
		}, opt)
		return err
	})
	if err != nil {
		k.a.log.Warn("discord: updating a ticket failed", "ticket", number, "error", err)
	}
	return restCode(err) != codeUnknownMessage
}

// thread posts to the ticket's thread, in order, the follow-ups and
// replies it does not show yet (those after post.seq). What Discord would
// not take is posted at the next event or sweep.
func (k *keeper) thread(ctx context.Context, v bot.TicketView) {
	p := k.posts[v.Number]
	if p == nil || p.seq < 0 {
		return
	}
	for _, e := range v.Messages {
		if e.Seq <= p.seq {
			continue
		}
		if !k.post(ctx, v, p, e) {
			return
		}
		p.seq = e.Seq
	}
}

// codeThreadExists is Discord's error for a message that has a thread.
const codeThreadExists = 160004

// post adds one entry to the ticket's thread, starting the thread on the
// first; false when Discord would not take it.
func (k *keeper) post(ctx context.Context, v bot.TicketView, p *post, e bot.Entry) bool {
	if p.thread == "" {
		var th *discordgo.Channel
		err := k.a.call(ctx, "starting a ticket's thread", func(opt discordgo.RequestOption) error {
			var err error
			th, err = k.a.s.MessageThreadStartComplex(k.channel, p.message, &discordgo.ThreadStart{
				Name: clip(word(v.ViewLang, "thread_name", "number", strconv.FormatInt(v.Number, 10)), 100), AutoArchiveDuration: 10080,
			}, opt)
			return err
		})
		switch {
		case restCode(err) == codeThreadExists:
			p.thread = p.message // a volunteer started it: a thread has its message's id
		case err != nil:
			k.a.log.Warn("discord: starting a ticket's thread failed", "ticket", v.Number, "error", err)
			return false
		default:
			p.thread = th.ID
		}
	}
	for _, m := range threadMessages(v, e) {
		err := k.a.call(ctx, "posting to a ticket's thread", func(opt discordgo.RequestOption) error {
			_, err := k.a.s.ChannelMessageSendComplex(p.thread, &discordgo.MessageSend{Content: m.Content, AllowedMentions: noMentions()}, opt)
			return err
		})
		if err != nil {
			k.a.log.Warn("discord: posting to a ticket's thread failed", "ticket", v.Number, "error", err)
			return false
		}
		k.a.stats.Outbound.Add(1)
	}
	return true
}

// remove deletes what the inbox showed of a ticket the person asked to be
// forgotten (or whose text the retention removed): the bot's messages in
// its thread, then its message. What Discord would not delete stays in
// posts, and the next sweep tries again.
func (k *keeper) remove(ctx context.Context, number int64) {
	p := k.posts[number]
	if p == nil {
		return
	}
	done := true
	if p.thread != "" {
		ms, ok := k.messages(ctx, p.thread)
		done = ok
		for _, m := range ms {
			if m.Author != nil && m.Author.ID == k.botID {
				done = k.delete(ctx, p.thread, m.ID) && done
			}
		}
	}
	if done = k.delete(ctx, k.channel, p.message) && done; done {
		delete(k.posts, number)
	}
}

// delete deletes one of the bot's messages; true when it is gone.
func (k *keeper) delete(ctx context.Context, channel, id string) bool {
	err := k.a.call(ctx, "deleting a ticket's message", func(opt discordgo.RequestOption) error {
		return k.a.s.ChannelMessageDelete(channel, id, opt)
	})
	if err != nil && restCode(err) != codeUnknownMessage {
		k.a.log.Warn("discord: deleting a forgotten ticket's message failed; the next sweep tries again", "error", err)
		return false
	}
	return true
}
