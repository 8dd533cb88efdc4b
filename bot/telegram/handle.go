package telegram

import (
	"context"
	"time"

	"github.com/compassbot/compass/bot"
)

// handle runs one update through the engine and sends the replies. It
// reports whether the update is finished: false only when shutdown cut it
// off before any reply was sent, so that it is delivered again after a
// restart rather than answered twice.
func (a *Adapter) handle(j job) bool {
	in := j.in
	if in.flood {
		a.sendFloodNotice(j)
		return true
	}
	ctx, cancel := context.WithTimeout(a.hardCtx, a.cfg.UpdateTimeout)
	defer cancel()
	ctx = a.dispatch.Lend(ctx) // handle runs on one of the dispatcher's workers
	if in.ignore != "" {
		a.stats.Ignored.Add(1)
		a.log.Debug("telegram: update ignored", "update", in.updateID, "reason", in.ignore)
		if in.callbackID != "" {
			why := bot.TroubleBrokenButton
			if in.chatID == 0 {
				why = bot.TroubleNoChat
			}
			a.answerCallback(ctx, in.callbackID, bot.Apology(in.msg.LangHint, why))
		}
		return true
	}
	a.sender.unblock(in.chatID)
	replies, err := a.cfg.Handler.Handle(ctx, in.msg)
	notice := ""
	if err != nil {
		if a.hardCtx.Err() != nil {
			a.stats.Unfinished.Add(1)
			return false
		}
		a.stats.HandlerErrors.Add(1)
		a.log.Error("telegram: engine failed", "update", in.updateID, "chat", in.chatID, "error", err)
		// The engine's own replies say everything; only when it failed does
		// the adapter apologise, in the person's app language (the engine's
		// words).
		notice = bot.Apology(in.msg.LangHint, bot.TroubleFailed)
		replies = []bot.Reply{{Text: notice}}
	}
	if in.callbackID != "" {
		a.answerCallback(ctx, in.callbackID, notice)
	}
	sent := false
replies:
	for _, r := range replies {
		for _, o := range a.render(in, r) {
			o.replyTo = 0
			if !sent {
				o.replyTo = in.replyTo
			}
			err := a.sender.send(ctx, o)
			if err != nil && a.hardCtx.Err() != nil && !sent {
				a.stats.Unfinished.Add(1)
				return false
			}
			if a.sender.isBlocked(o.chatID) {
				break replies
			}
			sent = sent || err == nil
		}
	}
	a.stats.Handled.Add(1)
	return true
}

// shed drops an update of a chat that floods the bot. A button press still
// gets its answer; for a message, the chat may get a notice (floodNotice).
func (a *Adapter) shed(j job) {
	a.stats.Shed.Add(1)
	a.log.Warn("telegram: chat floods the bot; update dropped", "update", j.in.updateID, "chat", j.in.chatID)
	if j.in.callbackID != "" {
		ctx, cancel := context.WithTimeout(a.hardCtx, 10*time.Second)
		defer cancel()
		a.answerCallback(ctx, j.in.callbackID, "")
	}
}

func (a *Adapter) answerCallback(ctx context.Context, id, notice string) {
	if err := a.sender.send(ctx, outgoing{callbackID: id, notice: notice}); err == nil {
		a.stats.Callbacks.Add(1)
	}
}

// render turns one reply into the calls that deliver it: its text in
// chunks of at most MaxMessageLen (the keyboard on the last), then its
// venue.
func (a *Adapter) render(in inbound, r bot.Reply) []outgoing {
	base := outgoing{chatID: in.chatID, group: in.msg.Group, urgent: r.Urgent}
	var out []outgoing
	kb := keyboard(r.Buttons, r.RTL)
	for _, chunk := range splitHTML(renderHTML(r), MaxMessageLen) {
		o := base
		o.text = chunk
		out = append(out, o)
	}
	if kb != nil {
		if len(out) == 0 {
			o := base
			o.text = "⋯"
			out = append(out, o)
		}
		out[len(out)-1].markup = *kb
	}
	if r.ShareLocation != "" && !in.msg.Group {
		out = askLocation(out, base, r.ShareLocation)
	}
	if v := r.Venue; v != nil && v.Title != "" && !(v.Lat == 0 && v.Lon == 0) {
		o := base
		venue := *v
		if venue.Address == "" {
			venue.Address = venue.Title
		}
		o.venue = &venue
		out = append(out, o)
	}
	return out
}
