package match

import (
	"sync"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/packfile"
)

func fixture(t testing.TB) *Matcher {
	t.Helper()
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatalf("fixture pack: %v", err)
	}
	m, err := newMatcher(p)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return m
}

func TestUnderstand_FindsIntentInManyLanguages(t *testing.T) {
	m := fixture(t)
	tests := []struct {
		text, intent string
	}{
		{"Where can I get the Meldezettel?", "residence.registration"},
		{"wo bekomme ich den meldezettel", "residence.registration"},
		{"где сделать Meldezettel?", "residence.registration"},  // German word in Russian
		{"gde sdelat meldezettel", "residence.registration"},    // Latin-typed Russian
		{"де отримати мельдецеттель", "residence.registration"}, // transliterated name
		{"I need a doktor", "health.find_doctor"},               // typo
		{"دکتر کجا پیدا کنم", "health.find_doctor"},             // Persian
		{"أين أجد طبيب", "health.find_doctor"},                  // Arabic
		{"Aile doktoru nerede bulurum", "health.find_doctor"},   // Turkish
		{"my child has a fever, what should I do?", "health.phone_advice"},
		{"what is the emergency number?", "emergency.numbers"},
		{"kostenloser Deutschkurs", "language.courses"},
		{"ücretsiz almanca kursu", "language.courses"},
	}
	for _, tt := range tests {
		u := m.Understand(content.Query{Text: tt.text})
		if u.Best() != tt.intent {
			t.Errorf("Understand(%q) = %+v, want confident %s", tt.text, u, tt.intent)
		}
		if u.Emergency != "" {
			t.Errorf("Understand(%q): emergency %q on an ordinary question", tt.text, u.Emergency)
		}
	}
}

func TestUnderstand_FallsBackOnOffTopic(t *testing.T) {
	m := fixture(t)
	for _, text := range []string{"who will win the football match tomorrow", "asdf qwer zxcv", "😀😀😀", ""} {
		u := m.Understand(content.Query{Text: text})
		if u.Confident {
			t.Errorf("Understand(%q) = %+v, want not confident", text, u)
		}
	}
}

func TestUnderstand_EmergencyIsNeverUnsure(t *testing.T) {
	m := fixture(t)
	for _, text := range []string{"he is not breathing", "Муж бьёт меня", "أريد أن أنتحر"} {
		u := m.Understand(content.Query{Text: text})
		if u.Emergency == "" {
			t.Errorf("Understand(%q): no emergency", text)
		}
		if !u.Confident || len(u.Candidates) == 0 {
			t.Errorf("Understand(%q) = %+v: an emergency must not be a not-sure fallback", text, u)
			continue
		}
		if got := u.Best(); got != "emergency.numbers" {
			t.Errorf("Understand(%q): best %q, want the emergency topic's intent first", text, got)
		}
	}
}

func TestUnderstand_CandidatesAreCalibratedAndSorted(t *testing.T) {
	m := fixture(t)
	for _, text := range []string{"doctor", "Meldezettel", "where", "fever doctor emergency", "kurs"} {
		u := m.Understand(content.Query{Text: text})
		if len(u.Candidates) > maxCandidates {
			t.Errorf("%q: %d candidates, want at most %d", text, len(u.Candidates), maxCandidates)
		}
		for i, c := range u.Candidates {
			if c.Score < 0 || c.Score > 1 {
				t.Errorf("%q: score %v outside [0,1]", text, c.Score)
			}
			if i > 0 && c.Score > u.Candidates[i-1].Score {
				t.Errorf("%q: candidates not sorted: %+v", text, u.Candidates)
			}
		}
		if u.Confident != (len(u.Candidates) > 0 && u.Candidates[0].Score >= tuning.Threshold && !u.AskBack) {
			t.Errorf("%q: Confident=%v does not follow the threshold for %+v", text, u.Confident, u.Candidates)
		}
		if u.AskBack && (u.Confident || u.Candidates[0].Score < tuning.AskFloor) {
			t.Errorf("%q: AskBack with Confident=%v, %+v", text, u.Confident, u.Candidates)
		}
	}
}

