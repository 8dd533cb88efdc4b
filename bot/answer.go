package bot

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
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
var ErrUnknownRegion = fmt.Errorf("unknown region")

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
	c := &conversation{ctx: ctx, e: e, st: st, stateless: true,
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
	region := c.region()
	u := c.st.matcher.Understand(content.Query{Text: text, Chosen: c.sess.Lang, Hint: c.m.LangHint, Region: region})
	c.lang = c.resolveLang(u.Lang)
	a := Answer{Understanding: u, Lang: c.lang}
	if u.Emergency != "" {
		a.Replies = append(a.Replies, c.emergency(u.Emergency))
	}
	best := u.Best()
	if u.Emergency != "" && len(u.Candidates) > 0 && u.Candidates[0].Score < emergencyAnswerMin {
		best = "" // after the emergency numbers, only an answer the matcher is sure fits
	}
	if best != "" && c.st.pack.Intent(best, region) != nil {
		var others []string
		for _, cand := range u.Candidates[1:] {
			others = append(others, cand.Intent)
		}
		a.Intent = best
		answer := c.answer(best, others)
		a.Lang = answer[0].Lang // the answer's language, which may be a fallback
		a.Replies = append(a.Replies, answer...)
	} else if u.Emergency == "" {
		var ids []string
		for _, cand := range u.Candidates {
			ids = append(ids, cand.Intent)
		}
		key := "not_sure"
		if len(ids) == 0 {
			key = "not_sure_none"
		}
		a.Replies = append(a.Replies, c.choices(tr(c.lang, key), ids))
	}
	c.e.log.Debug("question answered", "channel", c.m.Channel, "lang", c.lang, "intent", a.Intent,
		"emergency", u.Emergency, "candidates", len(u.Candidates))
	return a
}

// choices offers up to three intents as buttons, then a person and the topics.
func (c *conversation) choices(text string, ids []string) Reply {
	var rows [][]Button
	for _, id := range ids {
		if len(rows) == 3 {
			break
		}
		if c.st.pack.Intent(id, c.region()) != nil {
			rows = append(rows, []Button{{Label: c.intentTitle(id), Payload: intentPayload(id)}})
		}
	}
	rows = append(rows, humanButton(c.lang), topicsButton(c.lang))
	return c.reply(text, rows...)
}

// intentTitle is the title of an intent in the person's language, or the
// best fallback.
func (c *conversation) intentTitle(id string) string {
	in := c.st.pack.Intent(id, c.region())
	if in == nil {
		return id
	}
	if t, _ := c.translation(in); t != nil {
		return t.Title
	}
	return id
}

// translation returns the intent's text in the person's language or, when
// it is missing, along the fallback chain to the pack's source language
// and then any language the intent has.
func (c *conversation) translation(in *content.Intent) (*content.Translation, string) {
	if t, l := in.In(c.chain()...); t != nil {
		return t, l
	}
	langs := slices.Clone(c.st.pack.Languages)
	for _, l := range slices.Sorted(maps.Keys(in.Translations)) {
		langs = append(langs, l)
	}
	return in.In(langs...)
}

// reviewMaxAge is how old a review may be before answers say so.
const reviewMaxAge = 365 * 24 * time.Hour

