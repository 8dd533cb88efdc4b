package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower case and punctuation", "Where do I get a MELDEZETTEL?!", "where do i get a meldezettel"},
		{"emoji and symbols are spaces", "help 🙏🙏 now!!! 😭", "help now"},
		{"German sharp s", "Straße", "strasse"},
		{"Turkish dotted capital I", "İSTANBUL", "istanbul"},
		{"Turkish dotless i is kept", "ışık", "ışık"},
		{"diacritics are kept", "Österreich Ärztin", "österreich ärztin"},
		{"Russian yo becomes ye", "Ещё Ёлка", "еще елка"},
		{"Ukrainian apostrophe glues the word", "здоров'я сім’ї", "здоровя сімї"},
		{"English apostrophe glues the word", "I don't know", "i dont know"},
		{"French elision is a word of its own", "L'école d’Anna, qu'il", "l école d anna qu il"},
		{"Arabic yeh, kaf and teh marbuta", "مدرسة كبيرة", "مدرسه كبيره"},
		{"Persian yeh and keheh unified with Arabic", "کی یک", "كي يك"},
		{"alef variants", "أحمد إلى آمنة ٱلله", "احمد الي امنه الله"},
		{"alef maksura", "على", "علي"},
		{"tatweel removed", "مـــرحبا", "مرحبا"},
		{"harakat removed", "مَدْرَسَةٌ", "مدرسه"},
		{"zero-width non-joiner glues Persian words", "می‌خواهم", "ميخواهم"},
		{"Arabic-Indic digits", "اتصل ب ١٤٥٠", "اتصل ب 1450"},
		{"Persian digits", "۱۴۴ و ۱۳۳", "144 و 133"},
		{"Devanagari digits", "१२३", "123"},
		{"full-width letters (NFKC)", "ＡＭＳ　１２", "ams 12"},
		{"Arabic presentation forms (NFKC)", "ﻻ", "لا"},
		{"hyphen splits", "e-card", "e card"},
		{"Arabic question mark and comma", "وين؟ هون، هناك", "وين هون هناك"},
		{"spaces collapse", "  a \t\n b  ", "a b"},
		{"empty", "", ""},
		{"invalid UTF-8 becomes a boundary", "ab\xffcd", "ab cd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"österreich", "osterreich"},
		{"ärztin", "arztin"},
		{"değiştirmek", "degistirmek"},
		{"ışık", "isik"},
		{"çocuğum", "cocugum"},
		{"kurdî", "kurdi"},
		{"español", "espanol"},
		{"йод", "иод"},
		{"grüß", "gruß"},
		{"مدرسه", "مدرسه"},   // Arabic script has no diacritics left to fold
		{"हिन्दी", "हिन्दी"}, // Indic vowel signs are letters, not decoration
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"where is the office", []string{"where", "is", "the", "office"}},
		{"", nil},
		{"我想学习德语", []string{"我想", "想学", "学习", "习德", "德语"}},
		{"ams 办公室", []string{"ams", "办公", "公室"}},
		{"中", []string{"中"}},
		{"abc中文", []string{"abc", "中文"}},
		{"สวัสดี", []string{"สว", "วั", "ัส", "สด", "ดี"}},
	}
	for _, tt := range tests {
		got := Tokenize(Normalize(tt.in))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Where do I get a Meldezettel?", "где сделать Meldezettel?", "مَدْرَسَةٌ ١٤٥٠",
		"می‌خواهم", "İSTANBUL ışık", "ＡＭＳ", "ab\xffcd", "🙏 help", "ﻻ", "Straße", "e\u0301", "ǅ ᾈ ẞ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: Normalize(%q) = %q, Normalize of that = %q", s, n, again)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", s, n)
		}
		folded := Fold(n)
		if !utf8.ValidString(folded) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", n, folded)
		}
	})
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"where is the office", "我想学习德语", "abc中文 def", "สวัสดี ครับ", "", "a", "中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		for _, tok := range Tokenize(n) {
			if tok == "" || strings.Contains(tok, " ") || !utf8.ValidString(tok) {
				t.Fatalf("Tokenize(%q): bad token %q", n, tok)
			}
			if !strings.Contains(n, tok) {
				t.Fatalf("Tokenize(%q): token %q is not part of the text", n, tok)
			}
			if Normalize(tok) != tok {
				t.Fatalf("Tokenize(%q): token %q is not normalised", n, tok)
			}
		}
		// The raw tokenizer must not panic on text that was not normalised.
		_ = Tokenize(s)
	})
}
