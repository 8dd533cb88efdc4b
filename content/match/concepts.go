package match

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// The concept lexicon (data/concepts/*.txt) closes part of the vocabulary
// gap between what people write and what a pack's texts say: a concept
// ("doctor", "rent", "residence permit") lists words and short phrases that
// name it in many languages, colloquial forms and common misspellings
// included. A word of a pack text or of a message that belongs to a concept
// also yields the concept's feature, the same in every language, so that
// "médecin" in a French message meets "Arzt" in a German example and "panic
// attacks" meets "mental health". Concept features form a group of their
// own in word indices (groupConcept), weaker than words (groupWeight), and
// are weighted like words: their document frequency makes a concept that
// many intents mention count little. Only titles, examples and keywords
// yield concepts, not answers (with answers: 4 blind dev lines fewer).
//
// The file format, one concept a block:
//
//	# comment
//	= doctor
//	en: doctor*, physician*, family doctor, gp
//	de: arzt, ärzt*, hausarzt*
//	+ doctor
//	ru-Latn: vrach*
//
// An entry is a word or a short phrase; a trailing * matches the
// beginnings of words (at least minConceptPrefix letters before it), on
// every word of a phrase. Entries are normalised and folded like messages,
// so that a word typed without its diacritics matches; a word written
// with a leading = matches only as written (Turkish "=iş" is work, but its
// folded form "is" is an English word). A "+ name" block adds entries to a
// concept defined in another block (translit.txt: Latin-typed Russian,
// Arabic, Persian, …).

// minConceptPrefix is the fewest letters a prefix entry needs.
const minConceptPrefix = 3

// conceptPattern is one word of an entry.
type conceptPattern struct {
	s         string // folded, or normalised when asWritten
	prefix    bool
	asWritten bool
}

func (p conceptPattern) matches(tok, fold string) bool {
	w := fold
	if p.asWritten {
		w = tok
	}
	if p.prefix {
		return strings.HasPrefix(w, p.s)
	}
	return w == p.s
}

// conceptEntry is a word or phrase of a concept.
type conceptEntry struct {
	concept int32
	words   []conceptPattern
}

// conceptLexicon finds the concepts of words.
type conceptLexicon struct {
	names   []string
	hashes  []uint64 // feature hash of each concept
	entries []conceptEntry
	exact   map[string][]int32 // folded first word → entries
	prefix  map[string][]int32 // folded prefix of the first word → entries
	written map[string][]int32 // first word as written (=) → entries
	// byLang lists, per concept, the languages with entries (tests).
	byLang []map[string]int
	// keyLens are the distinct byte lengths of the prefix keys, ascending.
	keyLens []int
}

// conceptDef is a concept as written in a file.
type conceptDef struct {
	name    string
	entries map[string][]string // language → entries
	order   []string            // languages in file order
	extends bool                // "+ name": more entries for a concept defined elsewhere
}

// parseConcepts parses one concept file.
func parseConcepts(name string, data []byte) ([]conceptDef, error) {
	var out []conceptDef
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if s[0] == '=' || s[0] == '+' {
			c := strings.TrimSpace(s[1:])
			if c == "" || strings.ContainsAny(c, " \t,:") {
				return nil, fmt.Errorf("%s:%d: bad concept name %q", name, line, c)
			}
			out = append(out, conceptDef{name: c, entries: map[string][]string{}, extends: s[0] == '+'})
			continue
		}
		lang, list, ok := strings.Cut(s, ":")
		lang = strings.TrimSpace(lang)
		if !ok || lang == "" || strings.ContainsAny(lang, " \t") {
			return nil, fmt.Errorf("%s:%d: want \"lang: entry, entry\" or \"= concept\"", name, line)
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%s:%d: entries before the first concept", name, line)
		}
		c := &out[len(out)-1]
		if _, dup := c.entries[lang]; !dup {
			c.order = append(c.order, lang)
		}
		for _, e := range strings.Split(list, ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			for _, w := range strings.Fields(e) {
				if strings.Contains(strings.TrimSuffix(w, "*"), "*") {
					return nil, fmt.Errorf("%s:%d: %q: * only at the end of a word", name, line, e)
				}
			}
			c.entries[lang] = append(c.entries[lang], e)
		}
	}
	return out, sc.Err()
}