// answer shows an intent: its text in the person's language (saying so if
// it had to fall back), the source and the date it was checked, and the
// buttons that lead on. others are the candidates "Not what I meant" offers.
func (c *conversation) answer(id string, others []string) []Reply {
	in := c.st.pack.Intent(id, c.region())
	t, got := c.translation(in)
	if t == nil {
		return c.stale()
	}
	c.setTopic(in.Topic) // a location shared next looks for services of this topic
	var notes []string
	if got != c.lang {
		notes = append(notes, tr(c.lang, "not_translated",
			"lang", languageName(c.lang, c.lang), "fallback", languageName(got, c.lang)))
	}
	switch t.Status {
	case content.StatusOutdated:
		notes = append(notes, tr(c.lang, "outdated"))
	case content.StatusMachine:
		notes = append(notes, tr(c.lang, "machine"))
	}
	if !in.Reviewed.IsZero() && c.e.cfg.Now().Sub(in.Reviewed) > reviewMaxAge {
		notes = append(notes, tr(c.lang, "old_review"))
	}
	body := strings.TrimSpace(t.Answer)
	if len(notes) > 0 {
		body = strings.Join(notes, "\n") + "\n\n" + body
	}
	if foot := c.footer(in, c.lang); foot != "" {
		body += "\n\n" + foot
	}
	r := Reply{Title: t.Title, Text: body, Lang: got, RTL: content.LanguageOf(got).RTL(), Links: sourceLinks(in)}
	if local := c.localLanguage(); local != "" && local != got && in.Translations[local] != nil {
		r.Buttons = append(r.Buttons, []Button{{
			Label:   c.localFlag() + tr(c.lang, "btn_show_local", "lang", languageName(local, c.lang)),
			Payload: localPayload(id)}})
	}
	if len(c.servicesOf(in)) > 0 {
		r.Buttons = append(r.Buttons, []Button{{Label: tr(c.lang, "btn_related"), Payload: servicesPayload(id)}})
	}
	r.Buttons = append(r.Buttons, []Button{{Label: tr(c.lang, "btn_not_meant"), Payload: othersPayload(others)}})
	return []Reply{r}
}

// footer is the line naming the source and the date the facts were checked,
// in lang.
func (c *conversation) footer(in *content.Intent, lang string) string {
	var parts []string
	if host := sourceHost(in.Source); host != "" {
		parts = append(parts, tr(lang, "source", "source", host))
	}
	if !in.Reviewed.IsZero() {
		parts = append(parts, tr(lang, "checked", "date", in.Reviewed.Format("2006-01-02")))
	}
	return strings.Join(parts, " · ")
}

func sourceHost(src string) string {
	if src == "" {
		return ""
	}
	if u, err := url.Parse(src); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return src
}

func sourceLinks(in *content.Intent) []Link {
	if in.Source == "" {
		return nil
	}
	return []Link{{Label: sourceHost(in.Source), URL: in.Source}}
}

// localLanguage is the language spoken at offices in the person's region.
func (c *conversation) localLanguage() string {
	if r := c.st.pack.RegionSetting(c.region(), func(r *content.Region) bool { return r.LocalLanguage != "" }); r != nil {
		return r.LocalLanguage
	}
	return ""
}

// localFlag is the flag of the country that sets the local language, when
// its region id is a two-letter country code ("at" → 🇦🇹), with a space.
func (c *conversation) localFlag() string {
	r := c.st.pack.RegionSetting(c.region(), func(r *content.Region) bool { return r.LocalLanguage != "" })
	if r == nil || len(r.ID) != 2 || r.ID[0] < 'a' || r.ID[0] > 'z' || r.ID[1] < 'a' || r.ID[1] > 'z' {
		return ""
	}
	return string([]rune{0x1F1E6 + rune(r.ID[0]-'a'), 0x1F1E6 + rune(r.ID[1]-'a'), ' '})
}

// localAnswer shows an answer in the region's local language, to show at a
// counter, headed by a line in the person's language.
func (c *conversation) localAnswer(id string) Reply {
	in := c.st.pack.Intent(id, c.region())
	local := c.localLanguage()
	t := in.Translations[local]
	if t == nil {
		return c.answer(id, nil)[0]
	}
	body := tr(c.lang, "show_at_counter") + "\n\n" + strings.TrimSpace(t.Answer)
	if foot := c.footer(in, local); foot != "" {
		body += "\n\n" + foot
	}
	return Reply{Title: t.Title, Text: body, Lang: local, RTL: content.LanguageOf(local).RTL(), Links: sourceLinks(in)}
}
