package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update types the adapter asks Telegram for (by
// getUpdates and setWebhook). Edited messages are not among them: the
// original was answered already, and answering the edit would answer twice
// (see docs/telegram.md). One that still arrives, queued before this
// setting took effect, is ignored.
const allowedUpdates = `["message","callback_query"]`

// pollLimit is the most updates one getUpdates call returns.
const pollLimit = 100

// Poll fetches updates by long polling until ctx ends, then stops fetching,
// lets in-flight updates finish (up to DrainTimeout) and confirms them, so
// the next start neither loses nor repeats an update.
//
// The offset sent to Telegram is the lowest update not yet handled: an
// update is confirmed only after its replies were sent. Since an answer
// starts at that offset, at most 100 updates are in flight at a time. While
// updates are in flight, Poll asks without waiting (timeout 0) once there
// is room for new ones or every 250 ms, which keeps confirmations prompt;
// when idle it long-polls.
func (a *Adapter) Poll(ctx context.Context) error {
	if err := a.deleteWebhook(ctx); err != nil {
		return err
	}
	poller := *a.base
	poller.Client = &ctxClient{ctx: ctx, client: &tokenScrubber{token: a.cfg.Token, client: &http.Client{
		Timeout:   a.cfg.PollTimeout + 15*time.Second,
		Transport: a.transport,
	}}}
	seen := newOffsets()
	a.log.Info("telegram: polling for updates", "bot", a.Username())
	failures := 0
	var fatal error
	for ctx.Err() == nil && fatal == nil {
		busy := seen.unfinished() > 0
		timeout := int(a.cfg.PollTimeout / time.Second)
		if busy {
			timeout = 0
		}
		updates, err := fetch(&poller, seen.next(), timeout)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			c := Classify(err)
			if c.Outcome == relay.Unauthorized {
				fatal = wrapAPI("getUpdates", err)
				break
			}
			if strings.Contains(err.Error(), "webhook is active") { // set by someone else meanwhile
				if err := a.deleteWebhook(ctx); err != nil {
					fatal = err
					break
				}
			}
			failures++
			wait := a.cfg.Backoff(failures)
			if c.Outcome == relay.RateLimited {
				wait = c.RetryAfter
			}
			a.log.Warn("telegram: getUpdates failed", "outcome", c.Outcome.String(), "error", err, "retry_in", wait)
			_ = relay.Sleep(ctx, wait)
			continue
		}
		failures = 0
		fresh := 0
		for _, raw := range updates {
			if a.takeUpdate(raw, seen) {
				fresh++
			}
		}
		if seen.unfinished() > 0 {
			a.waitForRoom(ctx, seen, fresh == 0)
		}
	}
	a.drain()
	a.confirm(seen.next())
	return fatal
}

// deleteWebhook removes a webhook, which would make getUpdates fail, and
// keeps the updates waiting. It retries until it works, ctx ends, or the
// token is refused.
func (a *Adapter) deleteWebhook(ctx context.Context) error {
	for attempt := 1; ; attempt++ {
		_, err := a.api.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": "false"})
		c := Classify(err)
		switch {
		case c.Outcome == relay.Sent:
			return nil
		case c.Outcome == relay.Unauthorized || c.Outcome == relay.Permanent:
			return wrapAPI("deleteWebhook", err)
		}
		wait := a.cfg.Backoff(attempt)
		if c.Outcome == relay.RateLimited {
			wait = c.RetryAfter
		}
		a.log.Warn("telegram: deleteWebhook failed; retrying", "outcome", c.Outcome.String(), "error", err, "retry_in", wait)
		if relay.Sleep(ctx, wait) != nil {
			return nil // stopped before starting: nothing to drain
		}
	}
}

