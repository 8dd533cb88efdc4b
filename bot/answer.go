package bot

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/compassbot/compass/content"
)

// choices offers up to three intents as buttons, then a person and the topics.
func (c *conversation) choices(text string, ids []string) Reply {
	var rows [][]Button
	for _, id := range ids {
		if len(rows) == 3 {
			break
		}
		if c.st.pack.Intent(id, c.region()) != nil {
			rows = append(rows, []Button{{Label: c.intentTitle(id), Payload: c.encode(intentPayload(id))}})
		}
	}
	rows = append(rows, c.humanButton(), c.topicsButton())
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
	langs := append(slices.Clone(c.st.pack.Languages), slices.Sorted(maps.Keys(in.Translations))...)
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
	c.setTopic(in.Topic)                     // a location shared next looks for services of this topic
	c.setFocus(serviceFilter{intent: in.ID}) // and of this answer first
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
	r := Reply{Title: t.Title, Text: body, Lang: got, RTL: content.LanguageOf(got).RTL(), Links: sourceLinks(in), Again: c.encode(intentPayload(id))}
	if local := c.localLanguage(); local != "" && local != got && in.Translations[local] != nil {
		r.Buttons = append(r.Buttons, []Button{{
			Label:   c.localFlag() + tr(c.lang, "btn_show_local", "lang", languageName(local, c.lang)),
			Payload: c.encode(localPayload(id))}})
	}
	if len(c.servicesOf(in)) > 0 {
		r.Buttons = append(r.Buttons, []Button{{Label: tr(c.lang, "btn_related"), Payload: c.encode(servicesPayload(id))}})
	}
	r.Buttons = append(r.Buttons, c.notMeantRow(in, others))
	return []Reply{r}
}

// notMeantRow is the way on from an answer that missed. "Not what I meant"
// offers the other candidates; an answer without any (one picked from a
// topic's list, or the matcher's only guess) offers the other questions of
// its topic instead. With nothing else to offer, the row leads straight to a
// person and the topics: a button must never carry an empty list.
func (c *conversation) notMeantRow(in *content.Intent, others []string) []Button {
	var alts []string
	for _, id := range others {
		if id != in.ID && c.st.pack.Intent(id, c.region()) != nil {
			alts = append(alts, id)
		}
	}
	if len(alts) == 0 {
		alts = c.siblings(in, 3)
	}
	if len(alts) == 0 {
		return append(c.humanButton(), c.topicsButton()...)
	}
	return []Button{{Label: tr(c.lang, "btn_not_meant"), Payload: c.encode(othersPayload(alts))}}
}

// siblings returns up to n other intents of in's topic in the person's
// region, those listed after in first (the neighbours a mistap lands
// between), wrapping around.
func (c *conversation) siblings(in *content.Intent, n int) []string {
	var ids []string
	at := 0
	for _, x := range c.st.pack.IntentsFor(c.region()) {
		switch {
		case x.ID == in.ID:
			at = len(ids)
		case x.Topic == in.Topic:
			ids = append(ids, x.ID)
		}
	}
	ids = slices.Concat(ids[at:], ids[:at])
	return ids[:min(n, len(ids))]
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
