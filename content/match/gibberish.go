package match

import (
	"regexp"
	"strings"
	"unicode"
)

// Messages that are no language at all (random bytes, a pocket's keyboard
// mash of symbols, binary pasted by mistake) used to get confident answers:
// in 800 lines of random bytes the matcher named an intent for 103 and
// sent emergency numbers twice. notLanguage recognises them from how they
// are written, before any word is matched, so that the person is asked to
// write the question in words instead.
//
// It is meant never to refuse a real message, however short: a question in
// any script, a transliteration ("gde sdelat meldezettel"), a one-word
// question ("AMS", "Meldezettel", "e-card"), a number ("112"), emoji
// ("👋", "🙏🙏") and mixtures of a script with Latin brand names are all
// language. So it needs the character classes of the text to look like no
// writing system's (garbage signals), and the words not to be words the
// pack or a language's function words know. See gibberish_test.go for the
// measured false refusals (none) and detection rates.

// textShape counts what a text is made of.
type textShape struct {
	runes   int // not counting spaces
	letters int // letters and the marks on them
	digits  int
	emoji   int // pictographs, their modifiers and joiners, flags
	prose   int // sentence punctuation: . , ! ? ; : quotes, brackets, dashes
	symbols int // other punctuation and symbols: # $ % & * + / < = > @ [ \ ] ^ _ ` { | } ~ ¤ ¦ …
	odd     int // private use, unassigned, format characters, marks on no letter
	scripts int // distinct scripts of the letters
	mixed   int // tokens whose letters are of two scripts or more
	chaos   int // tokens with case at random ("QkaH", "PtO", "fd8x7K")
	pairs   int // neighbouring cased letters
	flips   int // ... of different case in tokens that are not well cased (random letters: half of them)
	words   int // space-separated tokens with a letter
	singles int // ... of exactly one letter
}

// shapeOf reads the character classes of text.
func shapeOf(text string) textShape {
	var s textShape
	seen := map[string]bool{}
	for _, tok := range strings.Fields(text) {
		scripts := map[string]bool{}
		var cases []byte // 'A' or 'a' per cased letter
		prev, letters, flips := rune(' '), 0, 0
		for _, r := range tok {
			s.runes++
			switch {
			case unicode.IsLetter(r):
				s.letters++
				letters++
				if sc := scriptOf(r); sc != scriptNone {
					scripts[sc] = true
					if !seen[sc] {
						seen[sc] = true
						s.scripts++
					}
				}
				c := byte(0)
				if unicode.IsUpper(r) {
					c = 'A'
				} else if unicode.IsLower(r) {
					c = 'a'
				}
				if c != 0 {
					if last := len(cases) - 1; last >= 0 && unicode.IsLetter(prev) {
						s.pairs++
						if cases[last] != c {
							flips++
						}
					}
					cases = append(cases, c)
				}
			case isEmoji(r):
				s.emoji++
			case unicode.Is(unicode.M, r) && (unicode.IsLetter(prev) || unicode.Is(unicode.M, prev)):
				s.letters++
			case unicode.IsDigit(r):
				s.digits++ // inside words too: Arabic written in Latin letters uses 2, 3, 5, 7 ("a3mel")
			case strings.ContainsRune(prosePunct, r):
				s.prose++
			case unicode.IsPunct(r) || unicode.IsSymbol(r):
				s.symbols++
			default:
				s.odd++
			}
			prev = r
		}
		if letters == 0 {
			continue
		}
		s.words++
		if letters == 1 {
			s.singles++
		}
		if len(scripts) > 1 {
			s.mixed++
		}
		if !wellCased.Match(cases) {
			s.chaos++
			s.flips += flips
		}
	}
	return s
}

// prosePunct is the punctuation of ordinary sentences in the pack's
// scripts: it says nothing against a text being language ("halo!!!").
const prosePunct = ".,!?;:'\"()-–—…«»„“”‘’¿¡؟،؛٫۔"

// wellCased matches the case patterns words have, one letter per cased
// letter ('A' upper, 'a' lower): lower, UPPER, Capital, plural acronyms
// ("IDs", "SVNr"), "iOS", "eID", and camel case with lower-case syllables
// ("iPhone", "WhatsApp", "McDonald"). Random letters have other patterns
// ("QkaH", "PtO", "BcC").
var wellCased = regexp.MustCompile(`^(a*|A+|A+a{1,2}|a{1,2}A+|a?(A?a+)+|A+(Aa+)+)$`)

