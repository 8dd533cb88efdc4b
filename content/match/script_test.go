package match

import "testing"

func TestScriptRules(t *testing.T) {
	tests := []struct {
		name, text, script, lang string
	}{
		{"Persian letters", "چطور آدرسم را ثبت کنم", scriptArabic, "fa"},
		{"Pashto letters beat Persian ones", "ډاکټر چیرته پیدا کړم", scriptArabic, "ps"},
		{"Pashto ښ and ږ", "ښځه او ږیره", scriptArabic, "ps"},
		{"Urdu letters", "مجھے ڈاکٹر چاہیے", scriptArabic, "ur"},
		{"Sorani letters", "ئێمە لە کوێ", scriptArabic, "ckb"},
		{"Arabic letters", "كيف أسجل عنواني في المدينة", scriptArabic, "ar"},
		{"Arabic script without deciding letters", "سلام", scriptArabic, ""},
		{"Ukrainian letters", "Де отримати їжу", scriptCyrillic, "uk"},
		{"Russian letters", "Где мы объявление", scriptCyrillic, "ru"},
		{"Cyrillic without deciding letters", "где сделать", scriptCyrillic, ""},
		{"Serbian letters", "Где је љекар", scriptCyrillic, "sr"},
		{"Ethiopic", "ሓኪም ኣበይ ክረክብ", scriptEthiopic, ""},
		{"Hebrew", "איפה הרופא", scriptHebrew, "he"},
		{"Greek", "πού είναι ο γιατρός", scriptGreek, "el"},
		{"Turkish letters", "Oturma iznimin süresi doluyor, nasıl uzatırım?", scriptLatin, "tr"},
		{"German sharp s", "Straße", scriptLatin, "de"},
		{"plain Latin decides nothing", "where is the office", scriptLatin, ""},
		{"a borrowed Latin word does not make Cyrillic text Latin", "где сделать Meldezettel?", scriptCyrillic, ""},
		{"no letters", "1450 !!!", scriptNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := guessScript(tt.text)
			if g.script != tt.script || g.lang != tt.lang {
				t.Errorf("guessScript(%q) = %s/%q, want %s/%q", tt.text, g.script, g.lang, tt.script, tt.lang)
			}
		})
	}
}
