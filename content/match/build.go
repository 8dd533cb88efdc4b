package match

import (
	"runtime"
	"strings"
	"sync"

	"github.com/compassbot/compass/content"
)

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
	fields             []words // title, examples and keywords
}

// analyser analyses a pack's texts, folding each distinct word once.
type analyser struct {
	folds map[string]string
}

func newAnalyser() *analyser { return &analyser{folds: map[string]string{}} }

func (an *analyser) analyse(t *content.Translation) analysed {
	a := analysed{title: an.text(t.Title), answer: an.text(t.Answer)}
	for _, e := range t.Examples {
		a.examples = append(a.examples, an.text(e))
	}
	for _, k := range t.Keywords {
		a.keywords = append(a.keywords, an.text(k))
	}
	a.fields = make([]words, 0, 1+len(a.examples)+len(a.keywords))
	a.fields = append(append(append(a.fields, a.title), a.examples...), a.keywords...)
	return a
}

func (an *analyser) text(s string) words {
	w := words{tok: Tokenize(Normalize(s))}
	w.fold = make([]string, len(w.tok))
	for i, t := range w.tok {
		if isASCII(t) {
			w.fold[i] = t
			continue
		}
		f, ok := an.folds[t]
		if !ok {
			f = Fold(t)
			an.folds[t] = f
		}
		w.fold[i] = f
	}
	return w
}

// buildIndices builds the word index of every pack language (which is
// also its lexicon, see lexicon.go), the skeleton index of every language
// not written in Latin letters and the cross-language word index.
// Languages are built in parallel.
func (m *Matcher) buildIndices(idIndex map[string]int32) {
	type built struct {
		script      string
		words, skel *index
	}
	texts := make([][]*analysed, len(m.langs)) // language → variant → text
	out := make([]built, len(m.langs))
	parallel(len(m.langs), func(li int) {
		lang := m.langs[li]
		an := newAnalyser()
		texts[li] = make([]*analysed, len(m.variants))
		for vi, in := range m.variants {
			if t := in.Translations[lang]; t != nil {
				a := an.analyse(t)
				texts[li][vi] = &a
			}
		}
		b := built{script: scriptOfTexts(texts[li])}
		words := newIndexBuilder(lang, modeWords)
		var skel *indexBuilder
		if hasSkeleton(b.script) {
			skel = newIndexBuilder(lang, modeSkeleton)
		}
		seen := map[int32]bool{}
		for vi, a := range texts[li] {
			if a == nil {
				continue
			}
			id := idIndex[m.variants[vi].ID]
			seen[id] = true
			m.addIntent(words, *a, vi, id)
			if skel != nil {
				m.addIntent(skel, *a, vi, id)
			}
		}
		b.words = words.build(len(seen))
		if skel != nil {
			b.skel = skel.build(len(seen))
		}
		out[li] = b
	})
	for li, lang := range m.langs {
		m.script[lang] = out[li].script
		m.words[lang] = out[li].words
		if out[li].skel != nil {
			m.skeletons[lang] = out[li].skel
		}
	}
	// The cross-language index holds the words an intent shares between
	// at least two of its languages: office names, abbreviations, numbers
	// (Meldezettel, AMS, e-card, 1450). Words of one language only are in
	// that language's index already.
	global := newIndexBuilder("", modeGlobal)
	langsOf := map[string]int{}
	seen := map[string]bool{}
	var all []string
	for vi, in := range m.variants {
		clear(langsOf)
		all = all[:0]
		for li := range m.langs {
			a := texts[li][vi]
			if a == nil {
				continue
			}
			clear(seen)
			for _, f := range a.fields {
				for _, w := range f.fold {
					if !seen[w] {
						seen[w] = true
						if langsOf[w] == 0 {
							all = append(all, w)
						}
						langsOf[w]++
					}
				}
			}
		}
		var shared words
		for _, w := range all {
			if langsOf[w] >= 2 {
				shared.tok = append(shared.tok, w)
				shared.fold = append(shared.fold, w)
			}
		}
		global.add(docInfo{variant: int32(vi), intent: idIndex[in.ID], kind: docIntent}, part{shared, 1, false})
	}
	m.global = global.build(len(m.ids))
}

// parallel calls f(0..n-1) on as many goroutines as there are CPUs.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// addIntent adds the documents of one translation of a variant: one per
// field, and one for the whole intent. To keep large packs small, only
// titles and keywords index their trigrams as fields of their own; every
// question's trigrams are in the whole-intent document, and answers add
// their words only, at a low weight. Skeleton indices hold whole-intent
// documents only.
func (m *Matcher) addIntent(ib *indexBuilder, a analysed, vi int, id int32) {
	field := docInfo{variant: int32(vi), intent: id, kind: docField}
	skeleton := ib.idx.mode == modeSkeleton
	parts := []part{{a.title, weightQuestion, true}}
	for _, e := range a.examples {
		parts = append(parts, part{e, weightQuestion, true})
	}
	for _, k := range a.keywords {
		parts = append(parts, part{k, weightQuestion, true})
	}
	if !skeleton {
		ib.add(field, part{a.title, weightQuestion, true})
		for _, e := range a.examples {
			ib.add(field, part{e, weightQuestion, exampleTrigrams})
		}
		for _, k := range a.keywords {
			ib.add(field, part{k, weightQuestion, true})
		}
		parts = append(parts, part{a.answer, weightAnswer, false})
	}
	ib.add(docInfo{variant: int32(vi), intent: id, kind: docIntent}, parts...)
}

// exampleTrigrams says whether examples index their trigrams as fields of
// their own. Off, the index of a large pack is half the size, at the cost
// of one dev line; an example's trigrams are in the whole-intent document
// either way.
const exampleTrigrams = false

// scriptOfTexts returns the script most titles are written in.
func scriptOfTexts(texts []*analysed) string {
	var b strings.Builder
	for _, a := range texts {
		if a == nil {
			continue
		}
		b.WriteString(strings.Join(a.title.tok, " "))
		b.WriteByte(' ')
		if b.Len() > 2000 {
			break
		}
	}
	return guessScript(b.String()).script
}

// hasSkeleton reports whether texts in the script are transliterated for
// matching Latin-typed messages.
func hasSkeleton(script string) bool {
	return script == scriptCyrillic || script == scriptArabic
}
