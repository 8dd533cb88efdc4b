package match

import (
	"fmt"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

func TestDbg(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, _ := newMatcher(p)
	for _, q := range []string{"ډاکټر چیرته پیدا کړم؟", "Oturma iznimin süresi doluyor, nasıl uzatırım?", "AMS", "Galatasaray maçı kaç kaç bitti?"} {
		toks := Tokenize(Normalize(q))
		res := m.resolve(content.Query{Text: q}, q, toks)
		fmt.Printf("%q %+v %+v\n", q, res, m.Understand(content.Query{Text: q}))
		fmt.Println(toks, guessScript(q))
	}
	_ = fmt.Sprint()
}
