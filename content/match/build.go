package match

import (
	"runtime"
	"strings"
	"sync"

	"github.com/compassbot/compass/content"
)

// analysed is a translation turned into tokens.
type analysed struct {
	title, answer      words
	examples, keywords []words
	fields             []words // title, examples and keywords
	sentences          []words // the answer's sentences
}

// analyser analyses the texts of one pack language. It normalises and
// folds each distinct space-separated chunk of text once and numbers the
// distinct tokens: a pack repeats its words many times. Texts hold token
// numbers only (words.ids); the vocabulary holds the tokens.
type analyser struct {
	chunks map[string][]int32 // chunk of raw text → its tokens
	index  map[string]int32   // token → id
	vocab  vocabulary
	ids    []int32 // the block texts are cut from
}

// vocabulary holds the distinct tokens of a language, by id, with their
// folded forms.
type vocabulary struct {
	tok, fold []string
}

// words returns the tokens with the ids.
func (v *vocabulary) words(ids []int32) words {
	w := words{tok: make([]string, len(ids)), fold: make([]string, len(ids)), ids: ids}
	for i, id := range ids {
		w.tok[i], w.fold[i] = v.tok[id], v.fold[id]
	}
	return w
}

// arenaBlock is the number of token ids an analyser allocates at once.
const arenaBlock = 1 << 14

func newAnalyser(texts int) *analyser {
	n := min(8*texts, 1<<16)
	return &analyser{chunks: make(map[string][]int32, n), index: make(map[string]int32, n)}
}

func (an *analyser) analyse(t *content.Translation) analysed {
	a := analysed{title: an.text(t.Title), answer: an.text(t.Answer)}
	a.fields = make([]words, 1+len(t.Examples)+len(t.Keywords))
	a.fields[0] = a.title
	a.examples = a.fields[1 : 1+len(t.Examples)]
	a.keywords = a.fields[1+len(t.Examples):]
	for i, e := range t.Examples {
		a.examples[i] = an.text(e)
	}
	for i, k := range t.Keywords {
		a.keywords[i] = an.text(k)
	}
	if tuning.AnswerSentence > 0 {
		for _, s := range answerSentences(t.Answer) {
			if w := an.text(s); len(w.ids) > 0 {
				a.sentences = append(a.sentences, w)
			}
		}
	}
	return a
}

// answerSentences splits an answer into its sentences and list items.
func answerSentences(answer string) []string {
	return strings.FieldsFunc(answer, func(r rune) bool { return strings.ContainsRune(sentenceEnds+"•", r) })
}

// text returns the token ids of a text (words.ids; tok and fold are in
// the vocabulary).
func (an *analyser) text(s string) words {
	ids := an.ids
	start := len(ids)
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != ' ' && s[i] != '\n' && s[i] != '\t' {
			i++
		}
		chunk := s[:i]
		s = s[min(i+1, len(s)):]
		if chunk == "" {
			continue
		}
		c, ok := an.chunks[chunk]
		if !ok {
			c = an.chunk(chunk)
			an.chunks[chunk] = c
		}
		if len(ids)+len(c) > cap(ids) {
			// A new block; the text so far moves along.
			ids = append(make([]int32, 0, max(arenaBlock, 2*(len(ids)-start+len(c)))), ids[start:]...)
			start = 0
		}
		ids = append(ids, c...)
	}
	an.ids = ids
	end := len(ids)
	return words{ids: ids[start:end:end]}
}

// chunk analyses a chunk of text seen for the first time.
func (an *analyser) chunk(s string) []int32 {
	toks := Tokenize(Normalize(s))
	ids := make([]int32, len(toks))
	for i, t := range toks {
		id, ok := an.index[t]
		if !ok {
			id = int32(len(an.vocab.tok))
			an.index[t] = id
			an.vocab.tok = append(an.vocab.tok, t)
			an.vocab.fold = append(an.vocab.fold, Fold(t))
		}
		ids[i] = id
	}
	return ids
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
	// Each language's texts are analysed, indexed and dropped in turn; what
	// the cross-language index needs of them is kept as hashes.
	globals := make([]*globalWords, len(m.langs)) // language → its variants' field words' global features
	out := make([]built, len(m.langs))
	order := m.largestFirst()
	parallel(len(m.langs), func(k int) {
		li := order[k]
		lang := m.langs[li]
		an := newAnalyser(len(m.variants))
		texts := make([]*analysed, len(m.variants))
		for vi, in := range m.variants {
			if t := in.Translations[lang]; t != nil {
				a := an.analyse(t)
				texts[vi] = &a
			}
		}
		vocab := &an.vocab
		an.chunks, an.index = nil, nil // done with the texts
		b := built{script: scriptOfTexts(texts, vocab)}
		words := newIndexBuilder(lang, modeWords, vocab)
		words.concepts = m.concepts
		var skel *indexBuilder
		if hasSkeleton(b.script) {
			skel = newIndexBuilder(lang, modeSkeleton, vocab)
		}
		seen := map[int32]bool{}
		for vi, a := range texts {
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
		globals[li] = fieldGlobals(texts, vocab)
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
	shared := make([][]uint64, len(m.variants))
	const block = 256
	parallel((len(m.variants)+block-1)/block, func(b int) {
		type count struct{ langs, last int }
		langsOf := map[uint64]count{}
		for vi := b * block; vi < min((b+1)*block, len(m.variants)); vi++ {
			clear(langsOf)
			for li := range m.langs {
				if globals[li] == nil {
					continue
				}
				fold, _ := globals[li].of(vi)
				for _, h := range fold {
					c := langsOf[h]
					if c.langs > 0 && c.last == li {
						continue // counted for this language
					}
					langsOf[h] = count{c.langs + 1, li}
				}
			}
			for li := range m.langs {
				if globals[li] == nil {
					continue
				}
				fold, latin := globals[li].of(vi)
				for i, h := range fold {
					if c := langsOf[h]; c.langs >= 2 {
						shared[vi] = append(shared[vi], h)
						if latin != nil && latin[i] != 0 {
							shared[vi] = append(shared[vi], latin[i])
						}
						langsOf[h] = count{} // once
					}
				}
			}
		}
	})
	globals = nil
	global := newIndexBuilder("", modeGlobal, nil)
	for vi, in := range m.variants {
		global.addHashes(docInfo{variant: int32(vi), intent: idIndex[in.ID], kind: docIntent}, shared[vi])
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
	parts := make([]part, 0, 2+len(a.examples)+len(a.keywords))
	parts = append(parts, part{a.title, weightQuestion, true})
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
		for _, s := range a.sentences {
			ib.add(docInfo{variant: int32(vi), intent: id, kind: docAnswer}, part{s, weightQuestion, false})
		}
	}
	ib.add(docInfo{variant: int32(vi), intent: id, kind: docIntent}, parts...)
}

// scriptOfTexts returns the script most titles are written in.
func scriptOfTexts(texts []*analysed, v *vocabulary) string {
	var b strings.Builder
	for _, a := range texts {
		if a == nil {
			continue
		}
		for _, id := range a.title.ids {
			b.WriteString(v.tok[id])
			b.WriteByte(' ')
		}
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
