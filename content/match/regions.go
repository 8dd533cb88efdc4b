package match

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/compassbot/compass/content"
)

// A question may name the place it is about ("Wo ist das Meldeamt in
// Wien?"). The matcher then ranks the intents for that region and reports
// it in Understanding.Region; the engine answers for it once, without
// changing the person's stored region, and offers a button to switch.
//
// Names are found generically for any pack: every name of every region in
// every language, and the region id, compared as whole words of normalised,
// folded text with a little tolerance for inflection. Root regions (a
// country) never count: naming the country says nothing about where in it
// the person is.

// regionNameForm is one way of writing a region's name: its words,
// normalised and folded.
type regionNameForm struct {
	region string
	words  []string
}

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
			words := nameWords(s)
			key := strings.Join(words, " ")
			if len(words) == 0 || seen[key] {
				return
			}
			seen[key] = true
			forms = append(forms, regionNameForm{region: r.ID, words: words})
		}
		add(r.ID)
		if local, ok := strings.CutPrefix(r.ID, r.Parent+"-"); ok {
			add(local) // "de-muenchen": "muenchen"
		}
		for _, l := range r.Name.Langs() {
			add(r.Name[l])
		}
	}
	slices.SortStableFunc(forms, func(a, b regionNameForm) int { return len(b.words) - len(a.words) })
	return forms
}

// nameWords splits text into normalised, folded words.
func nameWords(s string) []string {
	var out []string
	for _, t := range Tokenize(Normalize(strings.ReplaceAll(s, "-", " "))) {
		out = append(out, Fold(t))
	}
	return out
}

// mentionedRegions returns the regions whose names the folded words
// contain, each once, in the order of their first mention, and which
// words are names (nil when none).
func mentionedRegions(forms []regionNameForm, words []string) ([]string, []bool) {
	var found []string
	var names []bool
	for i := range words {
		for _, f := range forms {
			if i+len(f.words) > len(words) {
				continue
			}
			ok := true
			for j, w := range f.words {
				if !nameWordMatches(words[i+j], w, j == 0) {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			if names == nil {
				names = make([]bool, len(words))
			}
			for j := range f.words {
				names[i+j] = true
			}
			if !slices.Contains(found, f.region) {
				found = append(found, f.region)
			}
		}
	}
	return found, names
}

// nameWordMatches says whether the message word token is the name word
// name, maybe inflected. A first word written in Arabic script may carry
// an attached preposition or conjunction ("بفيينا", "وفيينا").
func nameWordMatches(token, name string, first bool) bool {
	if inflectionOf(token, name) {
		return true
	}
	if !first {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(token); !unicode.Is(unicode.Arabic, r) {
		return false
	}
	for _, p := range attachedPrefixes {
		if rest, ok := strings.CutPrefix(token, p); ok && utf8.RuneCountInString(rest) >= 3 && inflectionOf(rest, name) {
			return true
		}
	}
	return false
}

// attachedPrefixes are prepositions and conjunctions written together with
// the next word in Arabic, Persian and Pashto: longest first.
var attachedPrefixes = []string{"وب", "ول", "في", "ب", "ل", "و", "ف", "ك"}

// inflectionOf says whether token is name or name with a short ending. A
// name of at least minInflectedName letters may take up to maxNameEnding
// more letters; one ending in a vowel may also drop it first ("Вена" →
// "Вене").
func inflectionOf(token, name string) bool {
	if token == name {
		return true
	}
	n := utf8.RuneCountInString(name)
	if n < minInflectedName {
		return false
	}
	stem := name
	if last, size := utf8.DecodeLastRuneInString(name); isNameVowel(last) {
		stem = name[:len(name)-size]
	}
	if !strings.HasPrefix(token, stem) {
		return false
	}
	ending := utf8.RuneCountInString(token) - utf8.RuneCountInString(stem)
	if stem != name && !strings.HasPrefix(token, name) {
		return ending <= 2 // "Вене", "Веной"; not "Венгрия"
	}
	return ending <= maxNameEnding
}

// isNameVowel reports the vowels that inflection replaces at the end of a
// name, in the Latin and Cyrillic scripts (folded: no accents, и for й).
func isNameVowel(r rune) bool {
	return strings.ContainsRune("aeiouyаеиоуыэюяіїєь", r)
}

// namedRegion returns the region a message names when it is another one
// than current, or "", and which words are region names (nil when none):
// a place's name picks the region, it says nothing about the need. Names of current's ancestors (and of any root) are
// ignored; a region named together with one of its ancestors counts once,
// as the more specific. When the message names more than one region,
// including the person's own, it names none clearly.
func (m *Matcher) namedRegion(folded []string, current string) (string, []bool) {
	p := m.pack
	current = m.regionOrRoot(current)
	path := p.RegionPath(current)
	var named []string
	mentioned, names := mentionedRegions(m.regionNames, folded)
	for _, id := range mentioned {
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
		return "", names
	}
	return named[0], names
}
