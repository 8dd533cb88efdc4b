package match

import (
	"math"
	"slices"
	"testing"

	"github.com/compassbot/compass/content/packfile"
)

// A built index numbers its features in the order of their hashes (their
// place in keys) and packs its documents: every feature must still find
// its idf and its postings, in document order, and every document its
// variant, intent and kind.
func TestIndexBuilder_BuiltIndexKeepsFeaturesAndDocuments(t *testing.T) {
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	an := newAnalyser(len(p.Intents))
	ib := newIndexBuilder("en", modeWords, &an.vocab)
	var infos []docInfo
	for vi, in := range p.Intents {
		if tr := in.Translations["en"]; tr != nil {
			a := an.analyse(tr)
			for k, f := range a.fields {
				info := docInfo{variant: int32(vi), intent: int32(vi / 2), kind: docKind(k % 3)}
				n := len(ib.idx.docs)
				if ib.add(info, part{f, weightQuestion, true}); len(ib.idx.docs) > n {
					infos = append(infos, info)
				}
			}
		}
	}
	// What the builder saw, by build-time feature id.
	hashes := map[uint32]uint64{}
	for h, f := range ib.idx.ids {
		hashes[f] = h
	}
	df := slices.Clone(ib.idx.df)
	postings := map[uint32][]uint32{}
	ib.entries.each(func(doc uint32, fid *uint32, _ *float32, _ uint8) { postings[*fid] = append(postings[*fid], doc) })
	numIntents := len(p.Intents)
	idx := ib.build(numIntents)

	if len(idx.docs) != len(infos) {
		t.Fatalf("%d documents, want %d", len(idx.docs), len(infos))
	}
	for d, want := range infos {
		if got := idx.doc(uint32(d)); got != want {
			t.Errorf("document %d is %+v, want %+v", d, got, want)
		}
	}
	if !slices.IsSorted(idx.keys) || len(idx.keys) != len(hashes) {
		t.Fatalf("%d keys (sorted: %v), want %d", len(idx.keys), slices.IsSorted(idx.keys), len(hashes))
	}
	for old, h := range hashes {
		f, ok := idx.lookup(h)
		if !ok {
			t.Fatalf("feature %x not found", h)
		}
		if want := float32(math.Log(1 + float64(numIntents)/float64(df[old]))); idx.idf[f] != want {
			t.Errorf("feature %x: idf %v, want %v", h, idx.idf[f], want)
		}
		var got []uint32
		for _, d := range idx.pdoc16[idx.start[f]:idx.start[f+1]] {
			got = append(got, uint32(d))
		}
		want := postings[old]
		if df[old] > idx.common {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("feature %x: postings %v, want %v", h, got, want)
		}
	}
	if _, ok := idx.lookup(hashes[0] + 1); ok && !slices.Contains(idx.keys, hashes[0]+1) {
		t.Errorf("a hash the index does not have was found")
	}
}
