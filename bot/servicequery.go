package bot

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/compassbot/compass/content"
)

// A question may ask for a kind of place in words: "I need a doctor who
// speaks Arabic", "аптека рядом, открыта сейчас", "Türkçe konuşan avukat",
// "طبيب يتكلم العربية". parseServiceRequest finds the kind (from
// servicewords/), the languages named (from CLDR's names of languages in
// every pack language, plus servicewords/), "open now", "near me" and a
// district of the region. The engine answers with matching services when
// the question asks for a kind with at least one of those wishes.

// serviceRequest is what a question asks for, in terms of services.
type serviceRequest struct {
	kind     string   // a service kind ("doctor"); "" if none named
	langs    []string // languages the person wants spoken there (any of them)
	openNow  bool
	nearMe   bool
	district *content.District // a district of the region named in the question
}

// wanted reports whether the question asks for services rather than an
// answer: a kind and at least one wish about it.
func (q serviceRequest) wanted() bool {
	return q.kind != "" && (len(q.langs) > 0 || q.openNow || q.nearMe || q.district != nil)
}

// languageName is one way of writing a language's name, normalised.
type languageNameForm struct {
	tag   string
	words []string
}

// languageNames are the language names of a pack, indexed by the wordKey
// of their first word.
type languageNames struct {
	forms []languageNameForm
	byKey map[string][]int32
}

// languageNamesOf indexes languageNameForms(p).
func languageNamesOf(p *content.Pack) languageNames {
	n := languageNames{forms: languageNameForms(p), byKey: map[string][]int32{}}
	for i, f := range n.forms {
		k := wordKey(f.words[0])
		n.byKey[k] = append(n.byKey[k], int32(i))
	}
	return n
}

// languageNameForms collects the names of every language a person may ask
// for (those compass knows, the pack's and those spoken at its services)
// as written in every pack language and in itself, from CLDR. Languages
// nobody speaks here count too: the honest answer is "none speaks it".
func languageNameForms(p *content.Pack) []languageNameForm {
	targets := append(content.KnownLanguageTags(), p.Languages...)
	for _, s := range p.Services {
		for _, l := range s.Languages {
			if !slices.Contains(targets, l) {
				targets = append(targets, l)
			}
		}
	}
	readers := append(slices.Clone(p.Languages), uiLanguage)
	seen := map[string]bool{}
	var out []languageNameForm
	add := func(tag, name string) {
		words := queryWords(name)
		key := tag + "|" + strings.Join(words, " ")
		if len(words) == 0 || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, languageNameForm{tag: tag, words: words})
	}
	for _, t := range targets {
		tag, err := language.Parse(t)
		if err != nil {
			continue
		}
		add(t, content.LanguageOf(t).Name)
		for _, r := range readers {
			if reader, err := language.Parse(r); err == nil {
				if n := display.Tags(reader).Name(tag); n != "" {
					add(t, n)
				}
			}
		}
	}
	return out
}

// nameWordFits says whether a message word is a language-name word,
// allowing the endings of inflected languages: "арабский" fits
// "арабском", "арабська" fits "арабською", "arabisch" fits "arabischer".
func nameWordFits(token, word string) bool {
	if token == word {
		return true
	}
	n := utf8.RuneCountInString(word)
	if n < 5 {
		return false
	}
	t := []rune(token)
	w := []rune(word)
	common := 0
	for common < len(t) && common < len(w) && t[common] == w[common] {
		common++
	}
	return common >= n-2 && len(t) <= n+3
}

// serviceForms are the district names of a pack, per region.
type districtForm struct {
	region string
	index  int // in the region's Districts
	words  []string
}

func districtForms(p *content.Pack) []districtForm {
	var out []districtForm
	for _, r := range p.Regions {
		for i, d := range r.Districts {
			names := slices.Collect(func(yield func(string) bool) {
				for _, l := range d.Name.Langs() {
					if !yield(d.Name[l]) {
						return
					}
				}
				for _, a := range d.Aliases {
					if !yield(a) {
						return
					}
				}
			})
			for _, n := range names {
				if w := queryWords(n); len(w) > 0 {
					out = append(out, districtForm{region: r.ID, index: i, words: w})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b districtForm) int { return len(b.words) - len(a.words) })
	return out
}

// parseServiceRequest reads what text asks for. msgLang is the language
// the message is written in (its own words win when two languages' words
// mean different kinds); region is the region the question is about.
func (c *conversation) parseServiceRequest(text, msgLang, region string) serviceRequest {
	words := queryWords(text)
	var q serviceRequest
	kindAt, kindFromMsg := -1, false
	for i, w := range words {
		for _, k := range serviceWords.byKey[wordKey(w)] {
			e := &serviceWords.entries[k]
			if !e.phrase.at(words, i) {
				continue
			}
			switch e.what {
			case askKind:
				if fromMsg := e.lang == msgLang; kindAt < 0 || (fromMsg && !kindFromMsg) {
					q.kind, kindAt, kindFromMsg = e.value, i, fromMsg
				}
			case askLanguage:
				if !slices.Contains(q.langs, e.value) {
					q.langs = append(q.langs, e.value)
				}
			case askOpenNow:
				q.openNow = true
			case askNearMe:
				q.nearMe = true
			}
		}
		for _, k := range c.st.languageNames.byKey[wordKey(w)] {
			f := &c.st.languageNames.forms[k]
			if i+len(f.words) <= len(words) && !slices.Contains(q.langs, f.tag) && nameFits(words[i:i+len(f.words)], f.words) {
				q.langs = append(q.langs, f.tag)
			}
		}
	}
	// Naming the language of the offices together with another ("I speak
	// no German; a doctor who speaks English") asks for the other one.
	if local := c.localLanguageOf(region); len(q.langs) > 1 {
		q.langs = slices.DeleteFunc(q.langs, func(l string) bool { return l == local })
	}
	// A language school teaches the language named; it is not a wish
	// about the language spoken there.
	if q.kind == "language_school" {
		q.langs = nil
	}
	q.district = c.namedDistrict(words, region)
	return q
}

func nameFits(tokens, name []string) bool {
	for j := range name {
		if !nameWordFits(tokens[j], name[j]) {
			return false
		}
	}
	return true
}

// namedDistrict returns the district of region (or of a region below it)
// the words name, or nil.
func (c *conversation) namedDistrict(words []string, region string) *content.District {
	p := c.st.pack
	for i := range words {
		for _, f := range c.st.districts {
			// The region's path is walked only for a district named here.
			if i+len(f.words) <= len(words) && nameFits(words[i:i+len(f.words)], f.words) &&
				slices.Contains(p.RegionPath(f.region), region) {
				return &p.Region(f.region).Districts[f.index]
			}
		}
	}
	return nil
}

// localLanguageOf is the language spoken at offices in region.
func (c *conversation) localLanguageOf(region string) string {
	if r := c.st.pack.RegionSetting(region, func(r *content.Region) bool { return r.LocalLanguage != "" }); r != nil {
		return r.LocalLanguage
	}
	return ""
}
