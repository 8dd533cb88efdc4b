package match

import "unicode"

// Script names, as ISO 15924 codes.
const (
	scriptNone       = ""
	scriptLatin      = "Latn"
	scriptCyrillic   = "Cyrl"
	scriptArabic     = "Arab"
	scriptEthiopic   = "Ethi"
	scriptHebrew     = "Hebr"
	scriptGreek      = "Grek"
	scriptArmenian   = "Armn"
	scriptGeorgian   = "Geor"
	scriptDevanagari = "Deva"
	scriptBengali    = "Beng"
	scriptHan        = "Hani"
	scriptKana       = "Kana"
	scriptHangul     = "Hang"
	scriptThai       = "Thai"
	scriptTamil      = "Taml"
	scriptOther      = "Zyyy"
)

// scriptOf returns the script of a letter, scriptNone for non-letters.
func scriptOf(r rune) string {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return scriptLatin
		}
		return scriptNone
	case !unicode.IsLetter(r):
		return scriptNone
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Ethiopic, r):
		return scriptEthiopic
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	case unicode.Is(unicode.Devanagari, r):
		return scriptDevanagari
	case unicode.Is(unicode.Bengali, r):
		return scriptBengali
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Tamil, r):
		return scriptTamil
	}
	return scriptOther
}

// scriptLangs are the languages a script rule can name when no letter
// decides, best first; used to pick among the pack's languages.
var scriptLangs = map[string][]string{
	scriptCyrillic:   {"ru", "uk", "bg", "sr", "mk", "be", "kk"},
	scriptArabic:     {"ar", "fa", "prs", "ps", "ur", "ckb"},
	scriptEthiopic:   {"ti", "am"},
	scriptHebrew:     {"he", "yi"},
	scriptGreek:      {"el"},
	scriptArmenian:   {"hy"},
	scriptGeorgian:   {"ka"},
	scriptDevanagari: {"hi", "mr", "ne"},
	scriptBengali:    {"bn"},
	scriptHan:        {"zh", "ja"},
	scriptKana:       {"ja"},
	scriptHangul:     {"ko"},
	scriptThai:       {"th"},
	scriptTamil:      {"ta"},
}

// letterVotes name the language a letter belongs to within its script.
var letterVotes = map[rune]string{
	// Pashto
	'ټ': "ps", 'ډ': "ps", 'ړ': "ps", 'ږ': "ps", 'ښ': "ps", 'ځ': "ps", 'څ': "ps", 'ې': "ps", 'ۍ': "ps", 'ګ': "ps", 'ڼ': "ps",
	// Urdu
	'ٹ': "ur", 'ڈ': "ur", 'ڑ': "ur", 'ں': "ur", 'ے': "ur", 'ہ': "ur",
	// Sorani Kurdish
	'ڕ': "ckb", 'ڵ': "ckb", 'ۆ': "ckb", 'ێ': "ckb", 'ە': "ckb",
	// Persian (shared with Pashto and Urdu, who outvote it by their own letters)
	'پ': "fa", 'چ': "fa", 'ژ': "fa", 'گ': "fa", 'ک': "fa", 'ی': "fa",
	// Arabic
	'ة': "ar", 'ى': "ar", 'ي': "ar", 'ك': "ar",
	// Ukrainian and Russian
	'і': "uk", 'ї': "uk", 'є': "uk", 'ґ': "uk",
	'ы': "ru", 'э': "ru", 'ъ': "ru", 'ё': "ru",
	// Serbian, Macedonian, Belarusian
	'ђ': "sr", 'ћ': "sr", 'џ': "sr", 'љ': "sr", 'њ': "sr", 'ј': "sr",
	'ѓ': "mk", 'ќ': "mk", 'ѕ': "mk", 'ў': "be",
	// Latin letters that only one common language uses
	'ğ': "tr", 'ı': "tr", 'ş': "tr", 'İ': "tr",
	'ß': "de",
	'ê': "ku", 'û': "ku",
	'ñ': "es", 'ã': "pt", 'õ': "pt",
	'ő': "hu", 'ű': "hu",
	'ł': "pl", 'ą': "pl", 'ę': "pl", 'ś': "pl", 'ź': "pl", 'ż': "pl", 'ń': "pl",
	'ř': "cs", 'ů': "cs", 'ě': "cs",
	'ă': "ro", 'ș': "ro", 'ț': "ro",
	'ë': "sq",
}

// scriptGuess is what the letters of a text say about its language.
type scriptGuess struct {
	script  string // dominant script of the letters
	lang    string // language the letters decide; "" when they don't
	letters int    // number of letters
	share   float64
}

// guessScript applies the script rules to raw (not normalised) text.
func guessScript(text string) scriptGuess {
	counts := map[string]int{}
	votes := map[string]int{}
	letters := 0
	for _, r := range text {
		s := scriptOf(r)
		if s == scriptNone {
			continue
		}
		letters++
		counts[s]++
		if l, ok := letterVotes[unicode.ToLower(r)]; ok {
			votes[l]++
		} else if l, ok := letterVotes[r]; ok {
			votes[l]++
		}
	}
	g := scriptGuess{letters: letters}
	best := 0
	for s, n := range counts {
		if n > best || n == best && s < g.script {
			g.script, best = s, n
		}
	}
	// Latin words inside text in another script are usually borrowed
	// names ("где сделать Meldezettel?"): the other script decides.
	if g.script == scriptLatin {
		other, n := "", 0
		for s, c := range counts {
			if s != scriptLatin && (c > n || c == n && s < other) {
				other, n = s, c
			}
		}
		if n >= 3 && n*4 >= letters {
			g.script, best = other, n
		}
	}
	if letters > 0 {
		g.share = float64(best) / float64(letters)
	}
	g.lang = decideByLetters(g.script, votes)
	return g
}

func decideByLetters(script string, votes map[string]int) string {
	switch script {
	case scriptLatin, scriptCyrillic:
		// The letters of one language only; Latin letters are weak evidence,
		// so a tie says nothing.
		best, n, tie := "", 0, false
		for l, v := range votes {
			switch {
			case v > n:
				best, n, tie = l, v, false
			case v == n:
				tie = true
			}
		}
		if tie {
			return ""
		}
		return best
	case scriptArabic:
		// Pashto, Urdu and Sorani letters never occur in Persian or Arabic
		// text; Persian letters never in Arabic.
		best, n := "", 0
		for _, l := range []string{"ps", "ur", "ckb"} {
			if votes[l] > n {
				best, n = l, votes[l]
			}
		}
		switch {
		case best != "":
			return best
		case votes["fa"] > 0 && votes["fa"] >= votes["ar"]:
			return "fa"
		case votes["ar"] > 0:
			return "ar"
		}
		return ""
	}
	best, n := "", 0
	for l, v := range votes {
		if v > n || v == n && l < best {
			best, n = l, v
		}
	}
	if best == "" && len(scriptLangs[script]) > 0 && script != scriptEthiopic && script != scriptHan {
		return scriptLangs[script][0]
	}
	return best
}
