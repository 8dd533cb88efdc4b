package discord

import (
	_ "embed"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// words.yaml holds the adapter's own words: the slash commands' names and
// descriptions, the inbox, "Post to the channel". English is complete and
// the fallback; every other language covers the Discord locales that the
// bundled pack also speaks.
//
//go:embed words.yaml
var wordsYAML []byte

var words = func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := yaml.Unmarshal(wordsYAML, &m); err != nil {
		panic(fmt.Sprintf("bot/discord/words.yaml: %v", err)) // embedded at build time; tests cover it
	}
	return m
}()

// languageOf maps a Discord locale ("en-US", "es-419", "pt-BR", "de") to
// the language of words.yaml that a reader of it reads, or "en".
func languageOf(locale string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(locale, "_", "-")), "-")
	if _, ok := words[base]; ok {
		return base
	}
	return "en"
}

// word returns the adapter's word key in the locale's language (else in
// English) with {name} placeholders replaced by the pairs in args.
func word(locale, key string, args ...string) string {
	s, ok := words[languageOf(locale)][key]
	if !ok {
		s, ok = words["en"][key]
	}
	if !ok {
		return key
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}
