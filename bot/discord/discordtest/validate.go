package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf16"
)

// Discord's limits, as its documentation states them.
const (
	MaxContent        = 2000
	MaxEmbeds         = 10
	MaxEmbedTitle     = 256
	MaxEmbedDesc      = 4096
	MaxEmbedFields    = 25
	MaxFieldName      = 256
	MaxFieldValue     = 1024
	MaxEmbedFooter    = 2048
	MaxEmbedTotal     = 6000
	MaxRows           = 5
	MaxButtonsPerRow  = 5
	MaxCustomID       = 100
	MaxButtonLabel    = 80
	MaxChoices        = 25
	MaxChoiceName     = 100
	MaxModalTitle     = 45
	MaxTextInputLabel = 45
	MaxTextInput      = 4000
	MaxThreadName     = 100
)

// Message flags and component types.
const (
	flagSuppressEmbeds        = 1 << 2
	flagEphemeral             = 1 << 6
	flagSuppressNotifications = 1 << 12

	componentRow       = 1
	componentButton    = 2
	componentTextInput = 4
	buttonLink         = 5
)

// Length counts characters as Discord's limits do; UTF-16 code units,
// which is never less than the number of code points.
func Length(s string) int { return len(utf16.Encode([]rune(s))) }

// readMessage decodes a message payload and checks it (checkMessage); a
// payload Discord would refuse is answered with 400 here, and ok is false.
func readMessage(w http.ResponseWriter, body []byte, create bool, allowedFlags int) (p Payload, ok bool) {
	if err := json.Unmarshal(body, &p); err != nil {
		invalidForm(w, "body: "+err.Error())
		return p, false
	}
	if msg := checkMessage(p, create, allowedFlags); msg != "" {
		invalidForm(w, msg)
		return p, false
	}
	return p, true
}

// checkMessage returns what is wrong with a message payload, or "". A
// create must have something to show; an edit may change only parts.
func checkMessage(p Payload, create bool, allowedFlags int) string {
	if create && strings.TrimSpace(p.Content) == "" && len(p.Embeds) == 0 && len(p.Components) == 0 {
		return "Cannot send an empty message"
	}
	if n := Length(p.Content); n > MaxContent {
		return fmt.Sprintf("content: Must be %d or fewer in length (got %d)", MaxContent, n)
	}
	if p.Flags&^allowedFlags != 0 {
		return fmt.Sprintf("flags: %d not allowed here", p.Flags)
	}
	if msg := checkEmbeds(p.Embeds); msg != "" {
		return msg
	}
	if msg := checkRows(p.Components, false); msg != "" {
		return msg
	}
	if a := p.AllowedMentions; a != nil {
		for _, t := range a.Parse {
			if t != "roles" && t != "users" && t != "everyone" {
				return "allowed_mentions.parse: unknown type " + t
			}
			if (t == "users" && len(a.Users) > 0) || (t == "roles" && len(a.Roles) > 0) {
				return "allowed_mentions: parse and a list of ids are mutually exclusive"
			}
		}
	}
	return ""
}

func checkEmbeds(embeds []Embed) string {
	if len(embeds) > MaxEmbeds {
		return fmt.Sprintf("embeds: Must be %d or fewer in length", MaxEmbeds)
	}
	total := 0
	for i, e := range embeds {
		at := fmt.Sprintf("embeds.%d.", i)
		switch {
		case Length(e.Title) > MaxEmbedTitle:
			return at + "title: Must be 256 or fewer in length"
		case Length(e.Description) > MaxEmbedDesc:
			return at + "description: Must be 4096 or fewer in length"
		case len(e.Fields) > MaxEmbedFields:
			return at + "fields: Must be 25 or fewer in length"
		case e.Footer != nil && Length(e.Footer.Text) > MaxEmbedFooter:
			return at + "footer.text: Must be 2048 or fewer in length"
		case e.Author != nil && Length(e.Author.Name) > MaxEmbedTitle:
			return at + "author.name: Must be 256 or fewer in length"
		}
		total += Length(e.Title) + Length(e.Description)
		if e.Footer != nil {
			total += Length(e.Footer.Text)
		}
		if e.Author != nil {
			total += Length(e.Author.Name)
		}
		for j, f := range e.Fields {
			fat := fmt.Sprintf("%sfields.%d.", at, j)
			switch {
			case strings.TrimSpace(f.Name) == "":
				return fat + "name: This field is required"
			case strings.TrimSpace(f.Value) == "":
				return fat + "value: This field is required"
			case Length(f.Name) > MaxFieldName:
				return fat + "name: Must be 256 or fewer in length"
			case Length(f.Value) > MaxFieldValue:
				return fat + "value: Must be 1024 or fewer in length"
			}
			total += Length(f.Name) + Length(f.Value)
		}
		if e.URL != "" && !strings.HasPrefix(e.URL, "http://") && !strings.HasPrefix(e.URL, "https://") {
			return at + "url: Not a well formed URL"
		}
	}
	if total > MaxEmbedTotal {
		return fmt.Sprintf("embeds: Embed size exceeds maximum size of %d", MaxEmbedTotal)
	}
	return ""
}

