package match

import "unicode/utf8"

// Feature groups. Each group of a document vector is normalised on its own
// and weighted (see groupWeight), so that the many trigrams of a text do
// not drown its few words.
const (
	groupWord    = 0 // stems and exact words of a language
	groupTrigram = 1 // character trigrams of folded words
	groupSkWord  = 2 // transliteration skeletons of words
	groupSkTri   = 3 // trigrams of skeletons
	numGroups    = 4
)

// feature is a hashed feature with its count in a text.
type feature struct {
	hash  uint64
	group uint8
	key   bool // the feature that stands for a whole word (its stem or skeleton)
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
)

// bag collects features with their counts; it is reused across calls.
type bag struct {
	feats []feature
	pos   map[uint64]int
	runes []rune
	buf   []byte
	sk    []byte
}

func newBag() *bag { return &bag{pos: make(map[uint64]int, 64)} }

func (b *bag) reset() {
	b.feats = b.feats[:0]
	clear(b.pos)
}

func (b *bag) add(h uint64, g uint8, w float32) { b.addFeature(h, g, w, false) }

func (b *bag) addFeature(h uint64, g uint8, w float32, key bool) {
	if i, ok := b.pos[h]; ok {
		b.feats[i].tf += w
		return
	}
	b.pos[h] = len(b.feats)
	b.feats = append(b.feats, feature{hash: h, group: g, tf: w, key: key})
}

// trigramMinWeight is the weight from which a text adds its trigrams too:
// answers (weighted lower) add only their words, which keeps the index
// small and the answers' many words from drowning the questions.
const trigramMinWeight = 0.5

// addWords adds the word and trigram features of normalised tokens, with
// the stemmer of the index language.
func (b *bag) addWords(ws words, stem stemmer, w float32) {
	for i, t := range ws.tok {
		f := ws.fold[i]
		b.addFeature(hashString(seedStem, stem(f)), groupWord, w, true)
		if f != t {
			b.add(hashString(seedExact, t), groupWord, w*0.5)
		}
		if w >= trigramMinWeight {
			b.addTrigrams(f, seedTrigram, groupTrigram, w)
		}
	}
}

// addTrigrams adds the character trigrams of word with boundary marks.
func (b *bag) addTrigrams(word string, seed byte, g uint8, w float32) {
	rs := append(b.runes[:0], '\x02')
	for _, r := range word {
		rs = append(rs, r)
	}
	rs = append(rs, '\x03')
	b.runes = rs
	if len(rs) == 3 { // a one-letter word
		b.add(hashRunes(seed, rs), g, w)
		return
	}
	for i := 0; i+3 <= len(rs); i++ {
		b.add(hashRunes(seed, rs[i:i+3]), g, w)
	}
}

// addSkeletons adds the transliteration skeleton features of normalised
// tokens written in lang ("" for Latin text, which needs no
// transliteration).
func (b *bag) addSkeletons(ws words, lang string, w float32) {
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
