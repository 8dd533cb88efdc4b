package bot

import (
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

func TestHumanPhrases_EveryUILanguageHasSome(t *testing.T) {
	var byLang map[string][]string
	if err := yaml.Unmarshal(humanYAML, &byLang); err != nil {
		t.Fatal(err)
	}
	for lang := range uiStrings {
		if len(byLang[lang]) == 0 {
			t.Errorf("bot/human.yaml has no phrases for %s, a language of bot/ui.yaml", lang)
		}
	}
	for lang, phrases := range byLang {
		for _, p := range phrases {
			if !asksForHuman(p) {
				t.Errorf("%s phrase %q does not match itself", lang, p)
			}
		}
	}
}

func TestAsksForHuman(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"I want to talk to a person", true},
		{"Please, can I TALK to a human?", true},
		{"أريد التحدث مع شخص", true},
		{"اريد التحدث مع شخص من فضلك", true},
		{"می‌خواهم با یک آدم صحبت کنم", true},
		{"Ich möchte mit einem Menschen sprechen", true},
		{"Хочу поговорити з людиною", true},
		{"İnsanla görüşmek istiyorum", true},
		{"Je voudrais parler à quelqu’un", true},
		{"hablar con una persona", true},
		// Ordinary questions are for the bot, even when they mention people.
		{"Where do I register my address?", false},
		{"How can I talk to a person at the registration office about my appointment next week?", false},
		{"personal data", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := asksForHuman(tt.text); got != tt.want {
			t.Errorf("asksForHuman(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
