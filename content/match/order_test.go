package match

import (
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

// orderPack is a small synthetic pack in English and German in which two
// intents share an everyday word ("children"): family reunification,
// whose texts name the family, and kindergarten.
func orderPack() *content.Pack {
	intent := func(id, titleEN, exEN, titleDE, exDE string) *content.Intent {
		return &content.Intent{ID: id, Topic: strings.Split(id, ".")[0], Region: "x", Translations: map[string]*content.Translation{
			"en": {Title: titleEN, Examples: []string{exEN}, Answer: "Information."},
			"de": {Title: titleDE, Examples: []string{exDE}, Answer: "Informationen."},
		}}
	}
	return &content.Pack{
		ID: "order", SourceLanguage: "en", Languages: []string{"en", "de"},
		Regions: []*content.Region{{ID: "x"}},
		Topics:  []*content.Topic{{ID: "residence"}, {ID: "education"}, {ID: "health"}},
		Intents: []*content.Intent{
			intent("residence.family_reunification", "Family reunification", "How can my family join me?",
				"Familiennachzug", "Wie kann meine Familie nachkommen?"),
			intent("education.kindergarten", "Kindergarten", "Where can my children go to kindergarten?",
				"Kindergarten für Kinder", "Wo können meine Kinder in den Kindergarten?"),
			intent("health.find_doctor", "Finding a doctor", "Where do I find a doctor?",
				"Arzt finden", "Wo finde ich einen Arzt?"),
		},
	}
}

// buildOrder builds a matcher of orderPack with concepts for languages the pack lacks
// and with or without the concept order.
func buildOrder(t *testing.T, order bool) *Matcher {
	t.Helper()
	saved := tuning.ConceptOrder
	tuning.ConceptOrder = order
	defer func() { tuning.ConceptOrder = saved }()
	return buildWith(t, orderPack(), conceptsForeign)
}

// A life situation told with the shared everyday word and the family's
// words the pack does not use ("husband"): the concepts put family
// reunification first; how sure the matcher is stays what the literal
// evidence says.
func TestConceptOrder_SituationReachesTheIntentItNames(t *testing.T) {
	plain, order := buildOrder(t, false), buildOrder(t, true)
	q := content.Query{Text: "my husband and my parents are still abroad with the children, how can they come"}
	p, o := plain.Understand(q), order.Understand(q)
	if len(p.Candidates) == 0 || p.Candidates[0].Intent != "education.kindergarten" {
		t.Fatalf("without concept order %q → %+v; the test wants kindergarten first on the literal words", q.Text, p.Candidates)
	}
	if len(o.Candidates) == 0 || o.Candidates[0].Intent != "residence.family_reunification" {
		t.Errorf("with concept order %q → %+v, want family reunification first", q.Text, o.Candidates)
	}
	if len(o.Candidates) > 0 && o.Candidates[0].Score != p.Candidates[0].Score {
		t.Errorf("best score %.3f with concept order, %.3f without: the order must not change how sure the matcher is", o.Candidates[0].Score, p.Candidates[0].Score)
	}
}

// Off-topic questions with an everyday word a concept names are declined
// with the concept order as without it, and a plain question keeps its
// answer.
func TestConceptOrder_OffTopicStaysDeclined(t *testing.T) {
	plain, order := buildOrder(t, false), buildOrder(t, true)
	for _, text := range []string{
		"which toys do children like for christmas",
		"my husband wants to buy a new car",
		"where do I find a doctor",
	} {
		q := content.Query{Text: text}
		p, o := plain.Understand(q), order.Understand(q)
		declined := func(u content.Understanding) bool { return !u.Confident && !u.AskBack }
		if declined(p) != declined(o) || (len(p.Candidates) == 0) != (len(o.Candidates) == 0) {
			t.Errorf("%q: with concept order %+v, without %+v", text, o, p)
		}
		if len(p.Candidates) > 0 && p.Candidates[0].Score != o.Candidates[0].Score {
			t.Errorf("%q: best score %.3f with concept order, %.3f without", text, o.Candidates[0].Score, p.Candidates[0].Score)
		}
	}
	if u := order.Understand(content.Query{Text: "where do I find a doctor"}); !u.Confident || u.Candidates[0].Intent != "health.find_doctor" {
		t.Errorf("a plain question is not answered: %+v", u)
	}
}

// An Albanian question (no detector here knows Albanian; marker words,
// markers.go, name it when it has them, and this one has none: the
// language is unsure) is matched with its concepts because of its letters (ë).
func TestLetterGate_AlbanianReachesItsIntent(t *testing.T) {
	saved := tuning.LetterGate
	defer func() { tuning.LetterGate = saved }()
	m := buildOrder(t, true)
	q := content.Query{Text: "ku e gjej mjekun për fëmijën"}
	res := m.resolve(q, q.Text, analyseText(q.Text))
	if res.detected != "" || res.letters != "sq" {
		t.Fatalf("%q resolves to %q with letters %q, the test wants unsure and sq", q.Text, res.detected, res.letters)
	}
	tuning.LetterGate = false
	if m.conceptsFor(res) {
		t.Errorf("without the letter gate %q is concept-matched", q.Text)
	}
	tuning.LetterGate = true
	if !m.conceptsFor(res) {
		t.Errorf("with the letter gate %q is not concept-matched", q.Text)
	}
	if u := m.Understand(q); len(u.Candidates) == 0 || u.Candidates[0].Intent != "health.find_doctor" {
		t.Errorf("%q → %+v, want health.find_doctor first", q.Text, u.Candidates)
	}
}

// One search with concept features gives, for every document, the literal
// similarity a search without them gives, and the similarity with them
// that a full concept search gives.
func TestSearch_LiteralAndConceptSimilarityInOnePass(t *testing.T) {
	m := buildOrder(t, true)
	idx := m.words["en"]
	ws := analyseText("my husband and my parents are still abroad with the children, how can they come")
	b := newBag()
	m.concepts.queryConcepts(b, ws)
	if len(b.concepts) == 0 {
		t.Fatal("the test message names no concept")
	}
	type pair struct{ lit, all similarity }
	run := func(concepts []feature) map[docInfo]pair {
		b.reset()
		idx.queryFeatures(b, ws, concepts)
		// Documents of one kind of one variant (its examples) share a
		// docInfo: keep the best of each.
		out := map[docInfo]pair{}
		idx.search(b.feats, func(d docInfo, lit, all similarity) {
			p := out[d]
			if lit.blend() > p.lit.blend() {
				p.lit = lit
			}
			if all.blend() > p.all.blend() {
				p.all = all
			}
			out[d] = p
		})
		return out
	}
	plain, with := run(nil), run(b.concepts)
	differ := 0
	for d, p := range with {
		if p.lit != plain[d].lit {
			t.Errorf("document %+v: literal similarity %+v with concept features, %+v without", d, p.lit, plain[d].lit)
		}
		if p.all != p.lit {
			differ++
		}
	}
	for d, p := range plain {
		if p.all != p.lit {
			t.Errorf("document %+v: without concept features lit %+v and all %+v differ", d, p.lit, p.all)
		}
	}
	if differ == 0 {
		t.Errorf("no document's similarity changed with the concept features")
	}
}
