package eval

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/compassbot/compass/content"
)

// synthLanguage describes how to make up words for one language: letters to
// draw syllables from and whether the script separates words with spaces.
type synthLanguage struct {
	tag        string
	consonants []rune
	vowels     []rune // nil: abjad-like, words are runs of consonants
	unspaced   bool   // words are written without spaces between them (Han)
}

func latin(tag, extra string) synthLanguage {
	return synthLanguage{tag: tag, consonants: []rune("bcdfghjklmnprstvwz" + extra), vowels: []rune("aeiou")}
}

func runeRange(lo, hi rune) []rune {
	var out []rune
	for r := lo; r <= hi; r++ {
		if unicode.IsLetter(r) {
			out = append(out, r)
		}
	}
	return out
}

// synthLanguages are 25 languages over seven scripts, with their special
// letters, so that normalisation, folding and tokenisation do real work.
var synthLanguages = []synthLanguage{
	latin("en", ""), latin("de", "ßäöü"), latin("tr", "çğışöü"), latin("so", "xq"),
	latin("fr", "çéèê"), latin("es", "ñáéó"), latin("it", "àèò"), latin("pl", "łńśźżąę"),
	latin("ro", "șțăâî"), latin("hu", "őűáé"), latin("hr", "čćđšž"), latin("ku", "çêîşû"),
	{tag: "ru", consonants: []rune("бвгджзклмнпрстфхцчшщ"), vowels: []rune("аеиоуыэюяё")},
	{tag: "uk", consonants: []rune("бвгґджзклмнпрстфхцчшщ"), vowels: []rune("аеиоуіїєюя")},
	{tag: "bg", consonants: []rune("бвгджзклмнпрстфхцчшщ"), vowels: []rune("аеиоуъюя")},
	{tag: "sr", consonants: []rune("бвгдђжзјклљмнњпрстћфхцчџш"), vowels: []rune("аеиоу")},
	{tag: "ar", consonants: []rune("بتثجحخدذرزسشصضطظعغفقكلمنهويةأإ")},
	{tag: "fa", consonants: []rune("بپتثجچحخدذرزژسشصضطظعغفقکگلمنهوی")},
	{tag: "ps", consonants: []rune("بپتټثجچځڅحخدډذرړزږژسشښصضطظعغفقکګلمنڼوهیې")},
	{tag: "ur", consonants: []rune("بپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھیے")},
	{tag: "ti", consonants: runeRange(0x1200, 0x1357)},
	{tag: "am", consonants: runeRange(0x1200, 0x1357)},
	{tag: "hi", consonants: runeRange(0x0915, 0x0939), vowels: []rune("ािीुूेैोौं")},
	{tag: "he", consonants: runeRange(0x05D0, 0x05EA)},
	{tag: "zh", consonants: runeRange(0x4E00, 0x62FF), unspaced: true},
}

// Sizes of the texts of one synthetic translation.
const (
	synthExamples    = 6
	synthKeywords    = 4
	synthAnswerWords = 30
	synthIntentWords = 10   // words characteristic of one intent in one language
	synthCommonWords = 3000 // shared words of a language, drawn Zipf-distributed
	synthTopics      = 20
)

// SynthPack makes a pack of intents × languages (at most 25) from a seeded
// generator: the same arguments give the same pack. Every intent has
// characteristic words per language, drawn into its title, examples and
// keywords, and a Latin "office name" shared by all its languages, like
// "Meldezettel"; examples and answers are padded with common words drawn
// with Zipf frequencies, like real text.
func SynthPack(intents, langs int, seed uint64) *content.Pack {
	if langs > len(synthLanguages) {
		langs = len(synthLanguages)
	}
	g := newSynth(seed)
	p := &content.Pack{ID: "synth", Name: "synthetic benchmark pack", SourceLanguage: "en"}
	p.Regions = []*content.Region{{ID: "synth", Name: content.Text{"en": "Synthland"},
		LocalLanguage: "en", Timezone: "UTC", Emergency: map[string]string{"general": "112"}}}
	for t := 0; t < synthTopics; t++ {
		p.Topics = append(p.Topics, &content.Topic{ID: fmt.Sprintf("topic%02d", t), Name: content.Text{"en": fmt.Sprintf("Topic %d", t)}})
	}
	vocab := make([]*synthVocab, langs)
	for i := range vocab {
		p.Languages = append(p.Languages, synthLanguages[i].tag)
		vocab[i] = g.vocab(synthLanguages[i])
	}
	latinLang := synthLanguages[0]
	for n := 0; n < intents; n++ {
		topic := p.Topics[n%synthTopics].ID
		in := &content.Intent{ID: fmt.Sprintf("%s.intent%04d", topic, n), Topic: topic, Region: "synth",
			Translations: map[string]*content.Translation{}}
		office := strings.ToUpper(g.word(latinLang)[:1]) + g.word(latinLang) + g.word(latinLang)
		for _, v := range vocab {
			in.Translations[v.lang.tag] = g.translation(v, office)
		}
		p.Intents = append(p.Intents, in)
	}
	return p
}

