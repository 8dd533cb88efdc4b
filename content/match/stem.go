package match

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// stemmer reduces a normalised, folded word to a stem.
type stemmer func(word string) string

// stemmerFor returns the stemmer for a language: a Snowball stemmer where
// the library has one, a light affix stripper for Arabic-script languages
// and German, and prefix truncation for the rest (a well-known, robust
// choice for agglutinative languages such as Turkish).
func stemmerFor(lang string) stemmer {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "en":
		return snow(english.Stem)
	case "fr":
		return snow(french.Stem)
	case "es":
		return snow(spanish.Stem)
	case "ru":
		return snow(russian.Stem)
	case "hu":
		return snow(hungarian.Stem)
	case "sv":
		return snow(swedish.Stem)
	case "nb", "no", "nn":
		return snow(norwegian.Stem)
	case "de":
		return germanStem
	case "ar":
		return arabicStem
	case "fa", "prs", "ps", "ur", "ckb":
		return arabicScriptStem
	case "uk", "be", "bg", "sr", "mk":
		return slavicStem
	case "tr", "az", "ku":
		return truncate(5)
	}
	return truncate(6)
}

func snow(f func(string, bool) string) stemmer {
	return func(w string) string {
		if utf8.RuneCountInString(w) <= 3 {
			return w
		}
		if s := f(w, false); s != "" {
			return s
		}
		return w
	}
}

func truncate(n int) stemmer {
	return func(w string) string {
		i := 0
		for j := range w {
			if i == n {
				return w[:j]
			}
			i++
		}
		return w
	}
}

var germanSuffixes = []string{"ern", "em", "er", "en", "es", "nd", "e", "s", "n"}

// germanStem strips one inflectional ending from a folded German word.
func germanStem(w string) string {
	if len(w) <= 5 {
		return w
	}
	for _, s := range germanSuffixes {
		if strings.HasSuffix(w, s) && len(w)-len(s) >= 4 {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// Arabic-script affixes on unified letters (see Normalize): the article
// and its proclitics, Persian verb prefixes, and common suffixes.
var (
	arabicPrefixes = []string{"وال", "بال", "كال", "فال", "لل", "ال", "مي", "نمي"}
	arabicSuffixes = []string{"هاي", "ها", "ات", "ان", "ون", "ين", "يه", "ي", "ه", "م", "ت", "ش"}
)

// arabicStem is arabicScriptStem for Arabic, which also drops the alif of
// the accusative ending (طبيباً, typed طبيبا, is طبيب: "a doctor" as an
// object).
func arabicStem(w string) string {
	if rest, ok := strings.CutSuffix(w, "ا"); ok && utf8.RuneCountInString(rest) >= 3 {
		w = rest
	}
	return arabicScriptStem(w)
}

func arabicScriptStem(w string) string {
	for _, p := range arabicPrefixes {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 3 {
			w = w[len(p):]
			break
		}
	}
	for _, s := range arabicSuffixes {
		if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= 3 {
			w = w[:len(w)-len(s)]
			break
		}
	}
	return w
}

// slavicSuffixes are inflectional endings of Ukrainian (and, roughly, other
// Slavic languages without a Snowball stemmer), longest first.
var slavicSuffixes = []string{
	"ування", "ювання", "ністю", "ення", "ання", "ться", "тися", "ями", "ами", "ого", "ому", "ими",
	"іми", "ій", "их", "ім", "ів", "ах", "ях", "ою", "ею", "ти", "ть", "ся", "ий", "ій", "ої", "ом",
	"ем", "ам", "ям", "а", "я", "о", "е", "и", "і", "у", "ю", "ї", "й", "ь",
}

// slavicStem strips one ending, keeping at least three letters, then
// truncates to at most seven letters.
func slavicStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, s := range slavicSuffixes {
		if strings.HasSuffix(w, s) && n-utf8.RuneCountInString(s) >= 3 {
			w = w[:len(w)-len(s)]
			break
		}
	}
	return truncate(7)(w)
}

// altStemmerFor returns a second stemmer for languages whose words change
// at the front, or nil: German separable verbs ("melde … an", "anmelden")
// and Arabic imperfect verbs and verbal nouns ("أسجل", "تسجيل", "سجل"). Its
// stem is indexed and looked up besides the main one, at a lower weight
// (weightAltStem), so the main stem still tells the forms apart.
func altStemmerFor(lang string) stemmer {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "de":
		return germanSeparable
	case "ar":
		return arabicRoot
	}
	return nil
}

// germanPrefixes are separable and common inseparable verb prefixes,
// longest first.
var germanPrefixes = []string{"zuruck", "heraus", "herein", "weiter", "voraus", "nach", "ueber", "uber", "unter", "durch", "ab", "an", "auf", "aus", "ein", "mit", "vor", "zu", "um", "be", "ver", "er"}

// germanSeparable stems a folded German word without its verb prefix
// ("anmelden", "abmelden" → "meld"), or "" when it has none or too little
// would be left.
func germanSeparable(w string) string {
	for _, p := range germanPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 5 {
			return germanStem(rest)
		}
	}
	return ""
}

// arabicRoot reduces an Arabic word (article and suffixes stripped by
// arabicScriptStem) to a likely root for two common forms: the imperfect
// verb with its person prefix (أسجل, يسجل, نسجل, تسجل → سجل) and the
// verbal noun تفعيل (تسجيل → سجل). "" when neither applies.
func arabicRoot(w string) string {
	rs := []rune(arabicStem(w))
	switch {
	case len(rs) == 5 && rs[0] == 'ت' && rs[3] == 'ي':
		return string([]rune{rs[1], rs[2], rs[4]})
	case len(rs) == 4 && strings.ContainsRune("اينت", rs[0]):
		return string(rs[1:])
	}
	return ""
}
