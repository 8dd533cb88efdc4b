package match

import (
	"fmt"
	"strings"
	"sync"

	"github.com/compassbot/compass/content"
)

// maxCandidates is how many intents Understand returns at most.
const maxCandidates = 3

// maxQueryBytes bounds the text the matcher reads of one message; the rest
// of a very long message is ignored.
const maxQueryBytes = 4000

// Matcher understands messages against one pack. It is immutable after New
// and safe for concurrent use.
type Matcher struct {
	pack      *content.Pack
	langs     []string        // pack languages in pack order
	isLang    map[string]bool // pack languages
	langBases map[string]bool // base tags of the pack languages, lower case ("sr" for "sr-Latn")
	source    string          // pack default language
	ids       []string        // distinct intent ids, sorted
	idIndex   map[string]int32
	variants  []*content.Intent
	topic     []string // intent index → topic

	allowed     map[string][]bool // region id → variant visible there
	rootAllowed []bool

	script     map[string]string // pack language → script of its texts
	words      map[string]*index // pack language → word index
	skeletons  map[string]*index // non-Latin pack language → skeleton index
	global     *index            // folded words of every language
	concepts   *conceptLexicon   // the concept lexicon (concepts.go); nil: none
	conceptUse conceptUse        // which messages concepts are used for (tuning.Concepts at build time)
	// conceptOrder: concepts order the intents for the other messages
	// (tuning.ConceptOrder at build time; rank).
	conceptOrder bool

	emergency   *emergencyRouter
	smallTalk   *smallTalk
	regionNames []regionNameForm // names a message may mention (regions.go)
	detector    detector

	bags    sync.Pool // *bag
	scratch sync.Pool // *scores
}

var _ content.Matcher = (*Matcher)(nil)

// New builds a matcher for the pack. It reads the pack only; editors'
// changes take effect by building a new matcher.
func New(p *content.Pack) (content.Matcher, error) {
	return newMatcher(p)
}

func newMatcher(p *content.Pack) (*Matcher, error) {
	if p == nil {
		return nil, fmt.Errorf("match: nil pack")
	}
	m := &Matcher{
		pack:        p,
		langs:       append([]string(nil), p.Languages...),
		isLang:      map[string]bool{},
		langBases:   map[string]bool{},
		source:      p.SourceLanguage,
		variants:    p.Intents,
		allowed:     map[string][]bool{},
		script:      map[string]string{},
		words:       map[string]*index{},
		skeletons:   map[string]*index{},
		emergency:   emergencyRouterFor(p),
		smallTalk:   defaultSmallTalk(),
		regionNames: regionNameForms(p),
		detector:    defaultDetector(),
	}
	for _, l := range m.langs {
		m.isLang[l] = true
		base, _, _ := strings.Cut(canonicalTag(l), "-")
		m.langBases[base] = true
	}
	if m.source == "" || !m.isLang[m.source] {
		if len(m.langs) == 0 {
			return nil, fmt.Errorf("match: pack %q has no languages", p.ID)
		}
		m.source = m.langs[0]
	}
	m.ids = p.IntentIDs()
	idIndex := make(map[string]int32, len(m.ids))
	for i, id := range m.ids {
		idIndex[id] = int32(i)
	}
	m.idIndex = idIndex
	m.topic = make([]string, len(m.ids))
	for _, in := range p.Intents {
		m.topic[idIndex[in.ID]] = in.Topic
	}
	if tuning.Concepts != conceptsOff {
		m.concepts = conceptsForBuild()
		m.conceptUse = tuning.Concepts
		m.conceptOrder = tuning.ConceptOrder
	}
	m.buildRegions()
	m.buildIndices(idIndex)
	m.bags.New = func() any { return newBag() }
	m.scratch.New = func() any { return newScores(len(m.ids)) }
	return m, nil
}

// buildRegions precomputes which variants count in each region: every
// variant from the region up to the root. A city's variant wins the answer
// (Pack.Intent), but the country-wide variant's examples and keywords are
// still ways people ask the same question there, so both are matched and
// the intent keeps its best score.
func (m *Matcher) buildRegions() {
	visible := func(region string) []bool {
		onPath := map[string]bool{}
		for _, id := range m.pack.RegionPath(region) {
			onPath[id] = true
		}
		ok := make([]bool, len(m.variants))
		for i, v := range m.variants {
			ok[i] = onPath[v.Region]
		}
		return ok
	}
	m.rootAllowed = visible(m.pack.RootRegion())
	for _, r := range m.pack.Regions {
		m.allowed[r.ID] = visible(r.ID)
	}
}

