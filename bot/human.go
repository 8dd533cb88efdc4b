package bot

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	yaml "go.yaml.in/yaml/v4"
)

// human.yaml lists, per language, short phrases that ask for a human.
//
//go:embed human.yaml
var humanYAML []byte

// humanPhrases are the phrases of every language, normalised, each padded
// with spaces so that it matches whole words only.
var humanPhrases = func() []string {
	var byLang map[string][]string
	if err := yaml.Unmarshal(humanYAML, &byLang); err != nil {
		panic(fmt.Sprintf("bot/human.yaml: %v", err)) // embedded at build time; tests cover it
	}
	var out []string
	for _, phrases := range byLang {
		for _, p := range phrases {
			if n := normalizeWords(p); n != "" {
				out = append(out, " "+n+" ")
			}
		}
	}
	return out
}()

// extraWordsForHuman is how many words besides a phrase a message may have
// and still count as asking for a human ("please, I want to talk to a
// person now"). A longer message is a question: the matcher answers it.
const extraWordsForHuman = 4

// asksForHuman reports whether a short message asks to talk to a person,
// in any language of human.yaml.
func asksForHuman(text string) bool {
	norm := normalizeWords(text)
	if norm == "" {
		return false
	}
	words := strings.Count(norm, " ") + 1
	padded := " " + norm + " "
	for _, p := range humanPhrases {
		if strings.Contains(padded, p) && words <= strings.Count(p, " ")-1+extraWordsForHuman {
			return true
		}
	}
	return false
}

// arabicFold folds Arabic-script letter variants that people type
// interchangeably (hamza forms, teh marbuta, Arabic and Persian yeh and
// kaf), so that a phrase matches however it was typed.
var arabicFold = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ٱ", "ا", "ة", "ه", "ى", "ی", "ي", "ی", "ك", "ک")

// normalizeWords lowers s, drops Arabic vowel marks and the Turkish dot
// above, turns punctuation into spaces and folds runs of spaces into one.
func normalizeWords(s string) string {
	s = arabicFold.Replace(strings.ToLower(s))
	var b strings.Builder
	space := true
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) && r != '\u200c': // vowel marks, the dot of "i̇"; keep the ZWNJ
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\u200c':
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}
