package match

import (
	"fmt"
	"slices"
	"testing"

	"github.com/compassbot/compass/content/packfile"
)

// The analyser cuts texts from shared blocks; every text must keep its own
// tokens when later texts fill and replace the block.
func TestAnalyser_TextsKeepTheirTokensAcrossBlocks(t *testing.T) {
	an := newAnalyser(10)
	var texts []string
	var got []words
	for i := 0; i < 3*arenaBlock/4; i++ {
		s := fmt.Sprintf("Wo ist das Amt Nr. %d? Где Meldezettel %d", i%97, i)
		texts = append(texts, s)
		got = append(got, an.text(s))
	}
	for i, s := range texts {
		want := analyseText(s)
		w := an.vocab.words(got[i].ids)
		if !slices.Equal(w.tok, want.tok) || !slices.Equal(w.fold, want.fold) {
			t.Fatalf("text %d %q: tokens %q / %q, want %q / %q", i, s, w.tok, w.fold, want.tok, want.fold)
		}
	}
	if an.text("amt amt").ids[0] != an.text("Amt").ids[0] {
		t.Errorf("the same token got two ids")
	}
}

// Building from token ids (each token's features computed once) must give
// exactly the index that computing every occurrence's features gives.
func TestIndexBuilder_TokenIDsBuildTheSameIndex(t *testing.T) {
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []indexMode{modeWords, modeSkeleton} {
		for _, lang := range []string{"en", "ru"} {
			an := newAnalyser(len(p.Intents))
			fast, slow := newIndexBuilder(lang, mode, &an.vocab), newIndexBuilder(lang, mode, nil)
			for vi, in := range p.Intents {
				tr := in.Translations[lang]
				if tr == nil {
					continue
				}
				a := an.analyse(tr)
				info := docInfo{variant: int32(vi), intent: int32(vi), kind: docIntent}
				var parts, noIDs []part
				for _, f := range a.fields {
					parts = append(parts, part{f, 1, vi%2 == 0})
					w := an.vocab.words(f.ids)
					noIDs = append(noIDs, part{words{tok: w.tok, fold: w.fold}, 1, vi%2 == 0})
				}
				parts = append(parts, part{a.answer, weightAnswer, false})
				w := an.vocab.words(a.answer.ids)
				noIDs = append(noIDs, part{words{tok: w.tok, fold: w.fold}, weightAnswer, false})
				fast.add(info, parts...)
				slow.add(info, noIDs...)
			}
			x, y := fast.build(len(p.Intents)), slow.build(len(p.Intents))
			if !slices.Equal(x.keys, y.keys) || !slices.Equal(x.intents, y.intents) || !slices.Equal(x.start, y.start) || !slices.Equal(x.pw, y.pw) ||
				!slices.Equal(x.pdoc16, y.pdoc16) || !slices.Equal(x.docs, y.docs) || !slices.Equal(x.idf, y.idf) {
				t.Errorf("%s mode %d: the indices differ (%d and %d features)", lang, mode, len(x.keys), len(y.keys))
			}
		}
	}
}
