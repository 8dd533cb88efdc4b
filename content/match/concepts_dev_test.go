package match

import (
	"reflect"
	"testing"

	"github.com/compassbot/compass/content"
)

// TestConcepts_ForeignOnlyLeavesPackLanguageLinesAlone runs every line of
// the development sets through a matcher without concepts and one with
// conceptsForeign: a line whose resolved language is one of the pack's
// (or unsure) must get exactly the same understanding; only lines in a
// language the pack lacks may differ. Dev sets only (devSets).
func TestConcepts_ForeignOnlyLeavesPackLanguageLinesAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled pack twice")
	}
	type pair struct{ off, foreign *Matcher }
	built := map[uintptr]pair{} // three sets share the bundled pack
	for _, ds := range devSets {
		t.Run(ds.name, func(t *testing.T) {
			cases := loadDevCases(t, ds.questions)
			key := reflect.ValueOf(ds.pack).Pointer()
			if _, ok := built[key]; !ok {
				p, err := ds.pack()
				if err != nil {
					t.Fatal(err)
				}
				built[key] = pair{withoutConcepts(t, p), withForeignConcepts(t, p)}
			}
			off, foreign := built[key].off, built[key].foreign
			gated, changed := map[string]int{}, 0
			for _, c := range cases {
				q := content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region}
				got, want := foreign.Understand(q), off.Understand(q)
				ws := analyseText(c.Text)
				if foreign.conceptsFor(foreign.resolve(q, c.Text, ws)) {
					gated[c.Lang]++
					if !reflect.DeepEqual(got, want) {
						changed++
					}
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%q (%s, resolved to a pack language or unsure): with foreign concepts %+v, without %+v", c.Text, c.Lang, got, want)
				}
			}
			t.Logf("%d lines; in a language the pack lacks, by the line's language: %v; of those %d changed", len(cases), gated, changed)
		})
	}
}
