package match

import (
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/packfile"
)

// offDomainPack is a small synthetic English pack whose intents share one
// everyday word each with the off-topic questions below ("tonight",
// "bank", "learn"); sports names one of them only when withSports.
func offDomainPack(withSports bool) *content.Pack {
	intent := func(id, title string, examples ...string) *content.Intent {
		return &content.Intent{ID: id, Topic: strings.Split(id, ".")[0], Region: "x", Translations: map[string]*content.Translation{
			"en": {Title: title, Examples: examples, Answer: "Information."},
		}}
	}
	intents := []*content.Intent{
		intent("housing.homeless", "Nowhere to sleep", "I have nowhere to sleep tonight", "where is an emergency shelter", "we lost our flat and sleep outside"),
		intent("everyday.bank_account", "Opening a bank account", "how do I open a bank account", "which documents does the bank want", "basic account without payslip"),
		intent("language.courses", "Language courses", "where can I learn German", "free German course", "cheap language lessons"),
		intent("everyday.mobile_phone", "A SIM card", "where do I buy a SIM card for my phone", "phone contract with my passport", "cheap calls home"),
	}
	if withSports {
		intents = append(intents, intent("leisure.sports_clubs", "Sports clubs", "where can my son play football", "football club for children", "sports club membership"))
	}
	return &content.Pack{
		ID: "offdomain", SourceLanguage: "en", Languages: []string{"en"},
		Regions: []*content.Region{{ID: "x"}},
		Topics:  []*content.Topic{{ID: "housing"}, {ID: "everyday"}, {ID: "language"}, {ID: "leisure"}},
		Intents: intents,
	}
}

// withTuning runs f with tuning changed by set, then restores it.
func withTuning(set func(*params), f func()) {
	saved := tuning
	set(&tuning)
	defer func() { tuning = saved }()
	f()
}

// A message whose best intent rests on one of its words, and that names
// something outside the domain, is declined (not answered, not asked
// back); without the out-of-domain evidence the same message is answered
// or asked back. On-topic questions are answered either way.
func TestWeakEvidence_OffDomainWordDeclinesOneWordMatches(t *testing.T) {
	m, err := newMatcher(offDomainPack(false))
	if err != nil {
		t.Fatal(err)
	}
	offTopic := []string{
		"where can I watch the football tonight",
		"which bank gives the best interest rate on my savings",
		"how do I learn to play the guitar",
		"which phone is best to buy this year", // "best to buy" is advice on a purchase: "buy" is no evidence
	}
	for _, q := range offTopic {
		u := m.Understand(content.Query{Text: q})
		if u.Confident || u.AskBack {
			t.Errorf("%q: %+v, want declined", q, u)
		}
		withTuning(func(p *params) { p.OffDomain = false }, func() {
			if u := m.Understand(content.Query{Text: q}); !u.Confident && !u.AskBack {
				t.Errorf("%q is declined without out-of-domain evidence too (%+v): the test pack shares too little with it", q, u)
			}
		})
	}
	for q, want := range map[string]string{
		"I have nowhere to sleep tonight, is there a shelter": "housing.homeless",
		"how can I open a bank account":                       "everyday.bank_account",
		"where can I learn German for free":                   "language.courses",
		"where can I buy a SIM card for my phone":             "everyday.mobile_phone",
	} {
		if u := m.Understand(content.Query{Text: q}); u.Best() != want {
			t.Errorf("%q: %+v, want %s answered", q, u, want)
		}
	}
}

// A pack whose own texts use an out-of-domain word keeps it in its
// domain: with a sports intent, "football" is evidence, not a reason to
// decline.
func TestWeakEvidence_PackWordsAreNeverOffDomain(t *testing.T) {
	m, err := newMatcher(offDomainPack(true))
	if err != nil {
		t.Fatal(err)
	}
	q := "is there a football club for my son"
	if u := m.Understand(content.Query{Text: q}); u.Best() != "leisure.sports_clubs" {
		t.Errorf("%q: %+v, want leisure.sports_clubs answered", q, u)
	}
}

func TestWeakEvidence_WordSupportCounts(t *testing.T) {
	m, err := newMatcher(offDomainPack(false))
	if err != nil {
		t.Fatal(err)
	}
	q := content.Query{Text: "where can I watch the football tonight"}
	ws := analyseText(q.Text)
	res := m.resolve(q, q.Text, ws)
	s := m.wordSupport(ws, res, m.idIndex["housing.homeless"], m.visibleIn(""))
	// Content words: watch, football, tonight ("where", "can", "I", "the"
	// are English function words). Only "tonight" is the homeless
	// intent's; "football" is out of the domain.
	if s.content != 3 || s.named != 1 || s.asked != 1 || s.offDomain != 1 {
		t.Errorf("wordSupport = %+v, want 3 content words, 1 named, 1 asked, 1 out of domain", s)
	}
}

func TestOffDomain_FilesParse(t *testing.T) {
	lx, err := loadLexicon("data/offdomain")
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.names) < 5 || len(lx.entries) < 500 {
		t.Errorf("lexicon has %d categories and %d entries, want at least 5 and 500", len(lx.names), len(lx.entries))
	}
}

// An out-of-domain entry that is a function word of some language would
// decline half the messages in that language ("pas" is a dog in Croatian
// and "not" in French).
func TestOffDomain_NoEntryIsAFunctionWord(t *testing.T) {
	lx := offDomainLexicon()
	for _, e := range lx.entries {
		p := e.words[0]
		if len(e.words) > 1 || p.prefix || p.asWritten {
			continue
		}
		if isFunctionWord(p.s) {
			t.Errorf("%s: entry %q is a function word", lx.names[e.concept], p.s)
		}
	}
}

// No title, example or keyword of the bundled and Budapest packs has an
// out-of-domain word: the lexicon names things outside what such packs
// cover. (A pack that does cover one keeps it: the words its texts use
// never count as out of domain, TestWeakEvidence_PackWordsAreNeverOffDomain.)
func TestOffDomain_PackTextsAreInTheDomain(t *testing.T) {
	budapest, err := packfile.LoadDir("testdata/devpack2")
	if err != nil {
		t.Fatal(err)
	}
	austria, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	b := newBag()
	n, hits := 0, 0
	for _, p := range []*content.Pack{austria, budapest} {
		for _, in := range p.Intents {
			for lang, tr := range in.Translations {
				for _, text := range append(append([]string{tr.Title}, tr.Examples...), tr.Keywords...) {
					n++
					ws := analyseText(text)
					if single, phrases, _ := offDomainWords(b, ws); len(single)+phrases > 0 {
						hits++
						var w []string
						for _, i := range single {
							w = append(w, ws.fold[i])
						}
						t.Logf("%s %s: out-of-domain words %q, %d phrases", in.ID, lang, w, phrases)
					}
				}
			}
		}
	}
	t.Logf("%d of %d pack texts have out-of-domain words", hits, n)
	if hits > n/200 {
		t.Errorf("%d of %d pack texts have out-of-domain words, want at most 0.5%%", hits, n)
	}
}

// Every out-of-domain category names itself in the UI languages and the
// languages people often write in that packs lack, so that declining does
// not depend on the language of the question.
func TestOffDomain_EveryCategoryHasTheLanguages(t *testing.T) {
	lx := offDomainLexicon()
	for i, name := range lx.names {
		for _, l := range []string{"en", "de", "ar", "fa", "ps", "uk", "ru", "tr", "so", "sl", "hr", "fr", "es", "it", "sq", "pl", "ro", "hu"} {
			if lx.byLang[i][l] == 0 {
				t.Errorf("category %s has no %s entries", name, l)
			}
		}
	}
}
