package bot

import (
	_ "embed"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/compassbot/compass/content"
)

// ui.yaml holds the engine's own words (buttons, "I'm not sure", "Checked:")
// in every language of the bundled pack. Translators edit that one file.
//
//go:embed ui.yaml
var uiYAML []byte

// ui_services.yaml holds the words about services and opening hours, in
// the same form.
//
//go:embed ui_services.yaml
var uiServicesYAML []byte

// uiStrings maps language tag → key → template.
var uiStrings = func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := yaml.Unmarshal(uiYAML, &m); err != nil {
		panic(fmt.Sprintf("bot/ui.yaml: %v", err)) // embedded at build time; tests cover it
	}
	var more map[string]map[string]string
	if err := yaml.Unmarshal(uiServicesYAML, &more); err != nil {
		panic(fmt.Sprintf("bot/ui_services.yaml: %v", err))
	}
	for lang, keys := range more {
		if m[lang] == nil {
			m[lang] = map[string]string{}
		}
		for k, v := range keys {
			if _, dup := m[lang][k]; dup {
				panic(fmt.Sprintf("bot/ui_services.yaml: %s.%s is in ui.yaml too", lang, k))
			}
			m[lang][k] = v
		}
	}
	return m
}()

// uiLanguage is the language whose strings English-speaking code falls back to.
const uiLanguage = "en"

// tr returns the user-interface string key in lang (falling back along
// lang's fallback chain, then to English) with {name} placeholders replaced
// by the pairs in args ("name", value, ...).
func tr(lang, key string, args ...string) string {
	s := ""
	for _, l := range content.FallbackChain(lang, uiLanguage) {
		if v, ok := uiStrings[l][key]; ok {
			s = v
			break
		}
	}
	if s == "" {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// languageName names the language tag in the language in ("German" in
// English, "الألمانية" in Arabic) from the CLDR data in x/text, else in
// itself ("Deutsch").
func languageName(tag, in string) string {
	t, err1 := language.Parse(tag)
	reader, err2 := language.Parse(in)
	if err1 == nil && err2 == nil {
		if n := display.Tags(reader).Name(t); n != "" {
			return n
		}
	}
	return content.LanguageOf(tag).Name
}
