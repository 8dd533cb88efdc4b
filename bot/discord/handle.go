package discord

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
)

// job is one interaction waiting for its person's turn: the work that
// makes its messages, and the answer they go to.
type job struct {
	person string
	w      *answer
	work   func(ctx context.Context) []outMessage
}

// handleInteraction is the one entry for interactions, from the gateway
// and from the HTTP endpoint alike. What must be answered at once
// (autocomplete, modals, notices about broken buttons) is; the rest goes
// through the per-person queue, with a deferral if it takes longer than
// AckAfter.
func (a *Adapter) handleInteraction(i *discordgo.Interaction, initial initialFunc) {
	a.stats.Updates.Add(1)
	switch i.Type {
	case discordgo.InteractionPing:
		a.respondNow(i, initial, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		a.respondNow(i, initial, &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: a.autocomplete(i)}})
	case discordgo.InteractionApplicationCommand:
		a.command(i, initial)
	case discordgo.InteractionMessageComponent:
		a.component(i, initial)
	case discordgo.InteractionModalSubmit:
		a.modalSubmit(i, initial)
	default:
		a.stats.Ignored.Add(1)
	}
}

// queue runs work for the interaction's person in order, answering with
// the messages it makes.
func (a *Adapter) queue(i *discordgo.Interaction, initial initialFunc, ephemeral, update bool, work func(context.Context) []outMessage) {
	w := a.newAnswer(i, initial, ephemeral, update)
	w.deferAfter(a.cfg.AckAfter)
	j := &job{person: personOf(i), w: w, work: work}
	if !a.dispatch.Submit(j, false) {
		w.timer.Stop()
		a.stats.Shed.Add(1)
		a.notice(i, initial, bot.Apology(string(i.Locale), bot.TroubleFailed))
	}
}

// run does a job (on the dispatcher's worker) and sends its answer.
func (a *Adapter) run(j *job) bool {
	ctx, cancel := context.WithTimeout(a.hardCtx, a.cfg.Timeout)
	defer cancel()
	msgs := j.work(ctx)
	if err := j.w.send(ctx, msgs); err != nil {
		a.log.Warn("discord: answer not delivered", "interaction", j.w.i.ID, "error", err)
		return true
	}
	a.stats.Handled.Add(1)
	return true
}

// shed answers an interaction dropped because its person has too many
// waiting: Discord must hear back, so the person is told to wait.
func (a *Adapter) shed(j *job) {
	a.stats.Shed.Add(1)
	ctx, cancel := context.WithTimeout(a.hardCtx, 3*time.Second)
	defer cancel()
	text := bot.Apology(string(j.w.i.Locale), bot.TroubleTooMany)
	if err := j.w.send(ctx, []outMessage{{Content: escapeMarkdown(text)}}); err != nil {
		a.log.Warn("discord: flood notice not delivered", "interaction", j.w.i.ID, "error", err)
	}
}

// personOf is the Discord user behind an interaction: a member in a guild,
// a user in a direct message.
func personOf(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// message is the engine message for an interaction: the person, the
// channel they used it in, their client's language.
func message(i *discordgo.Interaction) bot.Message {
	return bot.Message{Channel: Channel, UserID: personOf(i), ChatID: i.ChannelID, Group: i.GuildID != "", LangHint: string(i.Locale)}
}

// ask runs one engine message and renders its replies; an engine error
// gives the apology.
func (a *Adapter) ask(ctx context.Context, m bot.Message, render func([]bot.Reply) []outMessage) []outMessage {
	replies, err := a.cfg.Engine.Handle(ctx, m)
	if err != nil {
		a.stats.HandlerErrors.Add(1)
		a.log.Error("discord: engine failed", "error", err)
		return []outMessage{{Content: escapeMarkdown(bot.Apology(m.LangHint, bot.TroubleFailed))}}
	}
	return render(replies)
}

// component answers a button.
func (a *Adapter) component(i *discordgo.Interaction, initial initialFunc) {
	id, err := decodeCustomID(i.MessageComponentData().CustomID)
	if err != nil {
		a.stats.Malformed.Add(1)
		a.notice(i, initial, bot.Apology(string(i.Locale), bot.TroubleBrokenButton))
		return
	}
	a.stats.Callbacks.Add(1)
	switch id.kind {
	case idEngine, idPost:
		region, ok := a.regionByKey(id.region)
		if !ok {
			a.notice(i, initial, bot.Apology(string(i.Locale), bot.TroubleBrokenButton))
			return
		}
		m := message(i)
		m.Payload, m.Lang, m.Region = id.payload, id.lang, region
		v := view{lang: id.lang, region: id.region, locale: string(i.Locale), post: id.kind == idEngine}
		a.queue(i, initial, id.kind == idEngine, false, func(ctx context.Context) []outMessage {
			return a.ask(ctx, m, v.renderAll)
		})
	case idTicket, idModal:
		a.ticketButton(i, initial, id)
	}
}

// regionByKey finds the region a custom id's key names in the content in
// use; "" is no region. ok is false for a key no region has (any more).
func (a *Adapter) regionByKey(key string) (string, bool) {
	if key == "" {
		return "", true
	}
	if p := a.cfg.Engine.Pack(); p != nil {
		for _, r := range p.Regions {
			if regionKey(r.ID) == key {
				return r.ID, true
			}
		}
	}
	return "", false
}

// stripCommand keeps a question typed into /ask from being taken for one
// of the engine's own commands ("/forget").
func stripCommand(q string) string {
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(q), "/"))
}
