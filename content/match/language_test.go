package match

import (
	"testing"

	"github.com/compassbot/compass/content"
)

func TestLanguageResolutionOrder(t *testing.T) {
	m := fixture(t) // languages en, de, ar, fa, uk, ru, tr; source en
	tests := []struct {
		name           string
		q              content.Query
		lang, detected string
	}{
		{"stored choice wins over the text", content.Query{Text: "Wo bekomme ich den Meldezettel?", Chosen: "tr"}, "tr", "de"},
		{"stored choice is mapped to a pack language", content.Query{Text: "سلام", Chosen: "prs"}, "fa", "prs"},
		{"explicit switch", content.Query{Text: "Deutsch bitte", Hint: "en"}, "de", "de"},
		{"explicit switch in the language itself", content.Query{Text: "українською"}, "uk", "uk"},
		{"script rule: Persian letters", content.Query{Text: "دکتر کجاست", Hint: "ar"}, "fa", "fa"},
		{"script rule: Ukrainian letters", content.Query{Text: "де їжа", Hint: "ru"}, "uk", "uk"},
		{"script rule: Russian letters", content.Query{Text: "где объявление", Hint: "uk"}, "ru", "ru"},
		{"script rule: Arabic letters", content.Query{Text: "كيف أجد طبيبة", Hint: "fa"}, "ar", "ar"},
		{"Pashto falls back to Persian", content.Query{Text: "ډاکټر چیرته دی"}, "fa", "ps"},
		{"detection on a long enough text", content.Query{Text: "Where can I find a doctor who speaks my language?", Hint: "de"}, "en", "en"},
		{"detection: German", content.Query{Text: "Wo finde ich einen Hausarzt in meiner Nähe?", Hint: "en"}, "de", "de"},
		{"hint for a short Latin text", content.Query{Text: "AMS", Hint: "de-AT"}, "de", ""},
		{"hint with underscore and region", content.Query{Text: "ok", Hint: "tr_TR"}, "tr", ""},
		{"hint outside the pack falls to the default", content.Query{Text: "ok", Hint: "pt-BR"}, "en", ""},
		{"default", content.Query{Text: "ok"}, "en", ""},
		{"a Latin-typed Russian message", content.Query{Text: "gde sdelat meldezettel"}, "ru", "ru"},
		{"Cyrillic hint decides between ru and uk", content.Query{Text: "так", Hint: "uk"}, "uk", "uk"},
		{"Ethiopic script without a pack language", content.Query{Text: "ሓኪም ኣበይ", Hint: "ti"}, "en", "ti"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := m.Understand(tt.q)
			if u.Lang != tt.lang || u.Detected != tt.detected {
				t.Errorf("Understand(%+v): Lang=%q Detected=%q, want %q %q", tt.q, u.Lang, u.Detected, tt.lang, tt.detected)
			}
			if !m.isLang[u.Lang] {
				t.Errorf("Lang %q is not a pack language", u.Lang)
			}
		})
	}
}

func TestCanonicalTag(t *testing.T) {
	for in, want := range map[string]string{"de-AT": "de-AT", "pt_BR": "pt-BR", "EN": "en", " uk ": "uk", "": ""} {
		if got := canonicalTag(in); got != want {
			t.Errorf("canonicalTag(%q) = %q, want %q", in, got, want)
		}
	}
}