// topicOf returns the topic of an intent id.
func (m *Matcher) topicOf(id string) string {
	i, ok := m.idIndex[id]
	if !ok {
		return ""
	}
	return m.topic[i]
}

// regionOrRoot returns region if the pack has it, else the root region.
func (m *Matcher) regionOrRoot(region string) string {
	if m.allowed[region] != nil {
		return region
	}
	return m.pack.RootRegion()
}

func (m *Matcher) visibleIn(region string) []bool {
	if ok := m.allowed[region]; ok != nil {
		return ok
	}
	return m.rootAllowed
}

// scores is per-query scratch space, one slot per intent id.
type scores struct {
	best    []float32
	field   []float32
	whole   []float32
	cfield  []float32 // field and whole with the concept group (rank)
	cwhole  []float32
	foreign []float32 // evidence from words in another script
	answer  []float32 // best answer sentence
	touched []int32
	lang    []string // language whose index gave best
}

func newScores(n int) *scores {
	return &scores{best: make([]float32, n), field: make([]float32, n), whole: make([]float32, n),
		cfield: make([]float32, n), cwhole: make([]float32, n),
		foreign: make([]float32, n), answer: make([]float32, n), lang: make([]string, n)}
}

func (s *scores) touch(i int32) {
	if s.best[i] == 0 && s.field[i] == 0 && s.whole[i] == 0 && s.cfield[i] == 0 && s.cwhole[i] == 0 && s.foreign[i] == 0 && s.answer[i] == 0 {
		s.touched = append(s.touched, i)
	}
}

// top returns the best candidates, the raw score of the second best
// intent (even when it is too weak to be a candidate), and resets the
// scratch space.
func (s *scores) top(ids []string, n int) ([]content.Candidate, float64, string) {
	// Select the best n+1 by insertion: touched may be thousands long, n
	// is tiny.
	better := func(a, b int32) bool {
		if s.best[a] != s.best[b] {
			return s.best[a] > s.best[b]
		}
		return ids[a] < ids[b]
	}
	var best [maxCandidates + 1]int32
	k := 0
	for _, i := range s.touched {
		if k < len(best) {
			best[k] = i
			k++
		} else if better(i, best[k-1]) {
			best[k-1] = i
		} else {
			continue
		}
		for j := k - 1; j > 0 && better(best[j], best[j-1]); j-- {
			best[j], best[j-1] = best[j-1], best[j]
		}
	}
	var out []content.Candidate
	lang := ""
	second := 0.0
	if k > 1 {
		second = float64(s.best[best[1]])
	}
	for _, i := range best[:min(k, n)] {
		if s.best[i] >= minCandidate {
			if len(out) == 0 {
				lang = s.lang[i]
			}
			out = append(out, content.Candidate{Intent: ids[i], Score: float64(s.best[i])})
		}
	}
	for _, i := range s.touched {
		s.best[i], s.field[i], s.whole[i], s.foreign[i], s.answer[i], s.lang[i] = 0, 0, 0, 0, 0, ""
		s.cfield[i], s.cwhole[i] = 0, 0
	}
	s.touched = s.touched[:0]
	return out, second, lang
}

// combine is an intent's score from its best field and whole-intent
// similarities (field, whole), its cross-language word evidence, answer
// sentences and words in another script.
func (s *scores) combine(i int32, field, whole float32) float32 {
	base := max(s.best[i], tuning.Field*field+(1-tuning.Field)*whole)
	// An answer's sentence that says what the message says is weaker
	// evidence: answers say much besides what people ask.
	base = 1 - (1-base)*(1-tuning.AnswerSentence*s.answer[i])
	// Noisy-OR: a German office name inside a Ukrainian sentence adds
	// to what the Ukrainian words say.
	return 1 - (1-base)*(1-tuning.Foreign*s.foreign[i])
}

func round(x float64) float64 {
	if x > 1 {
		x = 1
	}
	return float64(int(x*1000+0.5)) / 1000
}
