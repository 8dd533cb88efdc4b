package bot

import (
	"context"
	"strings"

	"github.com/compassbot/compass/content"
)

// command answers the commands every channel shares.
func (c *conversation) command(name, arg string) []Reply {
	switch name {
	case "start":
		return c.start(arg)
	case "help":
		return []Reply{c.reply(tr(c.lang, "help"), c.menuRow())}
	case "language":
		return []Reply{c.languageMenu()}
	case "topics":
		return []Reply{c.topicsMenu()}
	case "region":
		return []Reply{c.regionMenu()}
	case "forget":
		return []Reply{c.forget()}
	case "services":
		return c.servicesCommand(arg)
	case "person":
		return c.startHandoff()
	}
	return []Reply{c.reply(tr(c.lang, "unknown_command"), c.menuRow())}
}

// start greets the person. A deep-link payload ("at-graz", "lang-ar",
// "topic-health", or several joined by "__") chooses the region, the
// language or a topic to open; parts that mean nothing are ignored.
func (c *conversation) start(arg string) []Reply {
	topic := ""
	if validDeepLink(arg) {
		for _, part := range strings.Split(arg, "__") {
			switch {
			case strings.HasPrefix(part, "lang-"):
				if l := c.st.packLanguage(strings.TrimPrefix(part, "lang-")); l != "" {
					c.setLang(l)
				}
			case strings.HasPrefix(part, "topic-"):
				if t := strings.TrimPrefix(part, "topic-"); c.st.pack.Topic(t) != nil {
					topic = t
				}
			default:
				if r := strings.TrimPrefix(part, "region-"); c.st.pack.Region(r) != nil {
					c.setRegion(r)
				}
			}
		}
	}
	out := []Reply{c.reply(tr(c.lang, "welcome", "region", c.regionName(c.region()), "topics", c.topicNames()), c.menuRow())}
	if topic != "" {
		out = append(out, c.topicPage(topic, 0))
	}
	return out
}

// topicNames lists the topics that have questions in the person's region.
func (c *conversation) topicNames() string {
	var names []string
	for _, t := range c.topicsHere() {
		names = append(names, t.Name.In(c.chain()...))
	}
	return strings.Join(names, tr(c.lang, "list_sep"))
}

// topicsHere returns the topics that have questions in the person's region.
func (c *conversation) topicsHere() []*content.Topic {
	has := map[string]bool{}
	for _, in := range c.st.pack.IntentsFor(c.region()) {
		has[in.Topic] = true
	}
	var out []*content.Topic
	for _, t := range c.st.pack.Topics {
		if has[t.ID] {
			out = append(out, t)
		}
	}
	return out
}

// validDeepLink accepts what Telegram allows in a /start payload: up to 64
// characters of A–Z a–z 0–9 _ -.
func validDeepLink(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-') {
			return false
		}
	}
	return true
}

func (c *conversation) setLang(l string) {
	c.sess.Lang, c.lang, c.dirty, c.chose = l, l, true, true
}

func (c *conversation) setRegion(r string) {
	c.sess.Region, c.dirty, c.chose = r, true, true
}

func (c *conversation) setTopic(t string) {
	if c.sess.Topic != t {
		c.sess.Topic, c.dirty = t, true
	}
}

// languageMenu offers the pack's languages, each named in itself.
func (c *conversation) languageMenu() Reply {
	var buttons []Button
	for _, l := range c.st.pack.Languages {
		label := content.LanguageOf(l).Name
		if l == c.lang {
			label = "✓ " + label
		}
		buttons = append(buttons, Button{Label: label, Payload: c.encode(languagePayload(l))})
	}
	return c.reply(tr(c.lang, "choose_language"), chunk(buttons, 3)...)
}

// topicsMenu offers the topics that have questions in the person's region.
func (c *conversation) topicsMenu() Reply {
	var buttons []Button
	for _, t := range c.topicsHere() {
		buttons = append(buttons, Button{Label: t.Name.In(c.chain()...), Payload: c.encode(topicPayload(t.ID, 0))})
	}
	return c.reply(tr(c.lang, "choose_topic"), chunk(buttons, 2)...)
}

// topicPageSize is how many questions one page of a topic shows.
const topicPageSize = 8

// topicPage lists the questions (intent titles) of a topic, a page at a time.
func (c *conversation) topicPage(topic string, page int) Reply {
	c.setTopic(topic)
	c.setFocus(serviceFilter{topic: topic})
	var ids []string
	for _, in := range c.st.pack.IntentsFor(c.region()) {
		if in.Topic == topic {
			ids = append(ids, in.ID)
		}
	}
	name := c.st.pack.Topic(topic).Name.In(c.chain()...)
	if len(ids) == 0 {
		return c.reply(tr(c.lang, "no_questions"), c.topicsButton())
	}
	first := page * topicPageSize
	if first >= len(ids) {
		first = 0
	}
	last := min(first+topicPageSize, len(ids))
	var rows [][]Button
	for _, id := range ids[first:last] {
		rows = append(rows, []Button{{Label: c.intentTitle(id), Payload: c.encode(intentPayload(id))}})
	}
	nav := c.topicsButton()
	if last < len(ids) {
		nav = append(nav, Button{Label: tr(c.lang, "btn_more"), Payload: c.encode(topicPayload(topic, first/topicPageSize+1))})
	}
	rows = append(rows, nav)
	return c.reply(tr(c.lang, "choose_question", "topic", name), rows...)
}

// regionMenu shows the region tree, the current region ticked.
func (c *conversation) regionMenu() Reply {
	current := c.region()
	var rows [][]Button
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		for _, r := range c.st.pack.Regions {
			if r.Parent != parent || depth > 8 {
				continue
			}
			label := strings.Repeat("· ", depth) + c.regionName(r.ID)
			if r.ID == current {
				label = "✓ " + label
			}
			rows = append(rows, []Button{{Label: label, Payload: c.encode(regionPayload(r.ID))}})
			walk(r.ID, depth+1)
		}
	}
	walk("", 0)
	return c.reply(tr(c.lang, "choose_region", "region", c.regionName(current)), rows...)
}

// forget deletes the session and the person's tickets (requests for a
// person, with their messages) and confirms in the language used so far.
func (c *conversation) forget() Reply {
	ctx := context.WithoutCancel(c.ctx)
	if err := c.e.cfg.Sessions.Delete(ctx, c.sess.Channel, c.sess.UserID); err != nil {
		c.e.log.Error("deleting session failed", "channel", c.sess.Channel, "err", err)
		return c.reply(tr(c.lang, "forget_failed"))
	}
	c.forgotten = true
	n, err := c.forgetTickets(ctx)
	if err != nil {
		c.e.log.Error("deleting tickets failed", "channel", c.sess.Channel, "err", err)
		return c.reply(tr(c.lang, "forget_failed"))
	}
	if n > 0 {
		return c.reply(tr(c.lang, "forgot") + "\n\n" + tr(c.lang, "forgot_tickets"))
	}
	return c.reply(tr(c.lang, "forgot"))
}
