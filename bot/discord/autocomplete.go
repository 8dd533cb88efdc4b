package discord

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/compassbot/compass/content"
)

// maxChoices is how many choices autocomplete may offer.
const maxChoices = 25

// autocomplete offers choices for the option being typed: languages,
// regions, topics, questions (intent titles) and, for the inbox, tickets.
func (a *Adapter) autocomplete(i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	data := i.ApplicationCommandData()
	opts := optionsOf(data.Options)
	f := opts.focused()
	p := a.cfg.Engine.Pack()
	if f == nil || p == nil {
		return []*discordgo.ApplicationCommandOptionChoice{}
	}
	typed := fold(opts.str(f.Name))
	reader := readerLanguage(p, string(i.Locale))
	var out []*discordgo.ApplicationCommandOptionChoice
	add := func(name string, value any, keys ...string) {
		if len(out) >= maxChoices || !matches(typed, keys...) {
			return
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clip(name, 100), Value: value})
	}
	chain := content.FallbackChain(reader, p.SourceLanguage)
	// addNamed offers a region or topic by its name for the reader; it
	// matches its id and its name in any language.
	addNamed := func(id string, names content.Text) {
		name := names.In(chain...)
		add(name, id, append([]string{id, name}, slices.Collect(maps.Values(names))...)...)
	}
	switch f.Name {
	case optLanguage, optLanguage2:
		for _, l := range p.Languages {
			info, in := content.LanguageOf(l), nameIn(l, reader)
			name := info.Name
			if in != "" && !strings.EqualFold(in, name) {
				name += " – " + in
			}
			add(name, l, l, info.Name, info.English, in)
		}
	case optRegion:
		for _, r := range p.Regions {
			addNamed(r.ID, r.Name)
		}
	case optTopic:
		for _, t := range p.Topics {
			addNamed(t.ID, t.Name)
		}
	case optQuestion:
		out = questionChoices(p, reader, typed)
	case optTicket:
		out = a.ticketChoices(i, typed)
	}
	if out == nil {
		out = []*discordgo.ApplicationCommandOptionChoice{}
	}
	return out
}

// questionChoices offers the questions (intent titles) whose words contain
// what was typed: titles in the reader's language first, then in any.
func questionChoices(p *content.Pack, reader, typed string) []*discordgo.ApplicationCommandOptionChoice {
	var out []*discordgo.ApplicationCommandOptionChoice
	seen := map[string]bool{}
	chain := content.FallbackChain(reader, p.SourceLanguage)
	for _, anyLanguage := range []bool{false, true} {
		for _, id := range p.IntentIDs() {
			if len(out) >= maxChoices {
				return out
			}
			variants := p.Variants(id)
			if len(variants) == 0 || seen[id] {
				continue
			}
			in := variants[0]
			titles := []string{}
			if t, _ := in.In(chain...); t != nil {
				titles = append(titles, t.Title)
			}
			if anyLanguage {
				for _, t := range in.Translations {
					titles = append(titles, t.Title)
				}
			}
			for _, title := range titles {
				if title != "" && matches(typed, title) {
					seen[id] = true
					out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clip(title, 100), Value: clip(title, 100)})
					break
				}
			}
		}
	}
	return out
}

// readerLanguage is the pack language closest to a Discord locale.
func readerLanguage(p *content.Pack, locale string) string {
	tag := strings.ReplaceAll(locale, "_", "-")
	for _, t := range content.FallbackChain(tag) {
		for _, l := range p.Languages {
			if strings.EqualFold(l, t) {
				return l
			}
		}
		base, _, _ := strings.Cut(t, "-")
		for _, l := range p.Languages {
			if strings.EqualFold(l, base) {
				return l
			}
		}
	}
	return p.SourceLanguage
}

// nameIn names language tag in the reader's language ("Arabisch"), from
// CLDR; "" when unknown.
func nameIn(tag, reader string) string {
	t, err1 := language.Parse(tag)
	r, err2 := language.Parse(reader)
	if err1 != nil || err2 != nil {
		return ""
	}
	return display.Tags(r).Name(t)
}

// matches reports whether every word typed is in one of the keys
// (case and accents ignored); nothing typed matches everything.
func matches(typed string, keys ...string) bool {
	words := strings.Fields(typed)
	if len(words) == 0 {
		return true
	}
	for _, k := range keys {
		k = fold(k)
		all := true
		for _, w := range words {
			if !strings.Contains(k, w) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

var foldAccents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// fold lowers case and drops accents and Arabic vowel marks.
func fold(s string) string {
	out, _, err := transform.String(foldAccents, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// resolveLanguage turns an option's value into a pack language: a tag
// (what autocomplete puts there), else a language's name in itself, in
// English or in a Discord client's language. ok is false for a value that
// names no pack language; "" is no language.
func (a *Adapter) resolveLanguage(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", true
	}
	p := a.cfg.Engine.Pack()
	if p == nil {
		return "", true
	}
	f := fold(v)
	for _, l := range p.Languages {
		info := content.LanguageOf(l)
		if strings.EqualFold(l, v) || fold(info.Name) == f || fold(info.English) == f {
			return l, true
		}
	}
	for _, l := range p.Languages {
		for _, reader := range p.Languages {
			if fold(nameIn(l, reader)) == f {
				return l, true
			}
		}
	}
	return "", false
}

// resolveRegion turns an option's value into a region id: an id (what
// autocomplete puts there), else a region's name in any language. ok is
// false for a value that names no region; "" is no region.
func (a *Adapter) resolveRegion(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", true
	}
	p := a.cfg.Engine.Pack()
	if p == nil {
		return "", true
	}
	if p.Region(v) != nil {
		return v, true
	}
	f := fold(v)
	for _, r := range p.Regions {
		for _, n := range r.Name {
			if fold(n) == f {
				return r.ID, true
			}
		}
	}
	return "", false
}
