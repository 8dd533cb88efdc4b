package match

import (
	"strings"
	"unicode/utf8"
)

// A skeleton is a word reduced to classes of consonants in ASCII: vowels
// dropped, similar sounds merged (g/h/kh/x, k/q, b/p, ch/ts/c, j/zh, ...).
// Cyrillic and Arabic-script texts are transliterated to Latin first, so
// that a Latin-typed message ("gde sdelat meldezettel", Arabizi "kif
// ba3mel", Finglish "koja mitoonam") and the pack's texts meet in one
// space. Short vowels are not written in Arabic script and every typist
// spells vowels their own way, hence the consonants only.

// latinize transliterates a normalised word of lang to lower-case Latin,
// appending to dst. Letters it does not know are copied unchanged.
func latinize(dst []byte, word, lang string) []byte {
	if strings.HasPrefix(word, "ال") && utf8.RuneCountInString(word) >= 5 { // the Arabic article
		word = word[len("ال"):]
	}
	n := utf8.RuneCountInString(word)
	i := 0
	for _, r := range word {
		i++
		if s, ok := cyrillicLatin[r]; ok {
			dst = append(dst, s...)
			continue
		}
		switch r {
		case 'ق':
			if lang == "ar" {
				dst = append(dst, 'q')
			} else {
				dst = append(dst, "gh"...)
			}
			continue
		case 'و':
			if i == 1 {
				dst = append(dst, 'v')
			} else {
				dst = append(dst, 'o')
			}
			continue
		case 'ه':
			if i == n && n > 2 {
				dst = append(dst, 'e')
			} else {
				dst = append(dst, 'h')
			}
			continue
		}
		if s, ok := arabicLatin[r]; ok {
			dst = append(dst, s...)
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ye",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l",
	'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "",
	'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'ў': "w", 'ј': "j",
	'љ': "l", 'њ': "n", 'ђ': "dj", 'ћ': "ch", 'џ': "dzh", 'ѓ': "g", 'ќ': "k", 'ѕ': "dz",
}

var arabicLatin = map[rune]string{
	'ا': "a", 'ب': "b", 'ت': "t", 'ث': "s", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "z", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t",
	'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ي': "y", 'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g",
	'ټ': "t", 'ډ': "d", 'ړ': "r", 'ږ': "zh", 'ښ': "sh", 'ځ': "z", 'څ': "ts", 'ڼ': "n", 'ګ': "g",
	'ٹ': "t", 'ڈ': "d", 'ڑ': "r", 'ں': "n", 'ڤ': "v", 'ڵ': "l", 'ڕ': "r",
}

// skeletonize reduces lower-case Latin (ASCII letters and Arabizi digits;
// other runes are ignored) to its consonant skeleton, appending to dst.
// Pure numbers have no skeleton.
func skeletonize(dst []byte, latin []byte) []byte {
	hasLetter := false
	for _, c := range latin {
		if 'a' <= c && c <= 'z' {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return dst
	}
	start := len(dst)
	var last byte
	emit := func(c byte) {
		if c != last {
			dst = append(dst, c)
			last = c
		}
	}
	at := func(i int, s string) bool {
		return i+len(s) <= len(latin) && string(latin[i:i+len(s)]) == s
	}
next:
	for i := 0; i < len(latin); {
		c := latin[i]
		for _, d := range digraphsFrom[c] {
			if at(i, d.letters) {
				emit(d.class)
				i += len(d.letters)
				continue next
			}
		}
		if k := skeletonClass[c]; k != 0 {
			if k == 'V' && len(dst) > start {
				last = 0 // a medial v/w is a vowel in most spellings
			} else if k != '-' {
				emit(k)
			} else {
				last = 0
			}
		}
		i++
	}
	return dst
}

// digraph is a group of letters that makes one consonant class.
type digraph struct {
	letters string
	class   byte
}

// digraphsFrom holds skeletonDigraphs by first letter.
var digraphsFrom = func() (from [256][]digraph) {
	for _, d := range skeletonDigraphs {
		from[d.letters[0]] = append(from[d.letters[0]], d)
	}
	return from
}()

// skeletonDigraphs are tried in this order: a group comes before the
// shorter ones it starts with ("tsch" before "ts").
var skeletonDigraphs = []digraph{
	{"shch", 'S'}, {"sch", 'S'}, {"sh", 'S'},
	{"tsch", 'C'}, {"tch", 'C'}, {"ch", 'C'}, {"ts", 'C'}, {"tz", 'C'},
	{"dzh", 'J'}, {"zh", 'J'}, {"dj", 'J'},
	{"kh", 'G'}, {"gh", 'G'},
	{"ph", 'F'}, {"th", 'T'}, {"dh", 'D'}, {"ck", 'K'},
}

// skeletonClass maps a Latin letter or Arabizi digit to its consonant
// class; '-' marks vowels (dropped, but they separate doubled letters).
var skeletonClass = [256]byte{
	'a': '-', 'e': '-', 'i': '-', 'o': '-', 'u': '-', 'y': '-',
	'2': '-', '3': '-',
	'b': 'B', 'p': 'B',
	'c': 'C',
	'd': 'D',
	'f': 'F',
	'g': 'G', 'h': 'G', 'x': 'G', '5': 'G', '7': 'G', '8': 'G',
	'j': 'J',
	'k': 'K', 'q': 'K',
	'l': 'L', 'm': 'M', 'n': 'N', 'r': 'R',
	's': 'S', '9': 'S',
	't': 'T', '6': 'T',
	'v': 'V', 'w': 'V',
	'z': 'Z',
}
