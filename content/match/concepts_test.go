package match

import (
	"reflect"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

// requiredConceptLangs are the languages every concept must name itself
// in: the pack and UI languages, and the languages people write in that
// packs lack (fr, es, it, sq, bs/sr).
var requiredConceptLangs = []string{"en", "de", "ar", "fa", "ps", "uk", "ru", "tr", "so", "sl", "hr", "sr", "fr", "es", "it", "sq"}

func TestConcepts_FilesParse(t *testing.T) {
	lx, err := loadConcepts()
	if err != nil {
		t.Fatal(err)
	}
	if len(lx.names) < 40 || len(lx.entries) < 4000 {
		t.Errorf("lexicon has %d concepts and %d entries, want at least 40 and 4000", len(lx.names), len(lx.entries))
	}
	t.Logf("%d concepts, %d entries", len(lx.names), len(lx.entries))
}

func TestConcepts_EveryConceptHasTheRequiredLanguages(t *testing.T) {
	lx := builtinConcepts()
	for i, name := range lx.names {
		for _, l := range requiredConceptLangs {
			if lx.byLang[i][l] == 0 {
				t.Errorf("concept %s has no %s entries", name, l)
			}
		}
	}
}

// A concept word that is also a common function word of some language
// would give half the messages in that language the concept ("para" is
// money in Albanian and "for" in Spanish; "is" is Turkish "iş" folded).
func TestConcepts_NoEntryIsAFunctionWord(t *testing.T) {
	lx := builtinConcepts()
	var langs []string
	for _, l := range requiredConceptLangs {
		if stopLists[l] != nil {
			langs = append(langs, l)
		}
	}
	for _, e := range lx.entries {
		p := e.words[0]
		if len(e.words) > 1 || p.prefix || p.asWritten {
			continue
		}
		for _, l := range langs {
			if stopLists[l](p.s) {
				t.Errorf("concept %s: entry %q is a %s function word (write it as a phrase, or with = as written)", lx.names[e.concept], p.s, l)
			}
		}
	}
}

func TestConcepts_ParseErrors(t *testing.T) {
	for _, bad := range []string{
		"en: doctor",             // entries before a concept
		"= two words\nen: x",     // bad name
		"= doctor\nen doctor",    // no colon
		"= doctor\nen: do*ctor",  // * inside a word
		"= doctor\nen: do*",      // prefix too short
		"= a\nen: x\n= a\nde: y", // defined twice
		"= doctor\nen: =doc*",    // = and * together
		"+ doctor\nen: doc",      // extends an undefined concept
	} {
		defs, err := parseConcepts("bad.txt", []byte(bad))
		if err == nil {
			_, err = newConceptLexicon(defs)
		}
		if err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestConcepts_FindsWordsPhrasesPrefixesAndArabicProclitics(t *testing.T) {
	defs, err := parseConcepts("t.txt", []byte(`
= doctor
en: doctor*, family doctor
ar: طبيب*
tr: =iş
= rent
fr: loyer*
`))
	if err != nil {
		t.Fatal(err)
	}
	lx, err := newConceptLexicon(defs)
	if err != nil {
		t.Fatal(err)
	}
	found := func(text string) []string {
		b := newBag()
		lx.queryConcepts(b, analyseText(text))
		var out []string
		for _, f := range b.concepts {
			for i, h := range lx.hashes {
				if h == f.hash {
					out = append(out, lx.names[i])
				}
			}
		}
		return out
	}
	for text, want := range map[string]string{
		"Doctors in town":        "doctor",
		"our family doctor":      "doctor", // the word and the phrase: once per word
		"والطبيبة":               "doctor", // conjunction and article joined
		"iş arıyorum":            "doctor",
		"is it open":             "", // "iş" only as written
		"le loyer est trop cher": "rent",
		"lo":                     "",
	} {
		got := strings.Join(found(text), " ")
		if got != want {
			t.Errorf("concepts of %q = %q, want %q", text, got, want)
		}
	}
}

// conceptPack is a small synthetic pack: each intent is written in German
// and English only, in words that share nothing with the questions below.
func conceptPack() *content.Pack {
	intent := func(id, titleDE, exDE, titleEN, exEN string) *content.Intent {
		return &content.Intent{ID: id, Topic: strings.Split(id, ".")[0], Region: "x", Translations: map[string]*content.Translation{
			"de": {Title: titleDE, Examples: []string{exDE}, Answer: "Informationen."},
			"en": {Title: titleEN, Examples: []string{exEN}, Answer: "Information."},
		}}
	}
	return &content.Pack{
		ID: "concepts", SourceLanguage: "de", Languages: []string{"de", "en"},
		Regions: []*content.Region{{ID: "x"}},
		Topics:  []*content.Topic{{ID: "health"}, {ID: "housing"}, {ID: "work"}},
		Intents: []*content.Intent{
			intent("health.find_doctor", "Hausarzt finden", "Wo finde ich einen Arzt?", "Find a GP", "Where is a physician?"),
			intent("housing.find_flat", "Wohnung mieten", "Wie finde ich eine Wohnung?", "Renting a flat", "How do I rent an apartment?"),
			intent("work.job_search", "Arbeit finden", "Wie finde ich Arbeit?", "Finding work", "Where are job offers?"),
		},
	}
}

func TestConcepts_CrossLanguageParaphraseReachesTheIntent(t *testing.T) {
	questions := map[string]string{
		"je cherche un médecin":       "health.find_doctor", // French, in no pack language
		"necesito un médico":          "health.find_doctor", // Spanish
		"tražim posao":                "work.job_search",    // Croatian
		"cerco un appartamento":       "housing.find_flat",  // Italian
		"kërkoj një apartament":       "housing.find_flat",  // Albanian
		"أبحث عن طبيب":                "health.find_doctor", // Arabic script
		"шукаю квартиру в оренду":     "housing.find_flat",  // Ukrainian
		"où trouver un généraliste ?": "health.find_doctor",
	}
	with, without := withConcepts(t, conceptPack()), withoutConcepts(t, conceptPack())
	reachedWithout := 0
	for q, want := range questions {
		u := with.Understand(content.Query{Text: q})
		if len(u.Candidates) == 0 || u.Candidates[0].Intent != want {
			t.Errorf("with concepts, %q ranks %+v first, want %s", q, u.Candidates, want)
		}
		if u := without.Understand(content.Query{Text: q}); len(u.Candidates) > 0 && u.Candidates[0].Intent == want {
			reachedWithout++
		}
	}
	// The pack's own words do not reach most of these questions: the
	// concepts do.
	if reachedWithout > len(questions)/2 {
		t.Errorf("without concepts %d of %d questions reach their intent; the test pack shares too many words with them", reachedWithout, len(questions))
	}
}

// withConcepts builds a matcher that uses the concept lexicon for every
// message, whatever tuning.Concepts says.
func withConcepts(t testing.TB, p *content.Pack) *Matcher { return buildWith(t, p, conceptsAll) }

// withForeignConcepts builds a matcher that uses the concept lexicon for
// messages in a language the pack lacks.
func withForeignConcepts(t testing.TB, p *content.Pack) *Matcher {
	return buildWith(t, p, conceptsForeign)
}

// withoutConcepts builds a matcher without the concept lexicon.
func withoutConcepts(t testing.TB, p *content.Pack) *Matcher { return buildWith(t, p, conceptsOff) }

// withForeignConceptsOnly builds a matcher that uses the concept lexicon
// for messages in a language the pack lacks and for nothing else (no
// concept order: round four's gated variant).
func withForeignConceptsOnly(t testing.TB, p *content.Pack) *Matcher {
	t.Helper()
	saved := tuning.ConceptOrder
	tuning.ConceptOrder = false
	defer func() { tuning.ConceptOrder = saved }()
	return buildWith(t, p, conceptsForeign)
}

func buildWith(t testing.TB, p *content.Pack, use conceptUse) *Matcher {
	t.Helper()
	saved := tuning.Concepts
	tuning.Concepts = use
	defer func() { tuning.Concepts = saved }()
	m, err := newMatcher(p)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// With conceptsForeign, concepts reach a question in a language the pack
// lacks, while a message in a pack language is matched exactly as without
// concepts: an off-topic question with an everyday word is still declined.
func TestConcepts_ForeignOnlyForLanguagesThePackLacks(t *testing.T) {
	p := conceptPack() // de and en, no fr
	off, foreign, all := withoutConcepts(t, p), withForeignConceptsOnly(t, p), withConcepts(t, p)
	fr := content.Query{Text: "comment trouver un médecin de famille qui accepte de nouveaux patients ?"}
	if u := foreign.Understand(fr); u.Detected != "fr" || len(u.Candidates) == 0 || u.Candidates[0].Intent != "health.find_doctor" || !u.Confident {
		t.Errorf("foreign concepts: %q → %+v, want fr and health.find_doctor answered", fr.Text, u)
	}
	if u := off.Understand(fr); len(u.Candidates) > 0 && u.Candidates[0].Intent == "health.find_doctor" && u.Confident {
		t.Errorf("without concepts %q is answered with health.find_doctor: the test pack shares words with it", fr.Text)
	}
	for _, q := range []string{
		"which new car should my family buy",           // off-topic
		"where can I watch the football match tonight", // off-topic
		"where can I find a physician",                 // on-topic
		"I need a flat for my family, rent is high",    // on-topic
	} {
		want := off.Understand(content.Query{Text: q})
		if got := foreign.Understand(content.Query{Text: q}); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: foreign concepts give %+v, without concepts %+v", q, got, want)
		}
		t.Logf("%q: %+v (every message with concepts: %+v)", q, want, all.Understand(content.Query{Text: q}))
	}
	if u := foreign.Understand(content.Query{Text: "which new car should my family buy"}); u.Confident || u.AskBack {
		t.Errorf("an English off-topic question is not declined: %+v", u)
	}
}
