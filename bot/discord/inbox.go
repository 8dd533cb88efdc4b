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

// The inbox: volunteers answer people's requests for a person from
// Discord. The keeper (keeper.go) posts each ticket to the inbox channel and
// keeps its message in step; the buttons on it and the /reply and /close
// commands act on the engine's inbox (bot.Inbox), which sees tickets only
// as bot.TicketView: nothing that identifies the person ever reaches
// Discord. A reply reaches the person through the engine's outbox, on
// whatever channel they wrote from.

// inboxCommand answers /reply and /close.
func (a *Adapter) inboxCommand(i *discordgo.Interaction, initial initialFunc, name string, opts options) {
	locale := string(i.Locale)
	in := a.cfg.Engine.Inbox()
	if in == nil {
		a.notice(i, initial, word(locale, "no_inbox"))
		return
	}
	number := parseTicketNumber(opts.str(optTicket))
	if number == 0 {
		a.notice(i, initial, word(locale, "no_ticket", "number", opts.str(optTicket)))
		return
	}
	vol, text := volunteerOf(i), opts.str(optText)
	a.queue(i, initial, true, false, func(ctx context.Context) []outMessage {
		if !a.inInbox(ctx, i) {
			return []outMessage{{Content: escapeMarkdown(word(locale, "inbox_only"))}}
		}
		var err error
		done := "replied"
		if name == cmdClose {
			_, err = in.Close(ctx, number, vol)
			done = "closed_now"
		} else {
			_, err = in.Reply(ctx, number, vol, text)
		}
		return []outMessage{{Content: escapeMarkdown(a.inboxOutcome(locale, number, done, err))}}
	})
}

// inboxOutcome says how an inbox step went, in the volunteer's language.
func (a *Adapter) inboxOutcome(locale string, number int64, done string, err error) string {
	n := strconv.FormatInt(number, 10)
	switch {
	case err == nil:
		return word(locale, done, "number", n)
	case errors.Is(err, bot.ErrTicketTaken):
		return word(locale, "taken", "number", n)
	case errors.Is(err, bot.ErrTicketClosed):
		return word(locale, "closed", "number", n)
	case errors.Is(err, bot.ErrNoTicket):
		return word(locale, "no_ticket", "number", n)
	case errors.Is(err, bot.ErrEmptyReply):
		return word(locale, "empty_reply")
	case errors.Is(err, bot.ErrReplyTooLong):
		return word(locale, "too_long")
	}
	a.log.Error("discord: inbox step failed", "ticket", number, "error", err)
	return word(locale, "failed")
}

// ticketButton answers a ticket's Claim, Reply and Close buttons. Claim
// and Close update the ticket's message at once (and tell the volunteer
// how it went, only to them); Reply opens the reply form.
func (a *Adapter) ticketButton(i *discordgo.Interaction, initial initialFunc, id customID) {
	locale := string(i.Locale)
	in := a.cfg.Engine.Inbox()
	if in == nil || id.kind != idTicket {
		a.notice(i, initial, word(locale, "no_inbox"))
		return
	}
	if i.ChannelID == "" || i.ChannelID != a.cfg.Inbox { // a ticket's buttons are on its message in the inbox channel
		a.notice(i, initial, word(locale, "inbox_only"))
		return
	}
	if id.action == actReply {
		a.respondNow(i, initial, replyModal(locale, id.ticket))
		return
	}
	vol := volunteerOf(i)
	a.queue(i, initial, false, true, func(ctx context.Context) []outMessage {
		var v bot.TicketView
		var err error
		done := "claimed"
		if id.action == actClose {
			v, err = in.Close(ctx, id.ticket, vol)
			done = "closed_now"
		} else {
			v, err = in.Claim(ctx, id.ticket, vol)
		}
		return a.ticketUpdate(ctx, in, v, err, locale, id.ticket, done)
	})
}

// ticketUpdate is the answer to a step taken on a ticket's message: the
// message as the ticket is now, then a note for the volunteer.
func (a *Adapter) ticketUpdate(ctx context.Context, in *bot.Inbox, v bot.TicketView, err error, locale string, number int64, done string) []outMessage {
	if err != nil {
		if now, gerr := in.Get(ctx, number); gerr == nil {
			v = now
		}
	}
	note := outMessage{Content: escapeMarkdown(a.inboxOutcome(locale, number, done, err))}
	if v.Number == 0 {
		return []outMessage{note} // gone: nothing to show in the message but the note
	}
	return []outMessage{ticketMessage(v), note}
}

