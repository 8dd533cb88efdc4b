package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

// Discord's limits for what the adapter sends.
const (
	maxRows         = 5
	maxButtonsInRow = 5
	maxButtonLabel  = 80
	maxEmbedDesc    = 4096
	maxEmbedTitle   = 256
	maxFieldValue   = 1024
	maxEmbedsTotal  = 6000
	maxEmbeds       = 10
)

// outMessage is one Discord message made from replies.
type outMessage struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// noMentions is the allowed_mentions of everything the adapter sends:
// nobody, no role, not @everyone, not the replied-to user.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// view is what shapes the rendering of replies for one interaction: the
// one-message language and region that buttons carry on (customID), the
// reader's locale for the adapter's own words, and whether answers get a
// button that posts them to the channel.
type view struct {
	lang   string // language asked for with the command, or ""
	region string // regionKey of the region asked for, or ""
	locale string // the reader's Discord locale
	post   bool   // offer "Post to the channel" under answers
}

// render turns one reply into messages: its text split at 2,000
// characters, the buttons on the last.
func (v view) render(r bot.Reply) []outMessage {
	var out []outMessage
	for _, chunk := range splitText(replyText(r), MaxMessageLen) {
		out = append(out, outMessage{Content: chunk})
	}
	rows := v.buttons(r)
	if len(rows) > 0 {
		if len(out) == 0 {
			out = append(out, outMessage{Content: "⋯"})
		}
		out[len(out)-1].Components = rows
	}
	return out
}

// renderAll renders replies one after another.
func (v view) renderAll(replies []bot.Reply) []outMessage {
	var out []outMessage
	for _, r := range replies {
		out = append(out, v.render(r)...)
	}
	return out
}

// replyText is the reply in Discord markdown: the title in bold, the text,
// the links, and a venue as its address with a map link.
func replyText(r bot.Reply) string {
	var parts []string
	if t := strings.TrimSpace(r.Title); t != "" {
		parts = append(parts, "**"+escapeMarkdown(t)+"**")
	}
	if t := strings.TrimSpace(r.Text); t != "" {
		parts = append(parts, escapeMarkdown(t))
	}
	if links := linkLines(r.Links); links != "" {
		parts = append(parts, links)
	}
	if v := r.Venue; v != nil && !(v.Lat == 0 && v.Lon == 0) {
		parts = append(parts, venueText(*v))
	}
	return strings.Join(parts, "\n\n")
}

func linkLines(links []bot.Link) string {
	var lines []string
	for _, l := range links {
		if strings.HasPrefix(l.URL, "https://") || strings.HasPrefix(l.URL, "http://") {
			lines = append(lines, "<"+l.URL+">")
		}
	}
	return strings.Join(lines, "\n")
}

// venueText shows a place: Discord has no map pins, so a map link.
func venueText(v bot.Venue) string {
	lines := []string{"📍 **" + escapeMarkdown(v.Title) + "**"}
	if v.Address != "" && v.Address != v.Title {
		lines = append(lines, escapeMarkdown(v.Address))
	}
	lines = append(lines, fmt.Sprintf("<https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=17/%.6f/%.6f>", v.Lat, v.Lon, v.Lat, v.Lon))
	return strings.Join(lines, "\n")
}

