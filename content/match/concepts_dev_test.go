package match

import (
	"reflect"
	"testing"

	"github.com/compassbot/compass/content"
)

// TestConcepts_ForeignOnlyLeavesPackLanguageLinesAlone runs every line of
// the development sets through a matcher without concepts and one with
// conceptsForeign and no concept order: a line whose resolved language is one of the pack's
// (or unsure) must get exactly the same understanding; only lines in a
// language the pack lacks may differ. Dev sets only (devSets).
func TestConcepts_ForeignOnlyLeavesPackLanguageLinesAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled pack twice")
	}
	build := func(t testing.TB, p *content.Pack) [2]*Matcher {
		return [2]*Matcher{withoutConcepts(t, p), withForeignConceptsOnly(t, p)}
	}
	onDevSets(t, build, func(t *testing.T, cases []devCase, m [2]*Matcher) {
		off, foreign := m[0], m[1]
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

// onDevSets runs check on every development set (devSets) with the two
// matchers build makes of its pack; a pack several sets share is built once.
func onDevSets(t *testing.T, build func(testing.TB, *content.Pack) [2]*Matcher, check func(t *testing.T, cases []devCase, m [2]*Matcher)) {
	built := map[uintptr][2]*Matcher{}
	for _, ds := range devSets {
		t.Run(ds.name, func(t *testing.T) {
			key := reflect.ValueOf(ds.pack).Pointer()
			if _, ok := built[key]; !ok {
				p, err := ds.pack()
				if err != nil {
					t.Fatal(err)
				}
				built[key] = build(t, p)
			}
			check(t, loadDevCases(t, ds.questions), built[key])
		})
	}
}

// TestConceptOrder_KeepsHowSureAndWhatIsDeclined runs every line of the
// development sets through the production matcher and one without
// concept order: for a line matched without concepts (in a pack language,
// or unsure), the order may change, but not the best candidate's
// calibrated score, so not whether the line is answered or declined (an
// answer may become a "did you mean" or the reverse: the second candidate
// is another). Dev sets only (devSets).
func TestConceptOrder_KeepsHowSureAndWhatIsDeclined(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled pack twice")
	}
	if !tuning.ConceptOrder {
		t.Skip("concept order is off")
	}
	// Out-of-domain evidence (weakEvidence) looks at the words of the best
	// intent, which the order decides: it is left out here, where only
	// how sure the ranking is counts.
	saved := tuning.OffDomain
	tuning.OffDomain = false
	defer func() { tuning.OffDomain = saved }()
	build := func(t testing.TB, p *content.Pack) [2]*Matcher {
		return [2]*Matcher{withForeignConceptsOnly(t, p), withForeignConcepts(t, p)}
	}
	onDevSets(t, build, func(t *testing.T, cases []devCase, m [2]*Matcher) {
		plain, order := m[0], m[1]
		reordered := 0
		for _, c := range cases {
			q := content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region}
			if order.conceptsFor(order.resolve(q, c.Text, analyseText(c.Text))) {
				continue
			}
			got, want := order.Understand(q), plain.Understand(q)
			if len(got.Candidates) != len(want.Candidates) && (len(got.Candidates) == 0 || len(want.Candidates) == 0) {
				t.Errorf("%q: %d candidates with concept order, %d without", c.Text, len(got.Candidates), len(want.Candidates))
				continue
			}
			if len(got.Candidates) == 0 {
				continue
			}
			if got.Candidates[0].Score != want.Candidates[0].Score {
				t.Errorf("%q: best score %.3f with concept order, %.3f without", c.Text, got.Candidates[0].Score, want.Candidates[0].Score)
			}
			declined := func(u content.Understanding) bool { return !u.Confident && !u.AskBack }
			if declined(got) != declined(want) {
				t.Errorf("%q: declined %v with concept order, %v without", c.Text, declined(got), declined(want))
			}
			if got.Candidates[0].Intent != want.Candidates[0].Intent {
				reordered++
			}
		}
		t.Logf("%d lines, %d with another intent first", len(cases), reordered)
	})
}