// checkRows validates action rows of buttons (messages) or of text inputs
// (modals).
func checkRows(rows []Component, modal bool) string {
	if len(rows) > MaxRows {
		return fmt.Sprintf("components: Must be %d or fewer in length", MaxRows)
	}
	ids := map[string]bool{}
	for i, row := range rows {
		at := fmt.Sprintf("components.%d.", i)
		if row.Type != componentRow {
			return at + "type: top-level components must be action rows"
		}
		if len(row.Components) == 0 || len(row.Components) > MaxButtonsPerRow {
			return at + "components: Must be between 1 and 5 in length"
		}
		if modal && len(row.Components) != 1 {
			return at + "components: a modal row holds exactly one text input"
		}
		for j, c := range row.Components {
			cat := fmt.Sprintf("%scomponents.%d.", at, j)
			if msg := checkComponent(c, modal); msg != "" {
				return cat + msg
			}
			if c.CustomID != "" {
				if ids[c.CustomID] {
					return cat + "custom_id: Component custom id cannot be duplicated"
				}
				ids[c.CustomID] = true
			}
		}
	}
	return ""
}

func checkComponent(c Component, modal bool) string {
	switch {
	case modal && c.Type != componentTextInput:
		return "type: a modal holds text inputs only"
	case !modal && c.Type != componentButton:
		return fmt.Sprintf("type: component type %d not allowed in a message here", c.Type)
	case modal:
		switch {
		case c.CustomID == "" || Length(c.CustomID) > MaxCustomID:
			return "custom_id: Must be between 1 and 100 in length"
		case c.Label == "" || Length(c.Label) > MaxTextInputLabel:
			return "label: Must be between 1 and 45 in length"
		case c.Style != 1 && c.Style != 2:
			return "style: Value must be one of (1, 2)"
		case c.MaxLength > MaxTextInput || c.MinLength > MaxTextInput || c.MinLength < 0:
			return "max_length: Must be 4000 or less"
		}
	case c.Style < 1 || c.Style > buttonLink:
		return "style: Value must be one of (1, 2, 3, 4, 5)"
	case Length(c.Label) > MaxButtonLabel:
		return "label: Must be 80 or fewer in length"
	case c.Label == "":
		return "label: a button without an emoji needs a label"
	case c.Style == buttonLink && (c.URL == "" || c.CustomID != ""):
		return "url: a link button needs a url and no custom_id"
	case c.Style != buttonLink && (c.CustomID == "" || Length(c.CustomID) > MaxCustomID):
		return "custom_id: Must be between 1 and 100 in length"
	}
	return ""
}

// checkChoices validates autocomplete results.
func checkChoices(choices []Choice) string {
	if len(choices) > MaxChoices {
		return "choices: Must be 25 or fewer in length"
	}
	for i, c := range choices {
		if c.Name == "" || Length(c.Name) > MaxChoiceName {
			return fmt.Sprintf("choices.%d.name: Must be between 1 and 100 in length", i)
		}
		if s, ok := c.Value.(string); ok && Length(s) > MaxChoiceName {
			return fmt.Sprintf("choices.%d.value: Must be 100 or fewer in length", i)
		}
	}
	return ""
}

