package match

import (
	"fmt"
	"os"
	"testing"

	"github.com/compassbot/compass/content"
)

var SynthForScratch func() *content.Pack

func TestScratchSizes(t *testing.T) {
	if os.Getenv("SCRATCH") == "" || SynthForScratch == nil {
		t.Skip()
	}
	m, _ := newMatcher(SynthForScratch())
	tot := func(idx *index) (int, int, int) { return len(idx.ids), len(idx.pw), len(idx.docs) }
	for _, l := range m.langs[:6] {
		a, b, c := tot(m.words[l])
		fmt.Println(l, m.script[l], "feats", a, "postings", b, "docs", c, "lex", len(m.lexicons[l]))
		if s := m.skeletons[l]; s != nil {
			a, b, c := tot(s)
			fmt.Println("  skel feats", a, "postings", b, "docs", c)
		}
	}
	a, b, c := tot(m.global)
	fmt.Println("global", a, b, c)
}