// compileEntry turns an entry into folded patterns; "" words (punctuation
// only) are dropped. The * of "doctor*" applies to its word, and in a
// phrase each word may carry one.
func compileEntry(e string) ([]conceptPattern, error) {
	var out []conceptPattern
	for _, w := range strings.Fields(e) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		written := strings.HasPrefix(w, "=")
		w = strings.TrimPrefix(w, "=")
		toks := Tokenize(Normalize(w))
		for i, t := range toks {
			f := Fold(t)
			p := conceptPattern{s: f, prefix: prefix && i == len(toks)-1}
			if written {
				if p.prefix {
					return nil, fmt.Errorf("entry %q: = and * together", e)
				}
				p.s, p.asWritten = t, true
			}
			if p.prefix && utf8.RuneCountInString(f) < minConceptPrefix {
				return nil, fmt.Errorf("entry %q: prefix %q is shorter than %d letters", e, f, minConceptPrefix)
			}
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("entry %q has no words", e)
	}
	return out, nil
}

// newConceptLexicon compiles parsed concepts; blocks that extend a concept
// ("+ name") are merged into its definition.
func newConceptLexicon(defs []conceptDef) (*conceptLexicon, error) {
	defs, err := mergeExtensions(defs)
	if err != nil {
		return nil, err
	}
	lx := &conceptLexicon{exact: map[string][]int32{}, prefix: map[string][]int32{}, written: map[string][]int32{}}
	seen := map[string]bool{}
	var errs []error
	for _, d := range defs {
		if seen[d.name] {
			errs = append(errs, fmt.Errorf("concept %q defined twice", d.name))
			continue
		}
		seen[d.name] = true
		ci := int32(len(lx.names))
		lx.names = append(lx.names, d.name)
		lx.hashes = append(lx.hashes, hashString(seedConcept, d.name))
		langs := map[string]int{}
		dups := map[string]bool{}
		for _, lang := range d.order {
			for _, e := range d.entries[lang] {
				ps, err := compileEntry(e)
				if err != nil {
					errs = append(errs, fmt.Errorf("concept %q, %s: %w", d.name, lang, err))
					continue
				}
				langs[lang]++
				key := fmt.Sprint(ps)
				if dups[key] {
					continue // the same word in two languages (cognates)
				}
				dups[key] = true
				ei := int32(len(lx.entries))
				lx.entries = append(lx.entries, conceptEntry{concept: ci, words: ps})
				first := ps[0]
				if first.asWritten {
					lx.written[first.s] = append(lx.written[first.s], ei)
				} else if first.prefix {
					lx.prefix[first.s] = append(lx.prefix[first.s], ei)
					if !slices.Contains(lx.keyLens, len(first.s)) {
						lx.keyLens = append(lx.keyLens, len(first.s))
					}
				} else {
					lx.exact[first.s] = append(lx.exact[first.s], ei)
				}
			}
		}
		lx.byLang = append(lx.byLang, langs)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.Sort(lx.keyLens)
	return lx, nil
}

// mergeExtensions returns the definitions with the entries of "+ name"
// blocks added to the "= name" block.
func mergeExtensions(defs []conceptDef) ([]conceptDef, error) {
	var out []conceptDef
	at := map[string]int{}
	for _, d := range defs {
		if !d.extends {
			if _, dup := at[d.name]; !dup {
				at[d.name] = len(out)
			}
			out = append(out, d)
		}
	}
	for _, d := range defs {
		if !d.extends {
			continue
		}
		i, ok := at[d.name]
		if !ok {
			return nil, fmt.Errorf("concept %q is extended but never defined", d.name)
		}
		base := out[i]
		entries := map[string][]string{}
		for l, es := range base.entries {
			entries[l] = es
		}
		order := slices.Clone(base.order)
		for _, l := range d.order {
			if _, seen := entries[l]; !seen {
				order = append(order, l)
			}
			entries[l] = append(slices.Clone(entries[l]), d.entries[l]...)
		}
		out[i].entries, out[i].order = entries, order
	}
	return out, nil
}

// loadConcepts parses and compiles every file in data/concepts.
func loadConcepts() (*conceptLexicon, error) { return loadLexicon("data/concepts") }

// loadLexicon parses and compiles every file of a directory in the
// concept format (data/concepts, data/offdomain).
func loadLexicon(dir string) (*conceptLexicon, error) {
	files, err := dataFiles.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var defs []conceptDef
	for _, f := range files {
		name := path.Join(dir, f.Name())
		data, err := dataFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ds, err := parseConcepts(name, data)
		if err != nil {
			return nil, err
		}
		defs = append(defs, ds...)
	}
	return newConceptLexicon(defs)
}

// conceptsForBuild returns the lexicon New builds with (tests swap it).
var conceptsForBuild = builtinConcepts

var (
	builtinConceptsOnce sync.Once
	builtinConceptsLex  *conceptLexicon
)

// builtinConcepts returns the embedded concept lexicon; the files are part
// of the binary and tested, so an error is a bug.
func builtinConcepts() *conceptLexicon {
	builtinConceptsOnce.Do(func() {
		lx, err := loadConcepts()
		if err != nil {
			panic(fmt.Sprintf("match: built-in concept lexicon: %v", err))
		}
		builtinConceptsLex = lx
	})
	return builtinConceptsLex
}

// arabicProclitics are the article and conjunctions written joined to an
// Arabic-script word; a word is also looked up without them.
var arabicProclitics = []string{"وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"}

// candidates appends the entries whose first word matches the word (tok
// as normalised, fold folded).
func (lx *conceptLexicon) candidates(dst []int32, tok, fold string) []int32 {
	dst = append(dst, lx.written[tok]...)
	dst = lx.candidatesOf(dst, fold)
	if r, _ := utf8.DecodeRuneInString(fold); scriptOf(r) == scriptArabic {
		for _, p := range arabicProclitics {
			if rest, ok := strings.CutPrefix(fold, p); ok && utf8.RuneCountInString(rest) >= 3 {
				dst = lx.candidatesOf(dst, rest)
				break
			}
		}
	}
	return dst
}

func (lx *conceptLexicon) candidatesOf(dst []int32, fold string) []int32 {
	dst = append(dst, lx.exact[fold]...)
	for _, k := range lx.keyLens {
		if k > len(fold) {
			break
		}
		if es, ok := lx.prefix[fold[:k]]; ok {
			dst = append(dst, es...)
		}
	}
	return dst
}

// matchAt reports whether entry e matches the words starting at position
// i, whose first word is known to match.
func (lx *conceptLexicon) matchAt(e int32, word func(j int) (tok, fold string), i, n int) bool {
	ps := lx.entries[e].words
	if i+len(ps) > n {
		return false
	}
	for j := 1; j < len(ps); j++ {
		if !ps[j].matches(word(i + j)) {
			return false
		}
	}
	return true
}

// find calls add with the feature hash of each concept found in the n
// words (word returns one as normalised and folded), once per word (a
// concept named by two entries that start at one word counts once). cands
// gives the entries whose first word matches word i (cached by index
// builders).
func (lx *conceptLexicon) find(n int, word func(i int) (tok, fold string), cands func(i int) []int32, add func(at int, hash uint64)) {
	// A concept counts once per word, and once for the words a phrase of
	// it covers ("family doctor": not again at "doctor").
	type span struct{ concept, until int32 }
	var spans [8]span
	k := 0
	for i := 0; i < n; i++ {
		for _, e := range cands(i) {
			c := lx.entries[e].concept
			covered := false
			for _, s := range spans[:k] {
				if s.concept == c && int32(i) < s.until {
					covered = true
					break
				}
			}
			if covered || !lx.matchAt(e, word, i, n) {
				continue
			}
			s := span{c, int32(i + len(lx.entries[e].words))}
			if k < len(spans) {
				spans[k] = s
				k++
			} else {
				copy(spans[:], spans[1:])
				spans[len(spans)-1] = s
			}
			add(int(s.until)-1, lx.hashes[c])
		}
	}
}

// queryConcepts sets b.concepts to the concept features of a message's
// words (once per message: every word index is searched with them). Each
// content word that names no concept adds a feature no index has, so that
// a concept counts in proportion to the words that name it: one concept
// word among many others is weak evidence (without this, off-topic
// questions with one everyday word were answered: blind dev 32 → 25 of 34
// declined at weight 0.3).
func (lx *conceptLexicon) queryConcepts(b *bag, ws words) {
	b.concepts = b.concepts[:0]
	if lx == nil {
		return
	}
	last := -1
	lx.find(len(ws.fold), func(i int) (string, string) { return ws.tok[i], ws.fold[i] },
		func(i int) []int32 {
			if i > 0 && last < i-1 {
				lx.addPhantom(b, ws, i-1)
			}
			b.cands = lx.candidates(b.cands[:0], ws.tok[i], ws.fold[i])
			return b.cands
		},
		func(at int, h uint64) {
			last = max(last, at)
			b.concepts = append(b.concepts, feature{hash: h, group: groupConcept, tf: 1})
		})
	if len(ws.fold) > 0 && last < len(ws.fold)-1 {
		lx.addPhantom(b, ws, len(ws.fold)-1)
	}
}

func (lx *conceptLexicon) addPhantom(b *bag, ws words, i int) {
	if isFunctionWord(ws.tok[i]) || len(ws.fold[i]) < 2 {
		return
	}
	b.concepts = append(b.concepts, feature{hash: hashString(seedConcept, "\x00"+ws.fold[i]), group: groupConcept, tf: 1})
}

// isFunctionWord reports whether a word is a function word of any
// language with a list.
func isFunctionWord(w string) bool {
	for _, l := range stopLangs {
		if stopLists[l](w) {
			return true
		}
	}
	return false
}

var stopLangs = func() []string {
	var out []string
	for l := range stopLists {
		out = append(out, l)
	}
	return out
}()