// isEmoji reports whether r is part of an emoji: a pictograph, a
// regional-indicator letter (flags), a skin-tone modifier, the zero-width
// joiner or a variation selector.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // pictographs, emoticons, transport, flags' letters, modifiers
		r >= 0x2600 && r <= 0x27BF, // miscellaneous symbols, dingbats
		r >= 0x2B00 && r <= 0x2BFF, // arrows and stars used as emoji
		r == 0x200D, r >= 0xFE00 && r <= 0xFE0F, r == 0x20E3,
		r >= 0xE0020 && r <= 0xE007F, // tag characters (subdivision flags)
		r == 0x00A9, r == 0x00AE, r == 0x203C, r == 0x2049, r == 0x2122, r == 0x2139,
		r >= 0x2194 && r <= 0x21AA, r >= 0x231A && r <= 0x23FF, r >= 0x25AA && r <= 0x25FE,
		r == 0x3030, r == 0x303D, r == 0x3297, r == 0x3299:
		return true
	}
	return false
}

// emoticon matches a text that is one ASCII emoticon (a greeting or a
// thank-you, like an emoji).
var emoticon = regexp.MustCompile(`^(?:[:;=8xX][-o^']?[)(\]\[DPpOo3*/|\\]+|[)(]+[-^']?[:;=]|<3+|\^[_.-]?\^|[oO0][._][oO0])$`)

// garbage counts the signals that text is written like no language:
// symbols or odd characters in a large share of it; letters of three
// scripts, or a word mixing two; case at random (a third of neighbouring
// letters switch case); and words broken into single letters.
func (s textShape) garbage() int {
	n := 0
	if body := s.runes - s.emoji; body >= 4 && 100*(3*(s.symbols+2*s.odd)+s.prose) >= 22*3*body {
		n++ // 22% and more, sentence punctuation counting a third
	}
	if s.scripts >= 3 || s.mixed > 0 {
		n++
	}
	if (s.chaos >= 2 && 10*s.chaos >= 3*s.words) || (s.words <= 2 && s.chaos == s.words && s.symbols+s.digits > 0) ||
		(s.pairs >= 6 && 100*s.flips >= 35*s.pairs) {
		n++
	}
	if s.singles >= 4 && 10*s.singles >= 4*s.words {
		n++
	}
	return n
}

// notLanguage reports whether text is no language: nothing but
// punctuation and symbols ("?!", "%$#"), or letters written like no language
// (garbage signals) with at most one word the pack or a language's
// function words know — two signals need no known word of three letters
// or more, one needs none at all.
func (m *Matcher) notLanguage(text string, ws words) bool {
	s := shapeOf(text)
	if s.runes == 0 {
		return false
	}
	switch {
	case emoticon.MatchString(strings.TrimSpace(text)):
		return false
	case s.letters == 0 && s.digits == 0 && s.emoji == 0:
		return true
	case s.letters == 0:
		return false // numbers, times, prices, phone numbers: "112", "10:00?", "+43 316 872-0"
	}
	g := s.garbage()
	if g == 0 {
		return false
	}
	known := m.knownTokens(ws.fold)
	return (g >= 2 && known <= 1) || known == 0
}

// knownTokens counts the folded words of three bytes or more that some
// pack language's index (or its transliteration skeletons), the index of
// every language, or a language's function words know.
func (m *Matcher) knownTokens(folded []string) int {
	n := 0
	for _, f := range folded {
		if len(f) < 3 {
			continue
		}
		if m.knownAnywhere(f) {
			n++
		}
	}
	return n
}

func (m *Matcher) knownAnywhere(f string) bool {
	one := []string{f}
	if m.global.knownWords(one) > 0 {
		return true
	}
	for _, l := range m.langs {
		if m.words[l].knownWords(one) > 0 || m.skeletons[l].knownWords(one) > 0 {
			return true
		}
		if stop := stopList(l); stop != nil && stop(f) {
			return true
		}
	}
	return false
}

// surelyNotLanguage is the stricter test for a message in which the
// emergency router found danger: a missed emergency costs more than
// numbers sent in reply to noise, so it takes two garbage signals and not
// one known word.
func (m *Matcher) surelyNotLanguage(text string, ws words) bool {
	s := shapeOf(text)
	return s.letters > 0 && s.garbage() >= 2 && m.knownTokens(ws.fold) == 0
}
