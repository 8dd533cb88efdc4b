package match

import "github.com/compassbot/compass/content"

// Weights of the parts of an intent in its whole-intent document. Answers
// are long and say much besides what people ask; they count little.
const (
	weightQuestion = 1.0
	weightAnswer   = 0.25
)

// analysed is a translation turned into tokens.
type analysed struct {
	title, answer      words
	examples, keywords []words
}

func analyse(t *content.Translation) analysed {
	a := analysed{title: analyseText(t.Title), answer: analyseText(t.Answer)}
	for _, e := range t.Examples {
		a.examples = append(a.examples, analyseText(e))
	}
	for _, k := range t.Keywords {
		a.keywords = append(a.keywords, analyseText(k))
	}
	return a
}

// fields returns the short texts of a translation, each its own document.
func (a analysed) fields() []words {
	out := []words{a.title}
	out = append(out, a.examples...)
	return append(out, a.keywords...)
}

// buildIndices builds the word index of every pack language, the
// skeleton index of every language not written in Latin letters, and the
// cross-language word index.
func (m *Matcher) buildIndices(idIndex map[string]int32) {
	texts := make([]map[string]analysed, len(m.variants))
	for vi, in := range m.variants {
		texts[vi] = map[string]analysed{}
		for lang, t := range in.Translations {
			if t != nil && m.isLang[lang] {
				texts[vi][lang] = analyse(t)
			}
		}
	}
	global := newIndexBuilder("", modeGlobal)
	for _, lang := range m.langs {
		words := newIndexBuilder(lang, modeWords)
		m.script[lang] = m.scriptOfLanguage(lang)
		var skel *indexBuilder
		if hasSkeleton(m.script[lang]) {
			skel = newIndexBuilder(lang, modeSkeleton)
		}
		seen := map[int32]bool{}
		lex := lexicon{}
		for vi, in := range m.variants {
			a, ok := texts[vi][lang]
			if !ok {
				continue
			}
			for _, f := range a.fields() {
				lex.addWords(f)
			}
			lex.addWords(a.answer)
			id := idIndex[in.ID]
			seen[id] = true
			m.addIntent(words, a, vi, id)
			if skel != nil {
				m.addIntent(skel, a, vi, id)
			}
		}
		m.lexicons[lang] = lex
		m.words[lang] = words.build(len(seen))
		if skel != nil {
			m.skeletons[lang] = skel.build(len(seen))
		}
	}
	for vi, in := range m.variants {
		var parts []words
		var weights []float32
		for _, lang := range m.langs {
			if a, ok := texts[vi][lang]; ok {
				for _, f := range a.fields() {
					parts = append(parts, f)
					weights = append(weights, 1)
				}
			}
		}
		global.add(docInfo{variant: int32(vi), intent: idIndex[in.ID], kind: docIntent}, parts, weights)
	}
	m.global = global.build(len(m.ids))
}

// addIntent adds the documents of one translation of a variant: one per
// field, and one for the whole intent.
func (m *Matcher) addIntent(ib *indexBuilder, a analysed, vi int, id int32) {
	fields := a.fields()
	for _, f := range fields {
		ib.add(docInfo{variant: int32(vi), intent: id, kind: docField}, []words{f}, []float32{weightQuestion})
	}
	parts := append(fields, a.answer)
	weights := make([]float32, len(parts))
	for i := range weights {
		weights[i] = weightQuestion
	}
	weights[len(weights)-1] = weightAnswer
	ib.add(docInfo{variant: int32(vi), intent: id, kind: docIntent}, parts, weights)
}

// scriptOfLanguage returns the script most titles of lang are written in.
func (m *Matcher) scriptOfLanguage(lang string) string {
	var text []byte
	for _, in := range m.variants {
		if t := in.Translations[lang]; t != nil {
			text = append(text, t.Title...)
			text = append(text, ' ')
			if len(text) > 2000 {
				break
			}
		}
	}
	return guessScript(string(text)).script
}

// hasSkeleton reports whether texts in the script are transliterated for
// matching Latin-typed messages.
func hasSkeleton(script string) bool {
	return script == scriptCyrillic || script == scriptArabic
}
