package match

import (
	"testing"

	"github.com/compassbot/compass/content"
)

// Every marker is one word as the matcher tokenises it, and no word is a
// marker of two languages (it would count for both and tell nothing).
func TestMarkers_OneWordEachOneLanguage(t *testing.T) {
	owner := map[string]string{}
	for _, l := range BuiltinMarkers() {
		for _, p := range l.Phrases {
			tok := Tokenize(Normalize(p.Text))
			if len(tok) != 1 {
				t.Errorf("data/markers/%s.txt:%d: %q is %d words as the matcher reads it, want one", l.Lang, p.Line, p.Text, len(tok))
				continue
			}
			if other, ok := owner[tok[0]]; ok && other != l.Lang {
				t.Errorf("data/markers/%s.txt:%d: %q is also a marker of %s", l.Lang, p.Line, p.Text, other)
			}
			owner[tok[0]] = l.Lang
		}
	}
}

func TestByMarkers(t *testing.T) {
	tests := []struct {
		tok      []string
		detected string
		want     string
		decides  bool
	}{
		{[]string{"gdje", "mogu", "naći", "liječnika"}, "sl", "hr", true},
		{[]string{"kje", "lahko", "dobim", "zdravnika"}, "hr", "sl", true},
		{[]string{"kdaj", "je", "tekma"}, "hr", "sl", false},    // one marker breaks a tie between close languages
		{[]string{"kdaj", "je", "tekma"}, "", "sl", false},      // or settles an unsure detection
		{[]string{"kdaj", "je", "tekma"}, "de", "", false},      // but does not overrule a detection elsewhere
		{[]string{"kje", "gdje", "je", "tekma"}, "", "", false}, // a tie says nothing
		{[]string{"where", "is", "the", "office"}, "en", "", false},
	}
	for _, tt := range tests {
		got, decides := byMarkers(tt.tok, tt.detected)
		if got != tt.want || decides != tt.decides {
			t.Errorf("byMarkers(%q, %q) = %q, %v; want %q, %v", tt.tok, tt.detected, got, decides, tt.want, tt.decides)
		}
	}
}

// On the bundled pack (sl, hr and tr among its languages): Croatian is
// answered in Croatian and Slovenian in Slovenian, although their words
// are mostly shared; Kurmanji, which no general detector knows, is
// detected and answered in its fallback, Turkish; Albanian is detected.
func TestMarkers_DecideCloseAndUnmodelledLanguages(t *testing.T) {
	m, _ := bundledMatcher(t)
	tests := []struct{ text, lang, detected string }{
		{"gdje mogu naći liječnika koji govori engleski", "hr", "hr"},
		{"kje lahko dobim zdravnika, ki govori angleško", "sl", "sl"},
		{"ez dixwazim zarokê xwe bibim doktor, çawa?", "tr", "ku"},
		{"dua të mësoj gjermanisht, ku mund të regjistrohem", "", "sq"},
	}
	for _, tt := range tests {
		u := m.Understand(content.Query{Text: tt.text})
		if u.Detected != tt.detected || tt.lang != "" && u.Lang != tt.lang {
			t.Errorf("%q: Lang %q Detected %q, want %q %q", tt.text, u.Lang, u.Detected, tt.lang, tt.detected)
		}
	}
}
