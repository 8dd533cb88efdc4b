package match

import (
	"cmp"
	"runtime"
	"slices"
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

// largestFirst returns the languages' indices, the costliest to build
// first: left to the end, one would keep a CPU busy alone (the synthetic
// pack's Chinese: 0.7 s of 6). A language costs with its bytes of text,
// and more when its words are not separated by spaces (each distinct run
// between spaces is analysed once): that share is estimated from the
// first examples.
func (m *Matcher) largestFirst() []int {
	cost := make([]float64, len(m.langs))
	for li, lang := range m.langs {
		size, sample, unspaced := 0, 0, 0
		for _, in := range m.variants {
			t := in.Translations[lang]
			if t == nil {
				continue
			}
			size += len(t.Title) + len(t.Answer)
			for _, e := range t.Examples {
				size += len(e)
				if sample < 1<<14 {
					sample += len(e)
					unspaced += unspacedBytes(e)
				}
			}
			for _, k := range t.Keywords {
				size += len(k)
			}
		}
		cost[li] = float64(size) * (1 + 3*float64(unspaced)/float64(max(sample, 1)))
	}
	order := make([]int, len(m.langs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cost[b], cost[a]) })
	return order
}

// unspacedBytes returns the bytes of s in runs of more than 24 bytes
// without a space.
func unspacedBytes(s string) int {
	n := 0
	for _, run := range strings.Fields(s) {
		if len(run) > 24 {
			n += len(run)
		}
	}
	return n
}

// globalWords are the cross-language features (addGlobal) of the distinct
// words of each variant's fields (titles, examples, keywords; not answers)
// in one language: each word's folded hash, and the hash of its latinised
// form, or 0. They are kept for every language until the cross-language
// index is built, so they are kept flat: variant vi's words are
// fold[start[vi]:start[vi+1]], and latin is nil when no word has a
// latinised form (any language written in Latin letters).
type globalWords struct {
	start       []int32
	fold, latin []uint64
}

// of returns the features of variant vi's words (latin nil: all 0).
func (g *globalWords) of(vi int) (fold, latin []uint64) {
	lo, hi := g.start[vi], g.start[vi+1]
	if g.latin == nil {
		return g.fold[lo:hi], nil
	}
	return g.fold[lo:hi], g.latin[lo:hi]
}

// fieldGlobals returns the global features of each variant's field words,
// computed once per token.
func fieldGlobals(texts []*analysed, v *vocabulary) *globalWords {
	type feat struct {
		fold, latin uint64
		ok, done    bool
	}
	cache := make([]feat, len(v.tok))
	b := newBag()
	g := &globalWords{start: make([]int32, len(texts)+1)}
	seen := map[int32]bool{}
	for vi, a := range texts {
		g.start[vi] = int32(len(g.fold))
		if a == nil {
			continue
		}
		clear(seen)
		for _, f := range a.fields {
			for _, id := range f.ids {
				if seen[id] {
					continue
				}
				seen[id] = true
				c := &cache[id]
				if !c.done {
					b.reset()
					b.addGlobal(words{tok: v.tok[id : id+1], fold: v.fold[id : id+1]}, 1)
					c.done, c.ok = true, len(b.feats) > 0
					if c.ok {
						c.fold = b.feats[0].hash
					}
					if len(b.feats) > 1 {
						c.latin = b.feats[1].hash
					}
				}
				if !c.ok {
					continue
				}
				if c.latin != 0 && g.latin == nil {
					g.latin = make([]uint64, len(g.fold), cap(g.fold))
				}
				g.fold = append(g.fold, c.fold)
				if g.latin != nil {
					g.latin = append(g.latin, c.latin)
				}
			}
		}
	}
	g.start[len(texts)] = int32(len(g.fold))
	g.fold = slices.Clone(g.fold) // no room to grow: kept until every language is built
	if g.latin != nil {
		g.latin = slices.Clone(g.latin)
	}
	return g
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
