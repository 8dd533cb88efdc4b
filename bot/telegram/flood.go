package telegram

import (
	"context"
	"time"

	"github.com/compassbot/compass/bot"
)

// floodNotice is called, under the dispatcher's lock, for every update
// shed because its chat floods. For the first shed message of a flood
// episode it returns a job that tells the person, in the language of
// their app, that only the first messages were answered; the dispatcher
// queues it behind the chat's waiting updates, so it arrives after their
// answers. Shed button presses, ignored updates and updates without a
// chat get no notice (a press still gets its callback answer).
func (a *Adapter) floodNotice(j job) (job, bool) {
	in := j.in
	if in.ignore != "" || in.callbackID != "" || in.chatID == 0 {
		return job{}, false
	}
	if !a.floods.Due(in.key(), time.Now()) {
		return job{}, false
	}
	n := inbound{updateID: in.updateID, chatID: in.chatID, flood: true}
	n.msg.LangHint = in.msg.LangHint
	n.msg.Group = in.msg.Group
	return job{in: n, done: func(bool) {}}, true
}

// sendFloodNotice sends the flood notice of a job made by floodNotice
// through the rate-limited sender. The shed update itself was confirmed
// long before; the notice is best effort.
func (a *Adapter) sendFloodNotice(j job) {
	ctx, cancel := context.WithTimeout(a.hardCtx, a.cfg.UpdateTimeout)
	defer cancel()
	notice := bot.Reply{Text: bot.Apology(j.in.msg.LangHint, bot.TroubleTooMany)}
	for _, o := range a.render(j.in, notice) {
		if err := a.sender.send(ctx, o); err != nil {
			a.log.Warn("telegram: flood notice not sent", "update", j.in.updateID, "chat", j.in.chatID, "error", err)
			return
		}
	}
	a.stats.FloodNotices.Add(1)
	a.log.Info("telegram: flood notice sent", "update", j.in.updateID, "chat", j.in.chatID)
}
