package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the form the matcher compares: NFKC, lower case
// (with Turkish İ and German ß handled), Arabic-script letters unified,
// tatweel and harakat removed, ё → е, digits of every script as ASCII,
// punctuation, symbols and emoji turned into spaces, apostrophes dropped,
// and runs of spaces collapsed. Diacritics are kept; see Fold for the
// folded form. The result is valid UTF-8 and Normalize(Normalize(s)) equals
// Normalize(s).
func Normalize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if isASCII(s) {
		out, _ := normalizeOnce(s) // ASCII is NFKC already and stays so
		return out
	}
	out, unsure := normalizeOnce(norm.NFKC.String(s))
	// Lower-casing rare letters or removing marks can, in rare cases,
	// produce text that NFKC changes again; repeat until the text is
	// stable so that the function is idempotent.
	for i := 0; i < 3 && unsure && !norm.NFKC.IsNormalString(out); i++ {
		out, unsure = normalizeOnce(norm.NFKC.String(out))
	}
	return out
}

// normalizeOnce maps the runes of NFKC text. unsure reports whether it
// did something after which the text may no longer be NFKC: removed a
// mark or format character, or lower-cased a letter outside the common
// alphabets.
func normalizeOnce(s string) (out string, unsure bool) {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppresses leading and repeated spaces
	word := 0     // byte offset in b where the current word starts
	for _, r := range s {
		m1, m2 := mapRune(r)
		if m1 == 0 && (r == '\'' || isApostrophe(r)) && isElision(b.String()[word:]) {
			m1 = ' ' // French and Italian elision: "l'école" is "l école"
		}
		if r >= 0x0300 && (m1 == 0 || m1 != ' ' && m1 != r && !(r >= 0x0400 && r < 0x0700)) {
			unsure = true
		}
		for _, m := range [2]rune{m1, m2} {
			if m == 0 {
				continue
			}
			if m == ' ' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				word = b.Len()
				continue
			}
			b.WriteRune(m)
			space = false
		}
	}
	return strings.TrimSuffix(b.String(), " "), unsure
}

// mapRune maps one rune of NFKC text to up to two runes (0 for none); ' '
// stands for a word boundary.
func mapRune(r rune) (rune, rune) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', 0
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return r, 0
		case r == '\'' || r == '`':
			return 0, 0
		}
		return ' ', 0
	case r == 'ß' || r == 'ẞ':
		return 's', 's'
	case r == 'İ':
		return 'i', 0
	case r == 'ё' || r == 'Ё':
		return 'е', 0
	case isApostrophe(r):
		return 0, 0
	case r == 0x200C || r == 0x200D || r == 0x200B || r == 0xFEFF || r == 0x00AD || r == 0x2060:
		return 0, 0 // zero-width (non-)joiners, soft hyphen: glue the word
	case r == 0x0640:
		return 0, 0 // tatweel
	}
	if 0x0600 <= r && r < 0x0700 {
		if m, ok := arabicUnify[r]; ok {
			if m == 0 {
				return 0, 0
			}
			return m, 0
		}
	}
	if unicode.IsDigit(r) {
		if d, ok := digitValue(r); ok {
			return '0' + d, 0
		}
	}
	switch {
	case unicode.Is(unicode.Mn, r):
		if isStrippedMark(r) {
			return 0, 0
		}
		return r, 0
	case unicode.IsLetter(r), unicode.Is(unicode.Mc, r), unicode.Is(unicode.Me, r):
		return unicode.ToLower(r), 0
	case unicode.IsNumber(r):
		return r, 0
	}
	return ' ', 0 // punctuation, symbols, emoji, spaces, controls
}

// isElision reports whether a word before an apostrophe is an elided
// French or Italian article or pronoun (l', d', qu', c', j', m', n', s',
// t'), which is a word of its own: "l'école" must match "école". Other
// apostrophes (English "don't", Ukrainian "здоров'я") glue the word.
func isElision(w string) bool {
	switch w {
	case "l", "d", "c", "j", "m", "n", "s", "t", "qu", "dell", "nell", "all", "dall", "sull":
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	switch r {
	case '’', '‘', 'ʼ', 'ʻ', '´', 'ʹ', '′', 'ʾ', 'ʿ':
		return true
	}
	return false
}

// isStrippedMark reports combining marks that only decorate: Arabic
// harakat and Quranic signs, Hebrew points, and the Cyrillic/Latin stress
// accents that survive NFKC uncomposed.
func isStrippedMark(r rune) bool {
	switch {
	case 0x064B <= r && r <= 0x065F, r == 0x0670, 0x06D6 <= r && r <= 0x06ED, 0x0610 <= r && r <= 0x061A:
		return true
	case 0x0591 <= r && r <= 0x05C7:
		return true
	case 0x0300 <= r && r <= 0x036F:
		return true
	}
	return false
}

// arabicUnify maps Arabic-script letter variants that people type
// interchangeably onto one letter; 0 removes the rune.
var arabicUnify = map[rune]rune{
	'ی': 'ي', 'ى': 'ي', 'ې': 'ي', 'ۍ': 'ي', 'ێ': 'ي', 'ے': 'ي', 'ئ': 'ي',
	'ک': 'ك', 'ڪ': 'ك',
	'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه', 'ە': 'ه', 'ۃ': 'ه',
	'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
	'ؤ': 'و', 'ۆ': 'و', 'ۇ': 'و', 'ۈ': 'و',
	'ء': 0,
	'،': ' ', '؛': ' ', '؟': ' ', '٪': ' ', '٫': ' ', '٬': ' ', '۔': ' ',
}

// digitZeros are the code points of digit zero in the scripts whose digits
// people type; NFKC already maps full-width and mathematical digits.
var digitZeros = []rune{0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66,
	0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090,
	0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
	0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0}

func digitValue(r rune) (rune, bool) {
	if r < 0x0660 {
		return 0, false
	}
	for _, z := range digitZeros {
		if z <= r && r <= z+9 {
			return r - z, true
		}
	}
	return 0, false
}

// Fold returns a normalised word with diacritics removed from Latin, Greek
// and Cyrillic letters (ä → a, ş → s, й → и, ı → i), for matching text
// typed without them. Both forms are indexed, so folding never loses the
// exact match.
func Fold(word string) string {
	if isASCII(word) || norm.NFD.IsNormalString(word) && !strings.ContainsAny(word, "ıøłđæœ") {
		return word
	}
	var b strings.Builder
	b.Grow(len(word))
	var base rune
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) && foldable(base) {
			continue
		}
		switch r {
		case 'ı':
			r = 'i'
		case 'ø':
			r = 'o'
		case 'ł':
			r = 'l'
		case 'đ':
			r = 'd'
		case 'æ':
			b.WriteByte('a')
			r = 'e'
		case 'œ':
			b.WriteByte('o')
			r = 'e'
		}
		if !unicode.Is(unicode.Mn, r) {
			base = r
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func foldable(base rune) bool {
	return base != 0 && (unicode.Is(unicode.Latin, base) || unicode.Is(unicode.Greek, base) || unicode.Is(unicode.Cyrillic, base))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