// buttons turns the reply's rows into action rows of at most 5 buttons,
// at most 5 rows, the "post" row last. A button whose custom id would be
// too long, or that repeats one already there, is left out.
func (v view) buttons(r bot.Reply) []discordgo.MessageComponent {
	seen := map[string]bool{}
	var rows [][]discordgo.MessageComponent
	for _, row := range r.Buttons {
		var buttons []discordgo.MessageComponent
		for _, b := range row {
			id := customID{kind: idEngine, lang: v.lang, region: v.region, payload: b.Payload}.encode()
			if b.Payload == "" || strings.TrimSpace(b.Label) == "" || len(id) > maxCustomID || seen[id] {
				continue
			}
			seen[id] = true
			buttons = append(buttons, discordgo.Button{Label: clip(b.Label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
		}
		for len(buttons) > 0 {
			n := min(len(buttons), maxButtonsInRow)
			rows = append(rows, buttons[:n])
			buttons = buttons[n:]
		}
	}
	var post []discordgo.MessageComponent
	if id := (customID{kind: idPost, lang: v.lang, region: v.region, payload: r.Again}).encode(); v.post && r.Again != "" && len(id) <= maxCustomID {
		post = []discordgo.MessageComponent{discordgo.Button{Label: clip(word(v.locale, "btn_post"), maxButtonLabel), Style: discordgo.PrimaryButton, CustomID: id}}
	}
	limit := maxRows
	if post != nil {
		limit--
	}
	if len(rows) > limit {
		rows = append(rows[:limit-1], rows[len(rows)-1]) // keep the last row: it leads on
	}
	if post != nil {
		rows = append(rows, post)
	}
	out := make([]discordgo.MessageComponent, len(rows))
	for i, row := range rows {
		out[i] = discordgo.ActionsRow{Components: row}
	}
	return out
}

// compared renders /compare: the replies before the pair as usual, then
// the answer and its second language side by side: two inline fields of
// one embed when both fit in a field, else one embed each. The buttons of
// the first answer stay under them.
func (v view) compared(replies []bot.Reply) []outMessage {
	n := len(replies)
	if n < 2 || replies[n-1].Again == "" || againIntent(replies[n-1].Again) != againIntent(replies[n-2].Again) {
		return v.renderAll(replies)
	}
	out := v.renderAll(replies[:n-2])
	first, second := replies[n-2], replies[n-1]
	var embeds []*discordgo.MessageEmbed
	a, b := embedText(first), embedText(second)
	if textLen(a) <= maxFieldValue && textLen(b) <= maxFieldValue {
		embeds = []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{
			{Name: fieldName(first), Value: a, Inline: true},
			{Name: fieldName(second), Value: b, Inline: true},
		}}}
	} else {
		embeds = append(answerEmbeds(first), answerEmbeds(second)...)
	}
	msgs := packEmbeds(embeds)
	msgs[len(msgs)-1].Components = v.buttons(first)
	return append(out, msgs...)
}

// againIntent is the answer an Again payload shows, without its language
// and region (the two replies of a comparison show the same one).
func againIntent(p string) string {
	p, _, _ = strings.Cut(p, "@")
	parts := strings.Split(p, ":")
	if len(parts) < 3 {
		return p
	}
	return parts[2]
}

// embedText is a reply's text and links for an embed.
func embedText(r bot.Reply) string {
	text := escapeMarkdown(strings.TrimSpace(r.Text))
	if links := linkLines(r.Links); links != "" {
		text += "\n\n" + links
	}
	return text
}

// fieldName heads a reply in a comparison: its language, in itself, and
// its title.
func fieldName(r bot.Reply) string {
	return clip(content.LanguageOf(r.Lang).Name+" · "+r.Title, maxEmbedTitle)
}

// answerEmbeds is a reply as embeds: its title and language, its text in
// descriptions of at most 4,096 characters.
func answerEmbeds(r bot.Reply) []*discordgo.MessageEmbed {
	var out []*discordgo.MessageEmbed
	for i, part := range splitText(embedText(r), maxEmbedDesc) {
		e := &discordgo.MessageEmbed{Description: part}
		if i == 0 {
			e.Title = clip(escapeMarkdown(r.Title), maxEmbedTitle)
			e.Author = &discordgo.MessageEmbedAuthor{Name: content.LanguageOf(r.Lang).Name}
		}
		out = append(out, e)
	}
	return out
}

// embedSize is what an embed counts against a message's 6,000 characters.
func embedSize(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	return n
}

// packEmbeds puts embeds into as few messages as Discord's limits allow:
// at most 10 embeds and 6,000 characters of them per message.
func packEmbeds(embeds []*discordgo.MessageEmbed) []outMessage {
	var out []outMessage
	cur, size := outMessage{}, 0
	for _, e := range embeds {
		n := embedSize(e)
		if len(cur.Embeds) > 0 && (len(cur.Embeds) == maxEmbeds || size+n > maxEmbedsTotal) {
			out = append(out, cur)
			cur, size = outMessage{}, 0
		}
		cur.Embeds = append(cur.Embeds, e)
		size += n
	}
	return append(out, cur)
}
