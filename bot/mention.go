package bot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/compassbot/compass/content"
)

// A question may name the place it is about ("Wo ist das Meldeamt in
// Wien?"). The engine then answers it for that region, once, without
// changing the person's stored region, and offers a button to switch.
//
// Names are found generically for any pack: every name of every region in
// every language, and the region id, compared as whole words of normalised
// text (lower case, accents and Arabic vowel marks dropped) with a little
// tolerance for inflection. Root regions (a country) never count: naming
// the country says nothing about where in it the person is.

// regionNameForm is one way of writing a region's name: its words, normalised.
type regionNameForm struct {
	region string
	words  []string
}

// maxEnding is the longest inflectional ending accepted after a name
// ("Wien" → "Wiener", "Грац" → "Граце", "Viyana" → "Viyanada").
const maxEnding = 4

// minInflected is the fewest letters a name needs before endings are
// tolerated; shorter names must be written exactly.
const minInflected = 4

// regionNameForms collects the name forms of every non-root region of p,
// longest first so that "Sankt Pölten" wins over a region called "Sankt".
func regionNameForms(p *content.Pack) []regionNameForm {
	var forms []regionNameForm
	for _, r := range p.Regions {
		if r == nil || r.Parent == "" {
			continue
		}
		seen := map[string]bool{}
		add := func(s string) {
			words := mentionWords(s)
			key := strings.Join(words, " ")
			if len(words) == 0 || seen[key] {
				return
			}
			seen[key] = true
			forms = append(forms, regionNameForm{region: r.ID, words: words})
		}
		add(r.ID)
		for _, l := range r.Name.Langs() {
			add(r.Name[l])
		}
	}
	slices.SortStableFunc(forms, func(a, b regionNameForm) int { return len(b.words) - len(a.words) })
	return forms
}

// mentionWords splits text into normalised words: letters and digits only,
// lower case, without combining marks (accents, Arabic harakat).
func mentionWords(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// mentionedRegions returns the regions whose names text contains, each
// once, in the order of their first mention.
func mentionedRegions(forms []regionNameForm, text string) []string {
	words := mentionWords(text)
	var found []string
	for i := range words {
		for _, f := range forms {
			if i+len(f.words) > len(words) || slices.Contains(found, f.region) {
				continue
			}
			ok := true
			for j, w := range f.words {
				if !wordMatches(words[i+j], w, j == 0) {
					ok = false
					break
				}
			}
			if ok {
				found = append(found, f.region)
			}
		}
	}
	return found
}

// wordMatches says whether the message word token is the name word name,
// maybe inflected. A first word written in Arabic script may carry an
// attached preposition or conjunction ("بفيينا", "وفيينا").
func wordMatches(token, name string, first bool) bool {
	if inflectionOf(token, name) {
		return true
	}
	if !first {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(token); !unicode.Is(unicode.Arabic, r) {
		return false
	}
	for _, p := range arabicPrefixes {
		if rest, ok := strings.CutPrefix(token, p); ok && utf8.RuneCountInString(rest) >= 3 && inflectionOf(rest, name) {
			return true
		}
	}
	return false
}

// arabicPrefixes are prepositions and conjunctions written together with
// the next word in Arabic, Persian and Pashto: longest first.
var arabicPrefixes = []string{"وب", "ول", "في", "ب", "ل", "و", "ف", "ك"}

// inflectionOf says whether token is name or name with a short ending. A
// name of at least minInflected letters may take up to maxEnding more
// letters; one ending in a vowel may also drop it first ("Вена" → "Вене").
func inflectionOf(token, name string) bool {
	if token == name {
		return true
	}
	n := utf8.RuneCountInString(name)
	if n < minInflected {
		return false
	}
	stem := name
	if last, size := utf8.DecodeLastRuneInString(name); isVowel(last) {
		stem = name[:len(name)-size]
	}
	if !strings.HasPrefix(token, stem) {
		return false
	}
	ending := utf8.RuneCountInString(token) - utf8.RuneCountInString(stem)
	if stem != name && !strings.HasPrefix(token, name) {
		return ending <= 2 // "Вене", "Веной"; not "Венгрия"
	}
	return ending <= maxEnding
}

// isVowel reports the vowels that inflection replaces at the end of a
// name, in the Latin and Cyrillic scripts.
func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyаеиоуыэюяіїєь", r)
}

// namedRegion returns the region a question names when it is a different
// one than the person's, or "". Names of the person's region's ancestors
// (and of any root) are ignored; a region named together with one of its
// ancestors counts once, as the more specific. When the message names more
// than one region, including the person's own, it names none clearly.
func (c *conversation) namedRegion(text string) string {
	p := c.st.pack
	current := c.homeRegion()
	path := p.RegionPath(current)
	var named []string
	for _, id := range mentionedRegions(c.st.regionNames, text) {
		if id == current || !slices.Contains(path, id) {
			named = append(named, id)
		}
	}
	// Drop a region when a descendant of it is named too ("Graz, Steiermark").
	named = slices.DeleteFunc(slices.Clone(named), func(id string) bool {
		for _, other := range named {
			if other != id && slices.Contains(p.RegionPath(other)[1:], id) {
				return true
			}
		}
		return false
	})
	if len(named) != 1 || named[0] == current {
		return ""
	}
	return named[0]
}
