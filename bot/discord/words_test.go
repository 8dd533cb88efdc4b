package discord

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Every language has every key with the same placeholders as English.
func TestWords_CompleteWithSamePlaceholders(t *testing.T) {
	en := words["en"]
	for lang, m := range words {
		for key, want := range en {
			got, ok := m[key]
			if !ok {
				t.Errorf("%s: missing %s", lang, key)
				continue
			}
			a, b := placeholder.FindAllString(want, -1), placeholder.FindAllString(got, -1)
			slices.Sort(a)
			slices.Sort(b)
			if !slices.Equal(a, b) {
				t.Errorf("%s.%s: placeholders %v, English has %v", lang, key, b, a)
			}
		}
		for key := range m {
			if _, ok := en[key]; !ok {
				t.Errorf("%s: %s is not an English key", lang, key)
			}
		}
	}
}

var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)

// Names and descriptions fit Discord's rules in every language, and the
// option names of one command stay distinct in every language.
func TestWords_CommandsFitDiscordsRules(t *testing.T) {
	for lang, m := range words {
		for key, v := range m {
			switch {
			case strings.HasPrefix(key, "cmd_") && !strings.HasSuffix(key, "_desc"), strings.HasPrefix(key, "opt_"):
				if !commandName.MatchString(v) || strings.ToLower(v) != v {
					t.Errorf("%s.%s = %q is not a valid command name", lang, key, v)
				}
			case strings.HasSuffix(key, "_desc"):
				if n := textLen(v); n < 1 || n > 100 {
					t.Errorf("%s.%s is %d characters (1–100)", lang, key, n)
				}
			case key == "modal_label", key == "btn_post", key == "btn_claim", key == "btn_reply", key == "btn_close":
				if textLen(v) > 45 {
					t.Errorf("%s.%s is %d characters (45 at most)", lang, key, textLen(v))
				}
			case key == "modal_title":
				if textLen(strings.ReplaceAll(v, "{number}", "123456")) > 45 {
					t.Errorf("%s.%s is too long for a modal title", lang, key)
				}
			}
		}
		for _, d := range commandDefs {
			seen := map[string]bool{}
			for _, o := range d.options {
				n := word(lang, "opt_"+o.name)
				if seen[n] {
					t.Errorf("%s: /%s has two options named %q", lang, d.name, n)
				}
				seen[n] = true
			}
		}
	}
}

func TestWord_LocalesAndFallback(t *testing.T) {
	for locale, want := range map[string]string{
		"de": "Im Kanal posten", "es-419": "Publicar en el canal", "es-ES": "Publicar en el canal",
		"en-US": "Post to the channel", "pt-BR": "Post to the channel", "": "Post to the channel", "uk": "Опублікувати в каналі",
	} {
		if got := word(locale, "btn_post"); got != want {
			t.Errorf("word(%q) = %q, want %q", locale, got, want)
		}
	}
	if got := word("de", "taken", "number", "12"); got != "#12 hat schon jemand anderes übernommen." {
		t.Errorf("placeholder: %q", got)
	}
}
