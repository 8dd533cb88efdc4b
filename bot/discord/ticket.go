package discord

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

// Colours of a ticket's embed by state.
const (
	colourOpen     = 0xE8A317 // amber: waiting for somebody
	colourClaimed  = 0x3B82F6 // blue: somebody has it
	colourAnswered = 0x22A06B // green: answered
	colourClosed   = 0x8A8F98 // grey
)

// volunteerID is how the inbox knows a Discord volunteer.
func volunteerID(userID string) string { return Channel + ":" + userID }

// volunteerOf is the volunteer behind an interaction. Their name is never
// shown to the person (Name stays empty): replies come "from a volunteer".
func volunteerOf(i *discordgo.Interaction) bot.Volunteer {
	return bot.Volunteer{ID: volunteerID(personOf(i))}
}

// showVolunteer shows who holds a ticket to other volunteers: a Discord
// volunteer as a mention (which shows their name and, with
// allowed_mentions empty, pings nobody), others by their id.
func showVolunteer(id string) string {
	if user, ok := strings.CutPrefix(id, Channel+":"); ok && user != "" && strings.Trim(user, "0123456789") == "" {
		return "<@" + user + ">"
	}
	return escapeMarkdown(id)
}

// ticketMessage is the inbox message of a ticket, in the words of the
// ticket's view language (the local group's): number, language, region,
// topic, what the person shared, the bot's guesses, the state, and the
// buttons the state allows. It carries nothing about who the person is:
// TicketView has no such field.
func ticketMessage(v bot.TicketView) outMessage {
	lang := v.ViewLang
	n := strconv.FormatInt(v.Number, 10)
	e := &discordgo.MessageEmbed{
		Title:       clip(word(lang, "ticket_title", "number", n), maxEmbedTitle),
		Description: clip(escapeMarkdown(v.Question), maxEmbedDesc),
		Color:       colourOpen,
	}
	if !v.Opened.IsZero() {
		e.Timestamp = v.Opened.UTC().Format("2006-01-02T15:04:05Z07:00")
	}
	field := func(key, value string, inline bool) {
		if strings.TrimSpace(value) != "" {
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: word(lang, key), Value: clip(value, maxFieldValue), Inline: inline})
		}
	}
	field("field_language", escapeMarkdown(v.LangName)+" ("+v.Lang+")", true)
	field("field_region", escapeMarkdown(v.RegionName), true)
	field("field_topic", escapeMarkdown(v.TopicName), true)
	var guesses []string
	for _, g := range v.Guesses {
		guesses = append(guesses, "• "+escapeMarkdown(g.Title))
	}
	field("field_candidates", strings.Join(guesses, "\n"), false)
	status := word(lang, "state_open")
	var buttons []discordgo.MessageComponent
	button := func(action, key string, style discordgo.ButtonStyle) {
		buttons = append(buttons, discordgo.Button{Label: word(lang, key), Style: style,
			CustomID: customID{kind: idTicket, action: action, ticket: v.Number}.encode()})
	}
	switch v.State {
	case "open":
		button(actClaim, "btn_claim", discordgo.PrimaryButton)
		button(actReply, "btn_reply", discordgo.SecondaryButton)
		button(actClose, "btn_close", discordgo.SecondaryButton)
	case "claimed", "answered":
		key, colour := "state_claimed", colourClaimed
		if v.State == "answered" {
			key, colour = "state_answered", colourAnswered
		}
		status, e.Color = word(lang, key, "volunteer", showVolunteer(v.Volunteer)), colour
		button(actReply, "btn_reply", discordgo.PrimaryButton)
		button(actClose, "btn_close", discordgo.SecondaryButton)
	default:
		status, e.Color = word(lang, "state_closed"), colourClosed
	}
	field("field_status", status, false)
	out := outMessage{Embeds: []*discordgo.MessageEmbed{e}}
	if buttons != nil {
		out.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return out
}

// ticketTitle finds the ticket number in the title of an inbox message
// ("Ticket #12"): every language's ticket_title shows it as #<number>.
var ticketTitle = regexp.MustCompile(`#([0-9]+)`)

// ticketNumberOf reads the ticket number of one of the bot's inbox
// messages; 0 when it is not one.
func ticketNumberOf(m *discordgo.Message, botID string) int64 {
	if m == nil || m.Author == nil || m.Author.ID != botID || len(m.Embeds) == 0 {
		return 0
	}
	match := ticketTitle.FindStringSubmatch(m.Embeds[0].Title)
	if match == nil {
		return 0
	}
	return parseTicketNumber(match[1])
}

// threadMessages renders a follow-up or a reply for the ticket's thread.
func threadMessages(v bot.TicketView, e bot.Entry) []outMessage {
	if e.From == string(content.FromBot) {
		return []outMessage{{Content: word(v.ViewLang, "reply_undelivered")}} // the one note there is
	}
	head := word(v.ViewLang, "person_wrote")
	if e.From == "volunteer" {
		head = word(v.ViewLang, "volunteer_wrote", "volunteer", showVolunteer(e.Volunteer))
	}
	var out []outMessage
	for _, chunk := range splitText("**"+head+"**\n"+escapeMarkdown(e.Text), MaxMessageLen) {
		out = append(out, outMessage{Content: chunk})
	}
	return out
}
