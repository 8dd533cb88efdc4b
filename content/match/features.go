package match

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Feature groups. Each group of a document vector is normalised on its own
// and weighted (see groupWeight), so that the many trigrams of a text do
// not drown its few words.
const (
	groupWord    = 0 // stems and exact words of a language
	groupTrigram = 1 // character trigrams of folded words
	groupSkWord  = 2 // transliteration skeletons of words
	groupSkTri   = 3 // trigrams of skeletons
	groupConcept = 4 // concepts of words (concepts.go), in word indices
	numGroups    = 5
)

// feature is a hashed feature with its count in a text.
type feature struct {
	hash  uint64
	group uint8
	key   bool // the feature that stands for a whole word (its stem or skeleton)
	stop  bool // the feature comes from function words only (queries only)
	tf    float32
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(seed byte, s string) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(seed)) * fnvPrime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

func hashBytes(seed byte, s []byte) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(seed)) * fnvPrime
	for _, c := range s {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

func hashRunes(seed byte, rs []rune) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ uint64(seed)) * fnvPrime
	for _, r := range rs {
		for r != 0 {
			h = (h ^ uint64(r&0xff)) * fnvPrime
			r >>= 8
		}
		h = (h ^ 0xff) * fnvPrime
	}
	return h
}

// Seeds keep the feature kinds apart in the hash space.
const (
	seedStem = iota + 1
	seedExact
	seedTrigram
	seedSkeleton
	seedSkTrigram
	seedGlobal
	seedDelete
	seedConcept
)

// bag collects features with their counts; it is reused across calls.
type bag struct {
	feats []feature
	runes []rune
	buf   []byte
	sk    []byte
	tmp   []feature
	// concepts are the concept features of the message being ranked
	// (conceptLexicon.queryConcepts), cands scratch space for them.
	concepts []feature
	cands    []int32
}

func newBag() *bag { return &bag{} }

func (b *bag) reset() {
	b.feats = b.feats[:0]
}

func (b *bag) add(h uint64, g uint8, w float32) { b.addFeature(h, g, w, false) }

func (b *bag) addFeature(h uint64, g uint8, w float32, key bool) {
	b.feats = append(b.feats, feature{hash: h, group: g, tf: w, key: key})
}

// merge sorts the features by hash and sums the counts of duplicates; call
// it once all features are added.
func (b *bag) merge() {
	fs := b.feats
	if len(fs) < 2 {
		return
	}
	slices.SortFunc(fs, func(x, y feature) int { return cmp.Compare(x.hash, y.hash) })
	out := fs[:1]
	for _, f := range fs[1:] {
		last := &out[len(out)-1]
		if f.hash == last.hash {
			last.tf += f.tf
			last.key = last.key || f.key
			last.stop = last.stop && f.stop
			continue
		}
		out = append(out, f)
	}
	b.feats = out
}

// addWords adds the word and trigram features of normalised tokens, with
// the stemmer of the index language.
func (b *bag) addWords(ws words, stem, alt stemmer, w float32, trigrams bool) {
	for i, t := range ws.tok {
		feats := b.tokenFeatures(t, ws.fold[i], stem, alt, trigrams)
		for _, f := range feats {
			b.addFeature(f.hash, f.group, w*f.tf, f.key)
		}
	}
}

// tokenFeatures returns the features of one token (tf holds the relative
// weight), in scratch space valid until the next call. Index builders
// compute them once per distinct token (indexBuilder.tokenFeatures).
func (b *bag) tokenFeatures(t, f string, stem, alt stemmer, trigrams bool) []feature {
	fs := b.tmp[:0]
	s := stem(f)
	fs = append(fs, feature{hash: hashString(seedStem, s), group: groupWord, tf: 1, key: true})
	if alt != nil {
		if a := alt(f); a != "" && a != s {
			// Another reading of the word's form (a verb without its
			// prefix, a verbal noun's root): it meets the other forms of
			// the word at a lower weight.
			fs = append(fs, feature{hash: hashString(seedStem, a), group: groupWord, tf: weightAltStem})
		}
	}
	if f != t {
		fs = append(fs, feature{hash: hashString(seedExact, t), group: groupWord, tf: 0.5})
	}
	if trigrams {
		fs = b.appendTrigrams(fs, f, seedTrigram, groupTrigram)
	}
	b.tmp = fs
	return fs
}

// appendTrigrams appends the character trigrams of word with boundary
// marks.
func (b *bag) appendTrigrams(fs []feature, word string, seed byte, g uint8) []feature {
	rs := append(b.runes[:0], '\x02')
	for _, r := range word {
		rs = append(rs, r)
	}
	rs = append(rs, '\x03')
	b.runes = rs
	if len(rs) == 3 { // a one-letter word
		return append(fs, feature{hash: hashRunes(seed, rs), group: g, tf: 1})
	}
	for i := 0; i+3 <= len(rs); i++ {
		fs = append(fs, feature{hash: hashRunes(seed, rs[i:i+3]), group: g, tf: 1})
	}
	return fs
}

// addSkeletons adds the transliteration skeleton features of normalised
// tokens written in lang ("" for Latin text, which needs no
// transliteration).
func (b *bag) addSkeletons(ws words, lang string, w float32, trigrams bool) {
	for i, t := range ws.tok {
		if lang != "" && isLatinWord(t) {
			continue // a Latin word inside non-Latin text is matched as it is
		}
		b.buf = latinize(b.buf[:0], ws.fold[i], lang)
		b.sk = skeletonize(b.sk[:0], b.buf)
		if len(b.sk) < 2 {
			continue
		}
		b.addFeature(hashBytes(seedSkeleton, b.sk), groupSkWord, w, true)
		if !trigrams {
			continue
		}
		rs := append(b.runes[:0], '^')
		for _, c := range b.sk {
			rs = append(rs, rune(c))
		}
		rs = append(rs, '$')
		b.runes = rs
		for i := 0; i+3 <= len(rs); i++ {
			b.add(hashRunes(seedSkTrigram, rs[i:i+3]), groupSkTri, w)
		}
	}
}

// addGlobal adds language-independent word features (folded words).
func (b *bag) addGlobal(ws words, w float32) {
	for i, t := range ws.tok {
		if utf8.RuneCountInString(t) < 3 {
			continue
		}
		f := ws.fold[i]
		b.add(hashString(seedGlobal, f), groupWord, w)
		if !isASCII(f) && !isLatinWord(f) {
			// "АМС" is AMS: latinised, a word in another script may name
			// the same thing as a Latin word of the pack.
			b.buf = latinize(b.buf[:0], f, "")
			if isASCII(string(b.buf)) && len(b.buf) >= 2 {
				b.add(hashBytes(seedGlobal, b.buf), groupWord, w)
			}
		}
	}
}

// isLatinWord reports whether a word has Latin letters and no others.
func isLatinWord(w string) bool {
	latin := false
	for _, r := range w {
		switch scriptOf(r) {
		case scriptLatin:
			latin = true
		case scriptNone:
		default:
			return false
		}
	}
	return latin
}