func TestUnderstand_RegionDecidesWhichVariantsCount(t *testing.T) {
	m := fixture(t)
	q := content.Query{Text: "How much is the Jahreskarte of the Wiener Linien?"}
	q.Region = "at-wien"
	if got := m.Understand(q).Best(); got != "everyday.public_transport" {
		t.Errorf("in Vienna: got %q, want everyday.public_transport", got)
	}
	q.Region = "at-graz" // "Wiener" names Vienna: ranked there
	if u := m.Understand(q); u.Region != "at-wien" || u.Best() != "everyday.public_transport" {
		t.Errorf("in Graz, naming Vienna: %+v, want region at-wien and everyday.public_transport", u)
	}
	q.Text = "How much is the Jahreskarte?"
	for _, c := range m.Understand(q).Candidates {
		if c.Intent == "everyday.public_transport" {
			t.Errorf("in Graz: the Vienna-only intent is a candidate: %+v", c)
		}
	}
	// The Graz variant's own words count in Graz only ("service centre"
	// is in its answer only, "registration office" in its examples).
	graz := m.Understand(content.Query{Text: "registration office service centre", Region: "at-graz"})
	wien := m.Understand(content.Query{Text: "registration office service centre", Region: "at-wien"})
	if graz.Candidates[0].Intent != "residence.registration" {
		t.Errorf("in Graz: %+v, want residence.registration", graz)
	}
	if len(wien.Candidates) > 0 && wien.Candidates[0].Intent == "residence.registration" && wien.Candidates[0].Score >= graz.Candidates[0].Score {
		t.Errorf("the Graz variant's words counted in Vienna: graz %+v, wien %+v", graz.Candidates, wien.Candidates)
	}
	// A message naming Graz is ranked for Graz, wherever the person is.
	named := m.Understand(content.Query{Text: "Meldeamt Graz", Region: "at-wien"})
	if named.Region != "at-graz" || named.Best() != "residence.registration" {
		t.Errorf("Meldeamt Graz asked from Vienna: %+v, want region at-graz and residence.registration", named)
	}
	// An unknown region is the pack's root.
	if got := m.Understand(content.Query{Text: "Meldezettel", Region: "nowhere"}).Best(); got != "residence.registration" {
		t.Errorf("unknown region: got %q", got)
	}
}

func TestUnderstand_HugeMessage(t *testing.T) {
	m := fixture(t)
	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = "doctor "[i%7]
	}
	u := m.Understand(content.Query{Text: string(big)})
	if u.Lang == "" {
		t.Errorf("huge message: no language")
	}
}

func TestUnderstand_ConcurrentUse(t *testing.T) {
	m := fixture(t)
	want := m.Understand(content.Query{Text: "wo bekomme ich den meldezettel"})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				got := m.Understand(content.Query{Text: "wo bekomme ich den meldezettel"})
				if got.Best() != want.Best() || got.Candidates[0].Score != want.Candidates[0].Score {
					t.Errorf("concurrent Understand differs: %+v vs %+v", got, want)
					return
				}
				m.Understand(content.Query{Text: "где сделать Meldezettel?", Region: "at-graz"})
			}
		}()
	}
	wg.Wait()
}

func TestNew_RejectsUnusablePacks(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil): no error")
	}
	if _, err := New(&content.Pack{ID: "empty"}); err == nil {
		t.Error("New(pack without languages): no error")
	}
}

func TestNew_EditorsExampleWorksAtOnce(t *testing.T) {
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	const question = "quiero aprender alemán gratis"
	m, _ := New(p)
	before := m.Understand(content.Query{Text: question})
	for _, in := range p.Intents {
		if in.ID == "language.courses" {
			in.Translations["en"].Examples = append(in.Translations["en"].Examples, question)
		}
	}
	m, _ = New(p)
	after := m.Understand(content.Query{Text: question})
	if after.Best() != "language.courses" {
		t.Errorf("after adding the example: %+v (before: %+v)", after, before)
	}
}

func FuzzUnderstand(f *testing.F) {
	m := fixture(f)
	for _, s := range []string{"где сделать Meldezettel?", "gde sdelat meldezettel", "he is not breathing",
		"كيف أسجل", "ډاکټر", "ሓኪም", "我想学习德语", "", "\xff\xfe", "a a a a a a a a a a a a a a a a a a a a"} {
		f.Add(s, "", "at-graz")
	}
	f.Fuzz(func(t *testing.T, text, hint, region string) {
		u := m.Understand(content.Query{Text: text, Hint: hint, Region: region})
		if !m.isLang[u.Lang] {
			t.Fatalf("Understand(%q): Lang %q is not a pack language", text, u.Lang)
		}
		if len(u.Candidates) > maxCandidates || u.Confident && len(u.Candidates) == 0 {
			t.Fatalf("Understand(%q): %+v", text, u)
		}
		for i, c := range u.Candidates {
			if c.Score < 0 || c.Score > 1 || i > 0 && c.Score > u.Candidates[i-1].Score {
				t.Fatalf("Understand(%q): bad scores %+v", text, u.Candidates)
			}
		}
	})
}

// A city's variant wins the answer, but the country-wide variant's words are
// still ways people in the city ask: a Ukrainian phrasing that only the
// country-wide variant has must find the intent in Graz as well as it does
// at the root.
func TestUnderstand_CountryWideWordsCountInTheCity(t *testing.T) {
	m := fixture(t)
	const text = "Як зареєструвати адресу?"
	root := m.Understand(content.Query{Text: text, Chosen: "uk"})
	graz := m.Understand(content.Query{Text: text, Chosen: "uk", Region: "at-graz"})
	if root.Best() != "residence.registration" {
		t.Fatalf("root: got %q, want residence.registration", root.Best())
	}
	if graz.Best() != "residence.registration" || graz.Candidates[0].Score < root.Candidates[0].Score {
		t.Errorf("Graz: got %+v, want residence.registration scored at least %.3f as at the root", graz.Candidates, root.Candidates[0].Score)
	}
}
