package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/compassbot/compass/content"
)

// Question is a one-off question, as `compass ask` poses them: no session,
// no commands, just text and what is known about the asker.
type Question struct {
	Text     string
	LangHint string // platform language hint, like Message.LangHint
	Region   string // the asker's region; "" for the engine's default
}

// Answer is the engine's reply to a question together with what it
// understood.
type Answer struct {
	Understanding content.Understanding
	Intent        string // the intent answered; "" when the engine was not sure
	Lang          string // language the answer is written in (a fallback when its translation is missing)
	Replies       []Reply
}

// ErrUnknownRegion is returned by Ask for a region the pack does not have.
var ErrUnknownRegion = errors.New("unknown region")

// Ask answers a one-off question the way Handle answers free text, without
// reading or writing any session.
func (e *Engine) Ask(ctx context.Context, q Question) (Answer, error) {
	st := e.state.Load()
	if st == nil {
		return Answer{}, ErrNoContent
	}
	if q.Region != "" && st.pack.Region(q.Region) == nil {
		return Answer{}, fmt.Errorf("%w %q", ErrUnknownRegion, q.Region)
	}
	c := &conversation{ctx: ctx, e: e, st: st, stateless: true, caps: DefaultCapabilities,
		m:    Message{Channel: "ask", LangHint: q.LangHint},
		sess: content.Session{Channel: "ask", Region: q.Region}}
	c.lang = c.resolveLang("")
	text := cleanText(q.Text)
	if text == "" {
		return Answer{Lang: c.lang, Replies: []Reply{c.reply(tr(c.lang, "empty"))}}, nil
	}
	return c.ask(text), nil
}

// emergencyAnswerMin is the confidence an answer needs to follow the
// emergency numbers: a person in danger must not get a loosely related
// answer (asylum procedures after "I want to kill myself").
const emergencyAnswerMin = 0.75

// ask understands free text and answers it: emergency numbers first when
// the message is about danger, then the answer, or an honest "not sure".
func (c *conversation) ask(text string) Answer {
	start := time.Now()
	u := c.st.matcher.Understand(content.Query{Text: text, Chosen: c.chosen(), Hint: c.hint(), Region: c.homeRegion()})
	c.e.observe.Matched(time.Since(start))
	c.asked = u.Region // a region the question names, answered for once
	region := c.region()
	c.noteWritten(u.Detected)
	c.lang = c.resolveLang(u.Lang)
	a := Answer{Understanding: u, Lang: c.lang}
	if u.NotLanguage { // random bytes, a row of symbols: ask for words
		c.outcome = OutcomeNotLanguage
		var menu [][]Button
		if !c.stateless {
			menu = [][]Button{c.menuRow()}
		}
		a.Replies = []Reply{c.reply(tr(c.lang, "empty"), menu...)}
		c.e.log.Debug("message is no language", "channel", c.m.Channel, "lang", c.lang)
		return a
	}
	if u.Emergency != "" {
		c.outcome = OutcomeEmergency
		a.Replies = append(a.Replies, c.emergency(u.Emergency))
	}
	best := u.Best()
	if u.Emergency != "" && len(u.Candidates) > 0 && u.Candidates[0].Score < emergencyAnswerMin {
		best = "" // after the emergency numbers, only an answer the matcher is sure fits
	}
	req := c.parseServiceRequest(text, c.lang, region)
	if best != "" && c.st.pack.Intent(best, region) == nil {
		best = ""
	}
	if u.Emergency == "" && (req.wanted() || (req.kind != "" && best == "")) {
		// "A doctor who speaks Arabic, open now": the services, with the
		// answer a button away; when the matcher would have asked back,
		// its first guess is that button (offered, not answered).
		c.outcome = OutcomeServices
		a.Intent = best
		offer := best
		if offer == "" && u.AskBack && len(u.Candidates) > 0 {
			offer = u.Candidates[0].Intent
		}
		a.Replies = append(a.Replies, c.serviceRequestReply(req, offer))
	} else if best != "" {
		var others []string
		for _, cand := range u.Candidates[1:] {
			others = append(others, cand.Intent)
		}
		if u.Emergency == "" {
			c.outcome = OutcomeAnswer
		}
		a.Intent = best
		answer := c.answer(best, others)
		a.Lang = answer[0].Lang // the answer's language, which may be a fallback
		a.Replies = append(a.Replies, answer...)
		if second, ok := c.compare(best, a.Lang); ok {
			a.Replies = append(a.Replies, second)
		}
	} else if u.SmallTalk != "" {
		c.outcome = OutcomeSmallTalk
		a.Replies = append(a.Replies, c.smallTalk(u.SmallTalk))
	} else if u.Emergency == "" {
		c.outcome = OutcomeNotSure
		// Plausible but close candidates: ask back, one tap to the answer.
		// Otherwise the honest "not sure", without guesses to pick from.
		var ids []string
		key := "not_sure_none"
		if u.AskBack {
			key = "did_you_mean"
			c.outcome = OutcomeAskBack
			for _, cand := range u.Candidates {
				ids = append(ids, cand.Intent)
			}
		}
		a.Replies = append(a.Replies, c.choices(tr(c.lang, key), ids))
		c.recordGap(text, u)
	}
	if first := min(len(a.Replies), 1); u.Emergency != "" {
		c.scope(a.Replies[first:]) // nothing comes before the emergency numbers
	} else {
		a.Replies = c.scope(a.Replies)
	}
	c.e.log.Debug("question answered", "channel", c.m.Channel, "lang", c.lang, "intent", a.Intent,
		"emergency", u.Emergency, "candidates", len(u.Candidates), "service_kind", req.kind, "service_langs", len(req.langs))
	return a
}

// compare is the answer again in the language Message.Compare asks for, to
// read side by side with the one in lang; ok is false when there is no
// second language to show.
func (c *conversation) compare(id, lang string) (Reply, bool) {
	second := c.st.packLanguage(c.m.Compare)
	if c.m.Compare == CompareLocal {
		second = c.localLanguage()
	}
	if second == "" || second == lang {
		return Reply{}, false
	}
	saved := c.lang
	defer func() { c.lang = saved }()
	c.lang = second // notes ("not translated yet") in the language of the reader
	r := c.answer(id, nil)[0]
	r.Buttons = nil
	return r, true
}

// scope marks replies that answer for a region the question named rather
// than the person's own (c.asked; their buttons carry that region, see
// conversation.encode): the last reply says so and gets a button that
// makes it the person's region for good. A one-off question has no session
// to switch.
func (c *conversation) scope(replies []Reply) []Reply {
	if c.asked == "" || c.stateless || len(replies) == 0 {
		return replies
	}
	name := c.regionName(c.asked)
	last := &replies[len(replies)-1]
	last.Text = tr(c.lang, "named_region", "region", name, "current", c.regionName(c.homeRegion())) + "\n\n" + last.Text
	last.Buttons = append(last.Buttons, []Button{{Label: tr(c.lang, "btn_switch", "region", name), Payload: c.encode(regionPayload(c.asked))}})
	return replies
}
