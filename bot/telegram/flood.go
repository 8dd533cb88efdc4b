package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/compassbot/compass/bot"
)

// floodQuiet ends a chat's flood episode: after this long without a shed
// update, the next shed update starts a new episode and gets a notice.
// So a chat gets at most one flood notice per floodQuiet, and a chat that
// keeps flooding gets only the first.
const floodQuiet = time.Minute

// floodNotices decides which shed updates earn their chat a notice: the
// first of each flood episode. It remembers when each chat last had an
// update shed and forgets chats quiet for longer than an episode, so the
// map does not grow with every chat that ever flooded.
type floodNotices struct {
	quiet time.Duration

	mu    sync.Mutex
	last  map[int64]time.Time // chat → when its last update was shed
	calls int
}

func newFloodNotices(quiet time.Duration) *floodNotices {
	return &floodNotices{quiet: quiet, last: map[int64]time.Time{}}
}

// due records that an update of chatID was shed at now and reports whether
// this starts a flood episode (no update of the chat shed in the quiet
// period before).
func (f *floodNotices) due(chatID int64, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.calls%256 == 0 {
		for id, t := range f.last {
			if now.Sub(t) >= f.quiet {
				delete(f.last, id)
			}
		}
	}
	prev, seen := f.last[chatID]
	f.last[chatID] = now
	return !seen || now.Sub(prev) >= f.quiet
}

// len is the number of chats remembered.
func (f *floodNotices) len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.last)
}

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
	if !a.floods.due(in.chatID, time.Now()) {
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
	a.stats.floodNotices.Add(1)
	a.log.Info("telegram: flood notice sent", "update", j.in.updateID, "chat", j.in.chatID)
}
