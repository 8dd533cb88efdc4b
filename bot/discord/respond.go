package discord

import (
	"context"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// initialFunc gives an interaction its one initial response: over the
// gateway a POST to the callback endpoint, over HTTP the body of the
// response to Discord's request.
type initialFunc func(context.Context, *discordgo.InteractionResponse) error

// answer is one interaction being answered. Discord wants an initial
// response within 3 seconds: the answer itself when it is ready in time
// (AckAfter), else a deferral ("thinking…", type 5; type 6 when a button
// updates its own message) and the answer as an edit of it. Messages after
// the first are follow-ups.
type answer struct {
	a         *Adapter
	i         *discordgo.Interaction
	initial   initialFunc
	ephemeral bool // only the person who used the interaction sees the answer
	update    bool // the answer replaces the message the button is on

	mu       sync.Mutex
	acked    bool // the initial response was given (or tried)
	deferred bool // it was a deferral: the first message edits @original
	timer    *time.Timer
}

func (a *Adapter) newAnswer(i *discordgo.Interaction, initial initialFunc, ephemeral, update bool) *answer {
	return &answer{a: a, i: i, initial: initial, ephemeral: ephemeral, update: update}
}

// deferAfter makes sure Discord hears from the bot in time: if the answer
// is not sent within d, a deferral is.
func (w *answer) deferAfter(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.timer = time.AfterFunc(d, w.deferNow)
}

func (w *answer) flags() discordgo.MessageFlags {
	if w.ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func (w *answer) deferNow() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.acked {
		return
	}
	w.acked = true
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: w.flags()}}
	if w.update {
		resp = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	ctx, cancel := context.WithTimeout(w.a.hardCtx, 3*time.Second)
	defer cancel()
	if err := w.initial(ctx, resp); err != nil {
		w.a.log.Warn("discord: deferring an interaction failed", "interaction", w.i.ID, "error", err)
		return
	}
	w.deferred = true
}

// send delivers the answer: the first message as the initial response (or
// as the edit of the deferral), the others as follow-ups.
func (w *answer) send(ctx context.Context, msgs []outMessage) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.timer != nil {
		w.timer.Stop()
	}
	if len(msgs) == 0 {
		msgs = []outMessage{{Content: "⋯"}}
	}
	first, rest := msgs[0], msgs[1:]
	var err error
	switch {
	case !w.acked:
		w.acked = true
		kind := discordgo.InteractionResponseChannelMessageWithSource
		if w.update {
			kind = discordgo.InteractionResponseUpdateMessage
		}
		err = w.initial(ctx, &discordgo.InteractionResponse{Type: kind, Data: &discordgo.InteractionResponseData{
			Content: first.Content, Embeds: first.Embeds, Components: components(first.Components),
			AllowedMentions: noMentions(), Flags: w.flags(),
		}})
	case w.deferred:
		err = w.a.call(ctx, "edit original", func(opt discordgo.RequestOption) error {
			_, err := w.a.s.InteractionResponseEdit(w.i, &discordgo.WebhookEdit{
				Content: &first.Content, Embeds: embedsPtr(first.Embeds), Components: componentsPtr(first.Components),
				AllowedMentions: noMentions(),
			}, opt)
			return err
		})
	default: // the deferral failed: Discord shows "interaction failed"; follow-ups may still work
		rest = msgs
	}
	for _, m := range rest {
		if err != nil {
			break
		}
		err = w.followup(ctx, m)
	}
	return err
}

// followup sends a message after the first. Under an answer that updates
// a message (a ticket's buttons), follow-ups are notes for the one who
// pressed: ephemeral.
func (w *answer) followup(ctx context.Context, m outMessage) error {
	flags := w.flags()
	if w.update {
		flags = discordgo.MessageFlagsEphemeral
	}
	return w.a.call(ctx, "follow-up", func(opt discordgo.RequestOption) error {
		_, err := w.a.s.FollowupMessageCreate(w.i, true, &discordgo.WebhookParams{
			Content: m.Content, Embeds: m.Embeds, Components: components(m.Components),
			AllowedMentions: noMentions(), Flags: flags,
		}, opt)
		return err
	})
}

// respondNow gives an initial response that cannot wait: autocomplete
// choices, a modal, a notice. It is given at once, not through the
// per-person queue.
func (a *Adapter) respondNow(i *discordgo.Interaction, initial initialFunc, resp *discordgo.InteractionResponse) {
	if resp.Data != nil && (resp.Type == discordgo.InteractionResponseChannelMessageWithSource || resp.Type == discordgo.InteractionResponseUpdateMessage) {
		resp.Data.AllowedMentions = noMentions()
		resp.Data.Components = components(resp.Data.Components)
	}
	ctx, cancel := context.WithTimeout(a.hardCtx, 3*time.Second)
	defer cancel()
	if err := initial(ctx, resp); err != nil {
		a.log.Warn("discord: answering an interaction failed", "interaction", i.ID, "type", int(resp.Type), "error", err)
	}
}

// notice answers an interaction at once with a short ephemeral text.
func (a *Adapter) notice(i *discordgo.Interaction, initial initialFunc, text string) {
	a.respondNow(i, initial, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: escapeMarkdown(text), Flags: discordgo.MessageFlagsEphemeral}})
}

// components is never nil: Discord reads a missing list as "keep" on
// edits, and an empty one as "no buttons".
func components(c []discordgo.MessageComponent) []discordgo.MessageComponent {
	if c == nil {
		return []discordgo.MessageComponent{}
	}
	return c
}

func componentsPtr(c []discordgo.MessageComponent) *[]discordgo.MessageComponent {
	c = components(c)
	return &c
}

func embedsPtr(e []*discordgo.MessageEmbed) *[]*discordgo.MessageEmbed {
	if e == nil {
		e = []*discordgo.MessageEmbed{}
	}
	return &e
}
