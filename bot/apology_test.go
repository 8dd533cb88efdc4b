package bot

import (
	"strings"
	"testing"
)

func TestApology_InTheLanguageOfTheHint(t *testing.T) {
	tests := []struct {
		hint string
		why  Trouble
		want string // a word of the expected language
	}{
		{"fa", TroubleFailed, "متأسفم"},
		{"fa-IR", TroubleBrokenButton, "دکمه"},
		{"uk", TroubleNoChat, "чат"},
		{"de_AT", TroubleFailed, "Entschuldigung"},
		{"AR", TroubleBrokenButton, "الزر"},
		{"es-419", TroubleFailed, "Lo siento"},
		{"", TroubleFailed, "Sorry"},
		{"xx", TroubleNoChat, "open a chat"},
		{"fa", TroubleTooMany, "دوباره بفرستید"},
		{"de-AT", TroubleTooMany, "auf einmal"},
		{"en-GB", TroubleTooMany, "send the rest again"},
		{"en", Trouble(99), "Sorry"}, // unknown trouble: the general apology
	}
	for _, tt := range tests {
		got := Apology(tt.hint, tt.why)
		if !strings.Contains(got, tt.want) {
			t.Errorf("Apology(%q, %d) = %q, want it to contain %q", tt.hint, tt.why, got, tt.want)
		}
	}
}

// Every apology exists in every UI language (TestUIStrings_CompleteAndConsistent
// checks the keys); none may be a bare key, and each fits a Telegram
// callback notice (200 characters).
func TestApology_EveryLanguageEveryTrouble(t *testing.T) {
	for lang := range uiStrings {
		for why := range troubleKeys {
			s := Apology(lang, Trouble(why))
			if s == troubleKeys[why] || len([]rune(s)) > 200 {
				t.Errorf("Apology(%q, %d) = %q", lang, why, s)
			}
			if lang != uiLanguage && s == Apology(uiLanguage, Trouble(why)) {
				t.Errorf("Apology(%q, %d) is the English text", lang, why)
			}
		}
	}
}
