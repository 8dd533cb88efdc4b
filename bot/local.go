package bot

import (
	"strings"

	"github.com/compassbot/compass/content"
)

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
	return Reply{Title: t.Title, Text: body, Lang: local, RTL: content.LanguageOf(local).RTL(), Links: sourceLinks(in), Again: c.encode(localPayload(id))}
}