// SynthQueries makes n queries against a pack from SynthPack: most use two or
// three of an intent's characteristic words among common words, a fifth of
// them with a typo; one in ten is common words only (should fall back).
func SynthQueries(p *content.Pack, n int, seed uint64) []content.Query {
	g := newSynth(seed)
	out := make([]content.Query, 0, n)
	for len(out) < n {
		in := p.Intents[g.r.IntN(len(p.Intents))]
		lang := p.Languages[g.r.IntN(len(p.Languages))]
		tr := in.Translations[lang]
		var words []string
		if g.r.IntN(10) > 0 {
			ex := synthWords(tr.Examples[g.r.IntN(len(tr.Examples))])
			g.r.Shuffle(len(ex), func(i, j int) { ex[i], ex[j] = ex[j], ex[i] })
			words = ex[:min(len(ex), 2+g.r.IntN(3))]
		} else {
			words = synthWords(tr.Answer)
			words = words[:min(len(words), 4)]
		}
		if g.r.IntN(5) == 0 {
			words[0] = typo(g.r, words[0])
		}
		q := content.Query{Text: strings.Join(words, " ")}
		if g.r.IntN(2) == 0 {
			q.Hint = lang
		}
		out = append(out, q)
	}
	return out
}

// synthWords splits a synthetic text into words; unspaced text (Han) into
// pairs of characters.
func synthWords(text string) []string {
	words := strings.Fields(text)
	if len(words) > 1 {
		return words
	}
	rs := []rune(text)
	words = words[:0]
	for i := 0; i < len(rs); i += 2 {
		words = append(words, string(rs[i:min(i+2, len(rs))]))
	}
	return words
}

func typo(r *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 3 {
		return w
	}
	i := 1 + r.IntN(len(rs)-2)
	return string(rs[:i]) + string(rs[i+1:]) // drop a letter
}

type synth struct {
	r *rand.Rand
}

func newSynth(seed uint64) *synth {
	return &synth{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// synthVocab is the vocabulary of one language.
type synthVocab struct {
	lang   synthLanguage
	common []string
	zipf   *rand.Zipf
}

func (g *synth) vocab(l synthLanguage) *synthVocab {
	v := &synthVocab{lang: l}
	seen := map[string]bool{}
	for len(v.common) < synthCommonWords {
		w := g.word(l)
		if !seen[w] {
			seen[w] = true
			v.common = append(v.common, w)
		}
	}
	v.zipf = rand.NewZipf(g.r, 1.1, 2, synthCommonWords-1)
	return v
}

// word makes a word of 1–4 syllables (Han: 1–3 characters).
func (g *synth) word(l synthLanguage) string {
	var b strings.Builder
	n := 1 + g.r.IntN(4)
	if l.unspaced {
		n = 1 + g.r.IntN(3)
	}
	for i := 0; i < n; i++ {
		b.WriteRune(l.consonants[g.r.IntN(len(l.consonants))])
		switch {
		case l.vowels != nil:
			b.WriteRune(l.vowels[g.r.IntN(len(l.vowels))])
		case !l.unspaced && g.r.IntN(2) == 0:
			b.WriteRune(l.consonants[g.r.IntN(len(l.consonants))])
		}
	}
	return b.String()
}

func (g *synth) translation(v *synthVocab, office string) *content.Translation {
	own := make([]string, synthIntentWords)
	for i := range own {
		own[i] = g.word(v.lang)
	}
	sentence := func(ownWords, commonWords int) string {
		words := make([]string, 0, ownWords+commonWords)
		for i := 0; i < ownWords; i++ {
			words = append(words, own[g.r.IntN(len(own))])
		}
		for i := 0; i < commonWords; i++ {
			words = append(words, v.common[v.zipf.Uint64()])
		}
		g.r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		sep := " "
		if v.lang.unspaced {
			sep = ""
		}
		return strings.Join(words, sep)
	}
	t := &content.Translation{Title: sentence(2, 1), Status: content.StatusMachine}
	for i := 0; i < synthExamples; i++ {
		t.Examples = append(t.Examples, sentence(2+g.r.IntN(2), 3+g.r.IntN(4)))
	}
	t.Keywords = append(t.Keywords, office)
	for i := 1; i < synthKeywords; i++ {
		t.Keywords = append(t.Keywords, own[g.r.IntN(len(own))])
	}
	t.Answer = sentence(3, synthAnswerWords-3)
	return t
}
