package match

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// The basic question of an intent is the first example of each of its
// translations: the plainest way to ask (for health.find_doctor in Arabic,
// "أين أجد طبيبا؟"). Each is asked of a matcher built without it (all
// first examples are held out at once), from the variant's region: the
// rest of the pack must be enough to understand it. This catches what a
// language's normalisation, stemming or function words get wrong
// (an Arabic accusative ending, a question word counted as content).
//
// minBasicFound is the share of basic questions that must be understood
// (the intent answered, or asked back with it first).
const minBasicFound = 0.85

func TestBasicQuestions_EveryIntentEveryLanguage(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	type basic struct {
		id, region, lang, text string
	}
	var basics []basic
	held := &content.Pack{ID: p.ID, SourceLanguage: p.SourceLanguage, Languages: p.Languages,
		Regions: p.Regions, Topics: p.Topics, Services: p.Services}
	for _, in := range p.Intents {
		cp := *in
		cp.Translations = map[string]*content.Translation{}
		for lang, tr := range in.Translations {
			tc := *tr
			if len(tc.Examples) > 1 {
				basics = append(basics, basic{in.ID, in.Region, lang, tc.Examples[0]})
				tc.Examples = tc.Examples[1:]
			}
			cp.Translations[lang] = &tc
		}
		held.Intents = append(held.Intents, &cp)
	}
	m, err := newMatcher(held)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	perLang := map[string][2]int{}
	var misses []string
	for _, b := range basics {
		u := m.Understand(content.Query{Text: b.text, Region: b.region})
		ok := len(u.Candidates) > 0 && u.Candidates[0].Intent == b.id && (u.Confident || u.AskBack)
		c := perLang[b.lang]
		c[1]++
		if ok {
			found++
			c[0]++
		} else {
			got := "nothing"
			if len(u.Candidates) > 0 {
				got = fmt.Sprintf("%s %.2f (confident %v)", u.Candidates[0].Intent, u.Candidates[0].Score, u.Confident)
			}
			misses = append(misses, fmt.Sprintf("%s %s (%s): %q → %s", b.lang, b.id, b.region, b.text, got))
		}
		perLang[b.lang] = c
	}
	var langs []string
	for l, c := range perLang {
		langs = append(langs, fmt.Sprintf("%s %d/%d", l, c[0], c[1]))
	}
	sort.Strings(langs)
	sort.Strings(misses)
	share := float64(found) / float64(len(basics))
	t.Logf("basic questions understood: %d/%d (%.1f%%); %s", found, len(basics), 100*share, strings.Join(langs, ", "))
	if share < minBasicFound || os.Getenv("COMPASS_BASIC") != "" {
		for _, s := range misses {
			t.Log(s)
		}
	}
	if share < minBasicFound {
		t.Errorf("%.1f%% of basic questions understood, want at least %.0f%%", 100*share, 100*minBasicFound)
	}
}
