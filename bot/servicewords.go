package bot

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"unicode"

	yaml "go.yaml.in/yaml/v4"
	"golang.org/x/text/unicode/norm"
)

// servicewords/<lang>.yaml hold the words people use to ask for a kind of
// service, a language spoken there, "open now" and "near me", per language
// (see servicewords/README.md). Editors change them without touching code.
//
//go:embed servicewords/*.yaml
var serviceWordFiles embed.FS

// serviceWordsFile is one language's file.
type serviceWordsFile struct {
	Kinds map[string]struct {
		Name  string   `yaml:"name"`
		Words []string `yaml:"words"`
	} `yaml:"kinds"`
	Languages map[string][]string `yaml:"languages"`
	OpenNow   []string            `yaml:"open_now"`
	NearMe    []string            `yaml:"near_me"`
}

// phrase is a sequence of normalised words; a word ending in "*" matches
// any word it begins.
type phrase []string

// serviceVocabulary is every language's words, compiled.
type serviceVocabulary struct {
	kindNames map[string]map[string]string // kind → language → name
	entries   []vocabEntry
	byKey     map[string][]int32 // wordKey of an entry's first word → entries
}

// vocabEntry is a phrase of one language file and what it means.
type vocabEntry struct {
	what   vocabWhat
	lang   string // the file it comes from
	value  string // the kind or the language tag
	phrase phrase
}

// vocabWhat says what a phrase asks for.
type vocabWhat uint8

const (
	askKind vocabWhat = iota
	askLanguage
	askOpenNow
	askNearMe
)

// wordKey is the first three letters of a word: every word a vocabulary
// word (or a language name, allowing for endings) can match starts with
// them, so a message word is compared only with the phrases that share it.
func wordKey(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

func (v *serviceVocabulary) add(what vocabWhat, lang, value string, texts []string) {
	for _, t := range texts {
		if p := toPhrase(t); len(p) > 0 {
			v.byKey[wordKey(strings.TrimSuffix(p[0], "*"))] = append(v.byKey[wordKey(strings.TrimSuffix(p[0], "*"))], int32(len(v.entries)))
			v.entries = append(v.entries, vocabEntry{what: what, lang: lang, value: value, phrase: p})
		}
	}
}

var serviceWords = func() *serviceVocabulary {
	v, err := loadServiceWords(serviceWordFiles)
	if err != nil {
		panic(fmt.Sprintf("bot/servicewords: %v", err)) // embedded at build time; tests cover it
	}
	return v
}()

// loadServiceWords reads servicewords/*.yaml.
func loadServiceWords(fsys fs.FS) (*serviceVocabulary, error) {
	files, err := fs.Glob(fsys, "servicewords/*.yaml")
	if err != nil {
		return nil, err
	}
	v := &serviceVocabulary{kindNames: map[string]map[string]string{}, byKey: map[string][]int32{}}
	for _, name := range files {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var f serviceWordsFile
		if err := yaml.Load(data, &f, yaml.WithKnownFields()); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		lang := strings.TrimSuffix(path.Base(name), ".yaml")
		for _, kind := range slices.Sorted(maps.Keys(f.Kinds)) {
			k := f.Kinds[kind]
			if v.kindNames[kind] == nil {
				v.kindNames[kind] = map[string]string{}
			}
			v.kindNames[kind][lang] = k.Name
			v.add(askKind, lang, kind, k.Words)
		}
		for _, tag := range slices.Sorted(maps.Keys(f.Languages)) {
			v.add(askLanguage, lang, tag, f.Languages[tag])
		}
		v.add(askOpenNow, lang, "", f.OpenNow)
		v.add(askNearMe, lang, "", f.NearMe)
	}
	return v, nil
}

// toPhrase normalises a phrase of the vocabulary, keeping the "*" at the
// end of any of its words.
func toPhrase(s string) phrase {
	var out phrase
	for _, chunk := range strings.Fields(s) {
		prefix := strings.HasSuffix(chunk, "*")
		words := queryWords(strings.TrimSuffix(chunk, "*"))
		if prefix && len(words) > 0 {
			words[len(words)-1] += "*"
		}
		out = append(out, words...)
	}
	return out
}

// queryWords splits text into normalised words: lower case, letters and
// digits only, without accents and Arabic vowel marks, with the letters
// Arabic, Persian and Pashto write differently made the same (ي ی ى, ك ک,
// ة ه, أ إ آ ا) and the Arabic article dropped from the front of a word.
func queryWords(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ي' || r == 'ى' || r == 'ې' || r == 'ۍ':
			b.WriteRune('ی')
		case r == 'ك':
			b.WriteRune('ک')
		case r == 'ة':
			b.WriteRune('ه')
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			b.WriteRune('ا')
		case r == '\'' || r == '’' || r == 'ʼ':
			// apostrophes stay inside words: women's, сім'я
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		for _, art := range []string{"وال", "بال", "لل", "ال"} {
			if rest, ok := strings.CutPrefix(w, art); ok && len([]rune(rest)) >= 3 {
				words[i] = rest
				break
			}
		}
	}
	return words
}

// wordFits says whether a message word matches a vocabulary word.
func wordFits(token, word string) bool {
	if p, ok := strings.CutSuffix(word, "*"); ok {
		return strings.HasPrefix(token, p)
	}
	return token == word
}

// at reports whether p matches words starting at i.
func (p phrase) at(words []string, i int) bool {
	if i+len(p) > len(words) {
		return false
	}
	for j, w := range p {
		if !wordFits(words[i+j], w) {
			return false
		}
	}
	return true
}

// kindName is the name of a kind in a reader's language (along its
// fallback chain, then English), or the kind id.
func (v *serviceVocabulary) kindName(kind string, chain []string) string {
	for _, l := range append(chain, uiLanguage) {
		if n := v.kindNames[kind][l]; n != "" {
			return n
		}
	}
	return kind
}

// knowsKind reports whether people can ask for kind in words.
func (v *serviceVocabulary) knowsKind(kind string) bool { return v.kindNames[kind] != nil }

// KnownServiceKinds lists the service kinds people can ask for in words,
// sorted: the kinds of docs/content-pack.md.
func KnownServiceKinds() []string { return slices.Sorted(maps.Keys(serviceWords.kindNames)) }