// checkModal validates a modal.
func checkModal(p Payload) string {
	switch {
	case p.CustomID == "" || Length(p.CustomID) > MaxCustomID:
		return "custom_id: Must be between 1 and 100 in length"
	case p.Title == "" || Length(p.Title) > MaxModalTitle:
		return "title: Must be between 1 and 45 in length"
	case len(p.Components) == 0:
		return "components: a modal needs at least one text input"
	}
	return checkRows(p.Components, true)
}

// Command names: 1–32 characters, letters, digits, - and _, lower case.
var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// locales are the locales Discord accepts for localizations.
var locales = map[string]bool{
	"id": true, "da": true, "de": true, "en-GB": true, "en-US": true, "es-ES": true, "es-419": true,
	"fr": true, "hr": true, "it": true, "lt": true, "hu": true, "nl": true, "no": true, "pl": true,
	"pt-BR": true, "ro": true, "fi": true, "sv-SE": true, "vi": true, "tr": true, "cs": true,
	"el": true, "bg": true, "ru": true, "uk": true, "hi": true, "th": true, "zh-CN": true,
	"ja": true, "zh-TW": true, "ko": true,
}

func checkName(at, name string) string {
	if !commandName.MatchString(name) || strings.ToLower(name) != name {
		return fmt.Sprintf("%sname: %q does not match ^[-_\\p{L}\\p{N}]{1,32}$ in lower case", at, name)
	}
	return ""
}

func checkDescription(at, d string) string {
	if n := Length(d); n < 1 || n > 100 {
		return at + "description: Must be between 1 and 100 in length"
	}
	return ""
}

func checkLocalized(at string, names, descriptions map[string]string) string {
	for loc, n := range names {
		if !locales[loc] {
			return fmt.Sprintf("%sname_localizations: invalid locale %q", at, loc)
		}
		if msg := checkName(at+"name_localizations."+loc+".", n); msg != "" {
			return msg
		}
	}
	for loc, d := range descriptions {
		if !locales[loc] {
			return fmt.Sprintf("%sdescription_localizations: invalid locale %q", at, loc)
		}
		if msg := checkDescription(at+"description_localizations."+loc+".", d); msg != "" {
			return msg
		}
	}
	return ""
}

// checkCommands validates a bulk overwrite as Discord does.
func checkCommands(cmds []Command) string {
	if len(cmds) > 100 {
		return "Must be 100 or fewer in length"
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		at := fmt.Sprintf("%d.", i)
		if c.Type != 0 && c.Type != 1 {
			continue // user and message commands have no description
		}
		if msg := checkName(at, c.Name); msg != "" {
			return msg
		}
		if seen[c.Name] {
			return at + "name: Application command names must be unique"
		}
		seen[c.Name] = true
		if msg := checkDescription(at, c.Description); msg != "" {
			return msg
		}
		if msg := checkLocalized(at, c.NameLocalizations, c.DescriptionLocalizations); msg != "" {
			return msg
		}
		if msg := checkOptions(at, c.Options); msg != "" {
			return msg
		}
		if n := c.size(); n > 4000 {
			return fmt.Sprintf("%s: Command exceeds maximum size (4000), got %d", at, n)
		}
	}
	return ""
}

func checkOptions(at string, opts []Option) string {
	if len(opts) > 25 {
		return at + "options: Must be 25 or fewer in length"
	}
	names := map[string]bool{}
	optional := false
	for j, o := range opts {
		oat := fmt.Sprintf("%soptions.%d.", at, j)
		if msg := checkName(oat, o.Name); msg != "" {
			return msg
		}
		if names[o.Name] {
			return oat + "name: option names must be unique"
		}
		names[o.Name] = true
		if msg := checkDescription(oat, o.Description); msg != "" {
			return msg
		}
		if msg := checkLocalized(oat, o.NameLocalizations, o.DescriptionLocalizations); msg != "" {
			return msg
		}
		if o.Required && optional {
			return oat + "required: Required options must be placed before non-required options"
		}
		optional = optional || !o.Required
		if o.Autocomplete && len(o.Choices) > 0 {
			return oat + "autocomplete: Autocomplete and choices are mutually exclusive"
		}
		if o.Autocomplete && o.Type != 3 && o.Type != 4 && o.Type != 10 {
			return oat + "autocomplete: only string, integer and number options autocomplete"
		}
		if len(o.Choices) > MaxChoices {
			return oat + "choices: Must be 25 or fewer in length"
		}
	}
	return ""
}
