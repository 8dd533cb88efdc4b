package match

import (
	"fmt"
	"slices"
	"sync"
)

// Word support: how many of a message's content words name the best
// intent in its own texts (titles, examples, keywords), how many name some
// intent, and how many are out of the pack's domain. A best candidate
// carried by one everyday word of a longer message ("which bank gives the
// best interest on savings?" and opening a bank account) is weak evidence,
// whatever its score; with a word that names something outside the domain
// (football, a recipe, the weather: data/offdomain) it is no evidence.

// support is what the words of a message say about one intent.
type support struct {
	content int // distinct content words (not function words) of the message
	named   int // of them, those a title, example or keyword of the intent uses
	asked   int // of them, those a title, example or keyword of some intent uses
	// offDomain counts the out-of-domain words and phrases of the message
	// (offDomainLexicon) that no title, example or keyword of the pack
	// uses: a pack that covers sports keeps "football" in its domain.
	offDomain int
}

// postingDocs calls visit for every document that has feature fid.
func (idx *index) postingDocs(fid uint32, visit func(d docInfo)) {
	lo, hi := idx.start[fid], idx.start[fid+1]
	if idx.pdoc16 != nil {
		for _, d := range idx.pdoc16[lo:hi] {
			visit(idx.doc(uint32(d)))
		}
		return
	}
	for _, d := range idx.pdoc32[lo:hi] {
		visit(idx.doc(d))
	}
}

// wordSupport counts the content words of tokens that a field document
// (title, example, keyword) of intent visible in the region uses, by stem,
// exact form or transliteration skeleton, in the indices of the plan; and
// the message's out-of-domain words.
func (m *Matcher) wordSupport(tokens words, res resolution, intent int32, allowed []bool) support {
	var s support
	stop, other := stopList(res.lang), stopList(res.detected)
	b := m.bags.Get().(*bag)
	defer m.bags.Put(b)
	single, phrases, inPhrase := offDomainWords(b, tokens)
	s.offDomain = phrases
	plan := m.plan(res)
	for i, t := range tokens.tok {
		if stop != nil && stop(t) || other != nil && other(t) || slices.Contains(tokens.fold[:i], tokens.fold[i]) {
			continue
		}
		if slices.Contains(inPhrase, i) {
			// "лучше купить" (which one is best to buy): the words of an
			// out-of-domain phrase are no evidence for an intent that uses
			// one of them ("где купить сим-карту").
			continue
		}
		s.content++
		one := words{tok: tokens.tok[i : i+1], fold: tokens.fold[i : i+1]}
		named, asked := false, false
		for _, p := range plan {
			b.reset()
			if p.idx.mode == modeSkeleton {
				b.addSkeletons(one, "", 1, false) // Latin text, as in queryFeatures
			} else {
				p.idx.features(b, one, 1, false)
			}
			for _, f := range b.feats {
				if f.group != groupWord && f.group != groupSkWord {
					continue
				}
				fid, ok := p.idx.lookup(f.hash)
				if !ok {
					continue
				}
				// Skeleton indices hold whole-intent documents only.
				kind := docField
				if p.idx.mode == modeSkeleton {
					kind = docIntent
				}
				p.idx.postingDocs(fid, func(d docInfo) {
					if d.kind == kind && allowed[d.variant] {
						asked = true
						named = named || d.intent == intent
					}
				})
			}
		}
		if named {
			s.named++
		}
		if asked {
			s.asked++
		} else if slices.Contains(single, i) {
			s.offDomain++
		}
	}
	return s
}

// offDomainWords returns the positions of the one-word out-of-domain
// entries found in tokens, how many phrases of several words were found
// (phrases are specific enough to count whatever the pack says), and the
// positions the phrases cover.
func offDomainWords(b *bag, tokens words) (single []int, phrases int, inPhrase []int) {
	lx := offDomainLexicon()
	word := func(j int) (string, string) { return tokens.tok[j], tokens.fold[j] }
	for i := range tokens.tok {
		b.cands = lx.candidates(b.cands[:0], tokens.tok[i], tokens.fold[i])
		for _, e := range b.cands {
			if !lx.matchAt(e, word, i, len(tokens.tok)) {
				continue
			}
			if n := len(lx.entries[e].words); n > 1 {
				phrases++
				for j := i; j < i+n; j++ {
					inPhrase = append(inPhrase, j)
				}
			} else if !slices.Contains(single, i) {
				single = append(single, i)
			}
		}
	}
	return single, phrases, inPhrase
}

// offDomainLexicon returns the embedded out-of-domain lexicon
// (data/offdomain); the files are part of the binary and tested, so an
// error is a bug.
var offDomainLexicon = sync.OnceValue(func() *conceptLexicon {
	lx, err := loadLexicon("data/offdomain")
	if err != nil {
		panic(fmt.Sprintf("match: built-in out-of-domain lexicon: %v", err))
	}
	return lx
})
