package match

import (
	"sort"
	"strings"

	"github.com/compassbot/compass/content"
)

// commonLanguages are languages people commonly write in even when the
// pack lacks them: detection may name them, so that Detected is honest and
// Lang falls back sensibly.
var commonLanguages = []string{"en", "de", "fr", "es", "it", "pt", "nl", "pl", "ro", "hu",
	"cs", "sk", "sl", "hr", "sr", "bg", "tr", "so", "sw", "ku", "ru", "uk", "ar", "fa", "ur", "hi", "am", "ti"}

// resolution is the outcome of language resolution.
type resolution struct {
	lang     string // pack language to answer in
	detected string // language the message is written in; "" if unsure
	script   string // dominant script of the message
	weak     bool   // detected comes from a hint or default, not from the text
	// byLetters says the letters decided a Latin-script language (ğ, ß...):
	// a Latin-typed message is then not transliteration.
	byLetters bool
	// sure says letters or the lexicons decided, not a guess.
	sure bool
	// letters is the language the letters name (ñ Spanish, ë Albanian),
	// also one the pack lacks, which detected does not report; "" if none.
	letters string
	// lexicon counts the words each pack language in the script knows.
	lexicon []langHits
}

// packLang maps a tag to the best pack language for its readers, or "".
func (m *Matcher) packLang(tag string) string {
	if tag == "" {
		return ""
	}
	tag = canonicalTag(tag)
	for _, l := range content.FallbackChain(tag) {
		if m.isLang[l] {
			return l
		}
		for _, pl := range m.langs { // case-insensitive tags
			if strings.EqualFold(pl, l) {
				return pl
			}
		}
	}
	return ""
}

// canonicalTag turns platform language codes ("pt_BR", "de-AT", "EN")
// into BCP 47 form with a lower-case base.
func canonicalTag(tag string) string {
	tag = strings.TrimSpace(strings.ReplaceAll(tag, "_", "-"))
	base, rest, ok := strings.Cut(tag, "-")
	base = strings.ToLower(base)
	if !ok {
		return base
	}
	return base + "-" + rest
}

// resolve decides the language of the message and the language to answer
// in: stored choice > explicit switch > script rules > statistical
// detection > platform hint > pack default.
func (m *Matcher) resolve(q content.Query, text string, tokens words) resolution {
	g := guessScript(text)
	r := resolution{script: g.script, byLetters: g.script == scriptLatin && g.lang != "", letters: g.lang}
	switch {
	case g.letters == 0:
	default:
		if sw := explicitSwitch(tokens.tok); sw != "" {
			r.detected = sw
		} else {
			hint := q.Hint
			if q.Chosen != "" {
				hint = q.Chosen // a better hint than the platform's
			}
			r.detected = m.detectLanguage(&r, text, tokens, g, hint)
		}
	}
	r.lang = m.packLang(q.Chosen)
	if r.lang == "" {
		r.lang = m.packLang(r.detected)
	}
	if r.lang == "" {
		r.lang = m.packLang(q.Hint)
		r.weak = true
	}
	if r.lang == "" {
		r.lang = m.source
		r.weak = true
	}
	return r
}

// detectLanguage decides the language of a message by its marker words
// (Latin script only, markers.go), else by detectByText; one marker word
// still settles a tie between close languages that detection left.
func (m *Matcher) detectLanguage(r *resolution, text string, tokens words, g scriptGuess, hint string) string {
	if g.script != scriptLatin {
		return m.detectByText(r, text, tokens, g, hint)
	}
	if lang, decides := byMarkers(tokens.tok, ""); decides {
		r.lexicon = m.lexiconHits(tokens, g.script)
		r.sure = true
		return lang
	}
	got := m.detectByText(r, text, tokens, g, hint)
	if lang, _ := byMarkers(tokens.tok, got); lang != "" {
		return lang
	}
	return got
}

// detectByText applies script rules, then statistical detection: the
// pack's own lexicons and a general-purpose detector. For a script shared
// by several languages with nothing deciding, the hint or the pack's
// language in that script decides. It records in r how sure it is.
func (m *Matcher) detectByText(r *resolution, text string, tokens words, g scriptGuess, hint string) string {
	r.lexicon = m.lexiconHits(tokens, g.script)
	lex, strong := lexiconWinner(r.lexicon, len(tokens.tok))
	if g.lang == "fa" && lex != "" && lex != "ar" {
		// Persian letters are Pashto's and Urdu's too: their words decide.
		r.sure = true
		return lex
	}
	if g.lang != "" && (g.script != scriptLatin || m.isLang[g.lang]) {
		r.sure = true
		return g.lang
	}
	if strong {
		r.sure = true
		return lex
	}
	letters := letterCount(text)
	det, conf := "", 0.0
	if among := m.detectable(g.script); letters >= minDetectLetters && len(among) > 1 {
		det, conf = m.detector.detect(text, among)
		if conf < minDetectConfidence {
			det = ""
		}
	}
	if det != "" && letters >= minTrustDetector {
		return det
	}
	if lex != "" {
		return lex
	}
	if det != "" {
		return det
	}
	if g.script == scriptLatin {
		return ""
	}
	// A non-Latin script narrows the choice: the hint if it fits, else the
	// pack's language in that script, else the script's main language.
	hintBase, _, _ := strings.Cut(canonicalTag(hint), "-")
	for _, l := range scriptLangs[g.script] {
		if l == hintBase {
			return l
		}
	}
	for _, l := range m.langs {
		if m.script[l] == g.script {
			return l
		}
	}
	if len(scriptLangs[g.script]) > 0 {
		return scriptLangs[g.script][0]
	}
	return ""
}

// langHits is how many words of a message a pack language's lexicon knows.
type langHits struct {
	lang string
	hits int
}

// lexiconHits counts, for each pack language written in script, the
// message's words in that script that its lexicon knows; best first.
func (m *Matcher) lexiconHits(tokens words, script string) []langHits {
	folded := tokens.subset(func(i int) bool { return scriptOfWord(tokens.tok[i]) == script }).fold
	var out []langHits
	for _, l := range m.langs {
		if m.script[l] == script {
			out = append(out, langHits{l, m.words[l].knownWords(folded)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].hits > out[j].hits })
	return out
}

// lexiconWinner returns the language whose lexicon knows more words than
// any other, or "", and whether it wins clearly: at least two words, twice
// as many as the next, and half of the message's words (a Latin-typed
// Arabic message may share a few short words with Turkish).
func lexiconWinner(hits []langHits, words int) (string, bool) {
	if len(hits) == 0 || hits[0].hits == 0 {
		return "", false
	}
	second := 0
	if len(hits) > 1 {
		second = hits[1].hits
	}
	if second == hits[0].hits {
		return "", false
	}
	return hits[0].lang, hits[0].hits >= 2 && hits[0].hits >= 2*second && 2*hits[0].hits >= words
}

// scriptOfWord returns the script of a word's first letter.
func scriptOfWord(w string) string {
	for _, r := range w {
		if s := scriptOf(r); s != scriptNone {
			return s
		}
	}
	return scriptNone
}

// detectable returns the languages detection chooses among for a script:
// the pack's languages in it and common ones.
func (m *Matcher) detectable(script string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(l string) {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	for _, l := range m.langs {
		if m.script[l] == script {
			add(l)
		}
	}
	for _, l := range commonLanguages {
		if langScript(l) == script {
			add(l)
		}
	}
	return out
}

// langScript returns the usual script of a language tag.
func langScript(tag string) string {
	for s, ls := range scriptLangs {
		for _, l := range ls {
			if l == tag {
				return s
			}
		}
	}
	return scriptLatin
}