// takeUpdate queues one fetched update unless it was seen before (getUpdates
// returns every unconfirmed update, including those in flight). It reports
// whether the update was new.
func (a *Adapter) takeUpdate(raw json.RawMessage, seen *offsets) bool {
	var head struct {
		UpdateID int `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.UpdateID <= 0 {
		a.stats.Malformed.Add(1)
		a.log.Warn("telegram: update without a usable update_id", "error", err)
		return false
	}
	id := head.UpdateID
	if !seen.add(id) {
		return false
	}
	a.stats.Updates.Add(1)
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		a.stats.Malformed.Add(1)
		a.log.Warn("telegram: skipping malformed update", "update", id, "error", err)
		seen.finish(id)
		return true
	}
	// Only one replica polls (serve's leader lock), so an update another
	// replica held is taken over; one answered before a failover (fetched
	// again, as it was not confirmed yet) is not answered again.
	if a.claim(a.hardCtx, id) == content.UpdateDone {
		a.stats.Duplicates.Add(1)
		seen.finish(id)
		return true
	}
	j := job{in: translate(u, a.Username()), done: func(finished bool) {
		a.settle(id, finished)
		if finished {
			seen.finish(id)
		}
	}}
	if !a.enqueue(j, true) {
		a.stats.Unfinished.Add(1) // only when closed: shutting down
	}
	return true
}

// enqueue hands a job to the dispatcher, or finishes it at once when it
// needs no work. It returns false if the dispatcher refused it.
func (a *Adapter) enqueue(j job, force bool) bool {
	if j.in.ignore != "" && j.in.callbackID == "" {
		a.stats.Ignored.Add(1)
		a.log.Debug("telegram: update ignored", "update", j.in.updateID, "reason", j.in.ignore)
		j.done(true)
		return true
	}
	return a.dispatch.Submit(j, force)
}

// confirmEvery bounds how long handled updates wait to be confirmed while
// others are in flight.
const confirmEvery = 250 * time.Millisecond

// waitForRoom returns when the next getUpdates is worth making: after an
// update finished (if the last answer brought nothing new) and once at most
// half of an answer would repeat updates already in flight (an answer
// starts at the lowest unfinished update); or after confirmEvery, to
// confirm progress; or when ctx ends.
func (a *Adapter) waitForRoom(ctx context.Context, seen *offsets, needProgress bool) {
	t := time.NewTimer(confirmEvery)
	defer t.Stop()
	for needProgress || seen.unfinished() > pollLimit/2 {
		needProgress = false
		select {
		case <-a.dispatch.Changed():
		case <-t.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

// drain waits for in-flight updates up to DrainTimeout, then cancels what
// is still running.
func (a *Adapter) drain() {
	ctx, cancel := context.WithTimeout(context.Background(), a.cfg.DrainTimeout)
	defer cancel()
	_ = a.dispatch.Drain(ctx, func() {
		a.log.Warn("telegram: drain timeout; canceling updates still in flight")
		a.hardCancel()
	})
	a.hardCancel()
}

// confirm tells Telegram that every update below offset is handled.
func (a *Adapter) confirm(offset int) {
	if offset == 0 {
		return
	}
	_, err := a.base.MakeRequest("getUpdates", tgbotapi.Params{
		"offset": strconv.Itoa(offset), "limit": "1", "timeout": "0", "allowed_updates": allowedUpdates,
	})
	if err != nil {
		a.log.Warn("telegram: confirming handled updates failed; some may be delivered again", "offset", offset, "error", err)
	}
}

// fetch calls getUpdates and returns the raw updates, so one malformed
// update cannot stop the others from being read.
func fetch(api *tgbotapi.BotAPI, offset, timeout int) ([]json.RawMessage, error) {
	p := tgbotapi.Params{"limit": strconv.Itoa(pollLimit), "timeout": strconv.Itoa(timeout), "allowed_updates": allowedUpdates}
	if offset != 0 {
		p["offset"] = strconv.Itoa(offset)
	}
	resp, err := api.MakeRequest("getUpdates", p)
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(resp.Result, &raws); err != nil {
		return nil, errors.New("telegram: getUpdates result is not an array")
	}
	return raws, nil
}

func wrapAPI(method string, err error) error {
	return errors.Join(errors.New("telegram: "+method+" failed"), err)
}