// replyModal is the form a volunteer types a reply in.
func replyModal(locale string, number int64) *discordgo.InteractionResponse {
	n := strconv.FormatInt(number, 10)
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: customID{kind: idModal, ticket: number}.encode(),
		Title:    clip(word(locale, "modal_title", "number", n), 45),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: modalText, Label: clip(word(locale, "modal_label"), 45), Style: discordgo.TextInputParagraph,
				Placeholder: clip(word(locale, "modal_placeholder"), 100), Required: true, MinLength: 1, MaxLength: 4000},
		}}},
	}}
}

// modalText is the custom id of the reply form's text input.
const modalText = "text"

// modalSubmit takes a reply typed into a ticket's reply form.
func (a *Adapter) modalSubmit(i *discordgo.Interaction, initial initialFunc) {
	locale := string(i.Locale)
	data := i.ModalSubmitData()
	id, err := decodeCustomID(data.CustomID)
	in := a.cfg.Engine.Inbox()
	switch {
	case err != nil || id.kind != idModal:
		a.stats.Malformed.Add(1)
		a.notice(i, initial, bot.Apology(locale, bot.TroubleBrokenButton))
		return
	case in == nil:
		a.notice(i, initial, word(locale, "no_inbox"))
		return
	case i.ChannelID == "" || i.ChannelID != a.cfg.Inbox: // the form opens from a ticket's message
		a.notice(i, initial, word(locale, "inbox_only"))
		return
	}
	text := ""
	for _, row := range data.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range r.Components {
				if t, ok := c.(*discordgo.TextInput); ok && t.CustomID == modalText {
					text = t.Value
				}
			}
		}
	}
	vol := volunteerOf(i)
	onMessage := i.Message != nil // the form was opened from the ticket's message: update it
	a.queue(i, initial, !onMessage, onMessage, func(ctx context.Context) []outMessage {
		v, err := in.Reply(ctx, id.ticket, vol, text)
		if !onMessage {
			return []outMessage{{Content: escapeMarkdown(a.inboxOutcome(locale, id.ticket, "replied", err))}}
		}
		return a.ticketUpdate(ctx, in, v, err, locale, id.ticket, "replied")
	})
}

// ticketChoices offers the tickets volunteers work on for /reply and
// /close: "#12 · ar · Housing · the question's start", newest first.
func (a *Adapter) ticketChoices(i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	in := a.cfg.Engine.Inbox()
	if in == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(a.hardCtx, 2*time.Second)
	defer cancel()
	if !a.inInbox(ctx, i) {
		return nil
	}
	views, err := in.List(ctx)
	if err != nil {
		a.log.Warn("discord: listing tickets for autocomplete failed", "error", err)
		return nil
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for k := len(views) - 1; k >= 0 && len(out) < maxChoices; k-- {
		v := views[k]
		parts := []string{"#" + strconv.FormatInt(v.Number, 10), v.Lang}
		if v.TopicName != "" {
			parts = append(parts, v.TopicName)
		}
		parts = append(parts, v.Preview(60))
		name := strings.Join(parts, " · ")
		if matches(strings.TrimPrefix(typed, "#"), name) {
			out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clip(name, 100), Value: v.Number})
		}
	}
	return out
}

// inInbox reports whether an interaction was used where only volunteers
// are: the inbox channel (private to them, docs/discord.md) or a thread in
// it. Anywhere else (another channel of the server, another server the
// bot is in) the inbox's steps and its list of tickets are refused: what
// people share, and the power to write to them, stay with the volunteers.
// Whether a channel is a thread of the inbox is read from Discord once and
// remembered.
func (a *Adapter) inInbox(ctx context.Context, i *discordgo.Interaction) bool {
	switch {
	case a.cfg.Inbox == "" || i.ChannelID == "":
		return false
	case i.ChannelID == a.cfg.Inbox:
		return true
	}
	if in, ok := a.channelInInbox.Load(i.ChannelID); ok {
		return in.(bool)
	}
	var ch *discordgo.Channel
	err := a.call(ctx, "reading a channel", func(opt discordgo.RequestOption) error {
		var err error
		ch, err = a.s.Channel(i.ChannelID, opt)
		return err
	})
	if err != nil || ch == nil {
		return false
	}
	// A channel never becomes a thread, nor a thread another channel's.
	in := ch.IsThread() && ch.ParentID == a.cfg.Inbox
	a.channelInInbox.Store(i.ChannelID, in)
	return in
}
