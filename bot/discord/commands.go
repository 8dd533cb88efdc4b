package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
)

// The slash commands. Their names are English; Discord shows the
// localised names and descriptions of words.yaml in the clients of other
// languages, and sends the English name back whatever the client showed.
const (
	cmdAsk      = "ask"
	cmdCompare  = "compare"
	cmdTopics   = "topics"
	cmdServices = "services"
	cmdLanguage = "language"
	cmdRegion   = "region"
	cmdReply    = "reply"
	cmdClose    = "close"
	cmdForget   = "forget"

	optQuestion  = "question"
	optLanguage  = "language"
	optLanguage2 = "language2"
	optRegion    = "region"
	optTopic     = "topic"
	optTicket    = "ticket"
	optText      = "text"
)

// optionDef and commandDef describe a command for registration.
type optionDef struct {
	name, desc   string // name; words.yaml key of the description
	typ          discordgo.ApplicationCommandOptionType
	required     bool
	autocomplete bool
	maxLength    int
}

type commandDef struct {
	name    string
	options []optionDef
	inbox   bool // only with an inbox; not in direct messages
}

var commandDefs = []commandDef{
	{name: cmdAsk, options: []optionDef{
		{name: optQuestion, desc: "ask_question_desc", typ: discordgo.ApplicationCommandOptionString, required: true, autocomplete: true, maxLength: 1000},
		{name: optLanguage, desc: "ask_language_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
		{name: optRegion, desc: "ask_region_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
	}},
	{name: cmdCompare, options: []optionDef{
		{name: optQuestion, desc: "ask_question_desc", typ: discordgo.ApplicationCommandOptionString, required: true, autocomplete: true, maxLength: 1000},
		{name: optLanguage, desc: "compare_language_desc", typ: discordgo.ApplicationCommandOptionString, required: true, autocomplete: true},
		{name: optLanguage2, desc: "compare_language2_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
		{name: optRegion, desc: "ask_region_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
	}},
	{name: cmdTopics},
	{name: cmdServices, options: []optionDef{
		{name: optTopic, desc: "services_topic_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
		{name: optLanguage, desc: "services_language_desc", typ: discordgo.ApplicationCommandOptionString, autocomplete: true},
	}},
	{name: cmdLanguage},
	{name: cmdRegion},
	{name: cmdForget},
	{name: cmdReply, inbox: true, options: []optionDef{
		{name: optTicket, desc: "ticket_desc", typ: discordgo.ApplicationCommandOptionInteger, required: true, autocomplete: true},
		{name: optText, desc: "reply_text_desc", typ: discordgo.ApplicationCommandOptionString, required: true, maxLength: 4000},
	}},
	{name: cmdClose, inbox: true, options: []optionDef{
		{name: optTicket, desc: "ticket_desc", typ: discordgo.ApplicationCommandOptionInteger, required: true, autocomplete: true},
	}},
}

// localeLanguages are the Discord locales words.yaml has words for.
var localeLanguages = map[discordgo.Locale]string{
	discordgo.German: "de", discordgo.French: "fr", discordgo.SpanishES: "es", discordgo.SpanishLATAM: "es",
	discordgo.Turkish: "tr", discordgo.Russian: "ru", discordgo.Ukrainian: "uk", discordgo.Croatian: "hr",
}

// localized returns a key's words in every locale that has its own.
func localized(key string) map[discordgo.Locale]string {
	out := map[discordgo.Locale]string{}
	for loc, lang := range localeLanguages {
		if v, ok := words[lang][key]; ok && v != words["en"][key] {
			out[loc] = v
		}
	}
	return out
}

// applicationCommands builds the commands to register; the inbox's only
// when there is one.
func applicationCommands(withInbox bool) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	guildOnly := false
	for _, d := range commandDefs {
		if d.inbox && !withInbox {
			continue
		}
		names, descs := localized("cmd_"+d.name), localized("cmd_"+d.name+"_desc")
		c := &discordgo.ApplicationCommand{
			Type: discordgo.ChatApplicationCommand, Name: d.name, NameLocalizations: &names,
			Description: words["en"]["cmd_"+d.name+"_desc"], DescriptionLocalizations: &descs,
			Options: []*discordgo.ApplicationCommandOption{},
		}
		if d.inbox {
			c.DMPermission = &guildOnly
		}
		for _, o := range d.options {
			c.Options = append(c.Options, &discordgo.ApplicationCommandOption{
				Type: o.typ, Name: o.name, NameLocalizations: localized("opt_" + o.name),
				Description: words["en"][o.desc], DescriptionLocalizations: localized(o.desc),
				Required: o.required, Autocomplete: o.autocomplete, MaxLength: o.maxLength,
			})
		}
		out = append(out, c)
	}
	return out
}

// RegisterCommands puts the slash commands in place: in the guild
// (GuildID) or globally; /reply and /close where the engine has an inbox
// and there is an inbox channel (they work only there).
// A bulk overwrite is idempotent: unchanged commands keep their ids and
// nothing changes for people; changed ones are updated, and commands of
// older versions disappear.
func (a *Adapter) RegisterCommands(ctx context.Context) error {
	cmds := applicationCommands(a.cfg.Engine.Inbox() != nil && a.cfg.Inbox != "")
	err := a.call(ctx, "registering commands", func(opt discordgo.RequestOption) error {
		_, err := a.s.ApplicationCommandBulkOverwrite(a.cfg.AppID, a.cfg.GuildID, cmds, opt)
		return err
	})
	if err != nil {
		return fmt.Errorf("discord: registering the slash commands: %w", err)
	}
	where := "globally (they can take up to an hour to show)"
	if a.cfg.GuildID != "" {
		where = "in guild " + a.cfg.GuildID
	}
	a.log.Info("discord: slash commands registered", "commands", len(cmds), "where", where)
	return nil
}

// command answers a slash command.
func (a *Adapter) command(i *discordgo.Interaction, initial initialFunc) {
	data := i.ApplicationCommandData()
	opts := optionsOf(data.Options)
	m := message(i)
	locale := string(i.Locale)
	v := view{locale: locale}
	render := v.renderAll
	switch data.Name {
	case cmdAsk, cmdCompare:
		lang, ok := a.resolveLanguage(opts.str(optLanguage))
		if !ok {
			a.notice(i, initial, word(locale, "unknown_language", "value", opts.str(optLanguage)))
			return
		}
		region, ok := a.resolveRegion(opts.str(optRegion))
		if !ok {
			a.notice(i, initial, word(locale, "unknown_region", "value", opts.str(optRegion)))
			return
		}
		m.Text, m.Lang, m.Region = stripCommand(opts.str(optQuestion)), lang, region
		v.lang, v.region, v.post = lang, regionKey(region), true
		render = v.renderAll
		if data.Name == cmdCompare {
			second, ok := a.resolveLanguage(opts.str(optLanguage2))
			if !ok {
				a.notice(i, initial, word(locale, "unknown_language", "value", opts.str(optLanguage2)))
				return
			}
			if m.Compare = second; second == "" {
				m.Compare = bot.CompareLocal
			}
			render = v.compared
		}
	case cmdTopics, cmdLanguage, cmdRegion, cmdForget:
		m.Text = "/" + data.Name
	case cmdServices:
		lang, ok := a.resolveLanguage(opts.str(optLanguage))
		if !ok {
			a.notice(i, initial, word(locale, "unknown_language", "value", opts.str(optLanguage)))
			return
		}
		m.Text, m.Lang, v.lang = "/services "+opts.str(optTopic), lang, lang
		render = v.renderAll
	case cmdReply, cmdClose:
		a.inboxCommand(i, initial, data.Name, opts)
		return
	default:
		a.stats.Ignored.Add(1)
		a.notice(i, initial, bot.Apology(locale, bot.TroubleBrokenButton))
		return
	}
	a.queue(i, initial, true, false, func(ctx context.Context) []outMessage { return a.ask(ctx, m, render) })
}

// options are a command's options by name.
type options map[string]*discordgo.ApplicationCommandInteractionDataOption

func optionsOf(opts []*discordgo.ApplicationCommandInteractionDataOption) options {
	out := options{}
	for _, o := range opts {
		out[o.Name] = o
	}
	return out
}

// str is an option's value as text, whatever its type; "" when absent.
func (o options) str(name string) string {
	opt, ok := o[name]
	if !ok || opt.Value == nil {
		return ""
	}
	switch v := opt.Value.(type) {
	case string:
		return v
	case float64:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprint(v)
	}
}

// focused is the option being typed, for autocomplete.
func (o options) focused() *discordgo.ApplicationCommandInteractionDataOption {
	for _, opt := range o {
		if opt.Focused {
			return opt
		}
	}
	return nil
}
