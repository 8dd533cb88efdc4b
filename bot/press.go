package bot

import (
	"strconv"
	"strings"
)

// press answers a button. Payloads that do not decode, or that name content
// the current pack no longer has, get a polite reply and the topics again.
func (c *conversation) press(raw string) []Reply {
	p, err := decodePayload(raw)
	if err != nil {
		c.e.log.Info("malformed button payload", "channel", c.m.Channel, "bytes", len(raw))
		return c.stale()
	}
	if l := c.st.packLanguage(p.lang); l != "" && c.chosen() == "" {
		c.lang = l // the language the conversation was in when the button was made
	}
	if p.kind != kindHandoff && p.kind != kindHuman {
		c.leaveDraft()
	}
	arg := func(i int) string { return p.args[i] }
	if regionScoped[p.kind] && len(p.args) == argCount[p.kind]+1 {
		id, ok := c.st.regions[p.args[len(p.args)-1]]
		if !ok {
			return c.stale()
		}
		if id != c.homeRegion() {
			c.asked = id // the button belongs to an answer for a region the question named
		}
		return c.scope(c.pressAnswer(p, arg))
	}
	switch p.kind {
	case kindMenu:
		switch arg(0) {
		case "topics":
			return []Reply{c.topicsMenu()}
		case "language":
			return []Reply{c.languageMenu()}
		default:
			return []Reply{c.regionMenu()}
		}
	case kindLanguage:
		l := c.st.packLanguage(arg(0))
		if l == "" || !strings.EqualFold(l, arg(0)) {
			return c.stale()
		}
		c.setLang(l)
		return []Reply{c.reply(tr(c.lang, "language_set"), c.menuRow())}
	case kindRegion:
		id, ok := c.st.regions[arg(0)]
		if !ok {
			return c.stale()
		}
		c.setRegion(id)
		return []Reply{c.reply(tr(c.lang, "region_set", "region", c.regionName(id)), c.topicsButton())}
	case kindTopic:
		id, ok := c.st.topics[arg(0)]
		if !ok {
			return c.stale()
		}
		page, _ := strconv.Atoi(arg(1))
		return []Reply{c.topicPage(id, page)}
	case kindIntent, kindLocal, kindServices, kindOthers:
		return c.pressAnswer(p, arg)
	case kindHuman:
		return c.startHandoff()
	case kindHandoff:
		return c.pressHandoff(arg(0), arg(1))
	case kindList:
		f, ok := c.st.listFilter(p.args)
		if !ok {
			return c.stale()
		}
		page, _ := strconv.Atoi(arg(4))
		return []Reply{c.listServices(f, nil, page, c.requestHeading(f, nil))}
	case kindVenue:
		id, ok := c.st.services[arg(0)]
		if !ok {
			return c.stale()
		}
		return []Reply{c.venue(id)}
	}
	return c.stale()
}

// pressAnswer answers the buttons that lead on from an answer: another
// answer, the answer in the local language, related services and "not
// what I meant".
func (c *conversation) pressAnswer(p payload, arg func(int) string) []Reply {
	switch p.kind {
	case kindIntent, kindLocal, kindServices:
		id, ok := c.st.intents[arg(0)]
		if !ok || c.st.pack.Intent(id, c.region()) == nil {
			return c.stale()
		}
		switch p.kind {
		case kindIntent:
			return c.answer(id, nil)
		case kindLocal:
			return []Reply{c.localAnswer(id)}
		default:
			return []Reply{c.relatedServices(id)}
		}
	case kindOthers:
		var ids []string
		for _, h := range strings.Split(arg(0), ".") {
			if id, ok := c.st.intents[h]; ok && c.st.pack.Intent(id, c.region()) != nil {
				ids = append(ids, id)
			}
		}
		key := "did_you_mean"
		if len(ids) == 0 {
			key = "no_others"
		}
		return []Reply{c.choices(tr(c.lang, key), ids)}
	}
	return c.stale()
}

// stale is the reply to a button the engine cannot follow.
func (c *conversation) stale() []Reply {
	r := c.topicsMenu()
	r.Text = tr(c.lang, "stale")
	return []Reply{r}
}

// listFilter reads the filter of a services-list button; ok is false when
// its topic is no longer in the pack.
func (st *state) listFilter(args []string) (serviceFilter, bool) {
	var f serviceFilter
	if args[0] != "-" {
		f.kind = args[0]
	}
	if args[1] != "-" {
		for _, l := range strings.Split(args[1], "+") {
			if pl := st.packLanguage(l); pl != "" {
				f.langs = append(f.langs, pl)
			}
		}
	}
	if args[2] != "-" {
		id, ok := st.topics[args[2]]
		if !ok {
			return f, false
		}
		f.topic = id
	}
	f.open = args[3] == "o"
	return f, true
}
