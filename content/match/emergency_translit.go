package match

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Latin-typed emergencies: "muzh menya bjet", "zawji darabni", "mano
// mizane". Every phrase written in Cyrillic or Arabic script is also
// indexed by the consonant skeletons of its words (latinize, skeletonize:
// the transliteration the ranking uses), and the Latin words of a message
// are reduced to skeletons the same way. Skeletons are lossy, so a phrase
// is indexed only when its skeletons have minSkeletonLen classes in all,
// and skeleton words match exactly (or as a prefix for "самоубийств*").

// skeletonPhrases returns the skeleton forms of a phrase written in
// Cyrillic or Arabic script (two when Arabic and Persian readings of ق
// differ, three when it is also silent as in Levantine), or nil.
func skeletonPhrases(ph phrase) []phrase {
	if !isCyrillicOrArabic(ph.words[0].word) {
		return nil
	}
	var out []phrase
	for _, reading := range []string{"ar", "fa", "levantine"} {
		sk := phrase{kind: ph.kind}
		total, need := 0, minSkeletonLen
		for _, w := range ph.words {
			word, lang := w.word, reading
			if reading == "levantine" {
				// ق is a glottal stop in Levantine and Egyptian speech,
				// typed "2": "2e2tol 7ali" is "اقتل حالي".
				word, lang = strings.ReplaceAll(word, "ق", "ا"), "ar"
			}
			s := string(skeletonize(nil, latinize(nil, word, lang)))
			if s == "" {
				continue // a word without consonants ("ю") says nothing
			}
			total += len(s)
			if len(s) == 1 && w.word != "не" {
				need = minSkeletonLen + 1 // "не" is the cue's negation: "ne dyshit"
			}
			sk.words = append(sk.words, patternWord{word: s, prefix: w.prefix})
		}
		if total < need || len(sk.words) == 0 || containsPhrase(out, sk) {
			continue
		}
		out = append(out, sk)
	}
	return out
}

func containsPhrase(list []phrase, p phrase) bool {
	for _, q := range list {
		if samePhrase(q, p) {
			return true
		}
	}
	return false
}

func samePhrase(a, b phrase) bool {
	if len(a.words) != len(b.words) {
		return false
	}
	for i := range a.words {
		if a.words[i] != b.words[i] {
			return false
		}
	}
	return true
}

func isCyrillicOrArabic(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return (r >= 0x0400 && r <= 0x04FF) || (r >= 0x0600 && r <= 0x06FF)
}

// routeScratch is the per-call scratch space of route.
type routeScratch struct {
	buf  []byte
	word []byte // the word being reduced, copied: no unsafe in the router
	toks []string
}

var routeScratchPool = sync.Pool{New: func() any { return new(routeScratch) }}

// skeletonTokens returns the skeletons of the Latin words of folded ("" for
// other words), or nil when there are none. The strings point into sc.buf
// and are valid until sc is reused.
//
// A message with a function word of a Latin-script language ("the heating
// in my flat", "Asylantrag in Österreich") is written in that language,
// not transliterated, and has no skeletons: its words would meet Cyrillic
// and Arabic skeletons by accident ("heating", "mein Baby" = "мене побив").
func skeletonTokens(sc *routeScratch, folded []string) []string {
	for _, t := range folded {
		if latinFunctionWord(t) {
			return nil
		}
	}
	sc.buf = sc.buf[:0]
	found := false
	var ends [64]int
	n := min(len(folded), len(ends))
	for i := 0; i < n; i++ {
		if isLatinWord(folded[i]) {
			sc.word = append(sc.word[:0], folded[i]...)
			sc.buf = skeletonize(sc.buf, sc.word)
			found = true
		}
		ends[i] = len(sc.buf)
	}
	if !found {
		return nil
	}
	sc.toks = sc.toks[:0]
	start := 0
	for i := 0; i < n; i++ {
		if ends[i] == start {
			sc.toks = append(sc.toks, "")
			continue
		}
		sc.toks = append(sc.toks, string(sc.buf[start:ends[i]]))
		start = ends[i]
	}
	return sc.toks
}

var (
	englishStop, germanStop = stopList("en"), stopList("de")
	frenchStop, spanishStop = stopList("fr"), stopList("es")
	turkishStop             = stopList("tr")
	// Slovenian and Croatian question words and a few everyday words that
	// meet an Arabic skeleton ("stalno prebivališče", permanent residence,
	// is STLN like سيقتلني read the Levantine way; "Zavod RS za
	// zaposlovanje", the employment service, meets a medical cue; "kartica",
	// card, is KRTC like "кровотеч*"). Only words of three
	// letters or more, and none that is also Arabizi or Russian in Latin
	// letters ("ali", "mogu").
	southSlavicStop = setOf("kako kaj kje kdaj zakaj moram lahko potrebujem prosim hvala stalno stalna stalni stalne zavod kartica kartico kartice kartici karticu gdje kada zašto trebam molim")
	// Somali question and function words: a Somali message is written in
	// Latin letters natively, its cues are in so.txt, and its everyday words
	// meet Arabic skeletons ("xaggee ka helaa talo", where do I get advice,
	// is TL GL like "اقتل حالي").
	somaliStop = setOf("xaggee halkee sidee sideen maxaan maxaad waxaan waxaad haddii")
)

// latinFunctionWord reports whether t is an English, German, Slovenian,
// Croatian or Somali function word (the lists above),
// or a French, Spanish or Turkish one of three letters or more (the
// shorter ones, "ya", "ne", "ma", "me", "da", are Russian and Arabic in
// Latin letters too). English "i" is left out: Somali and Arabizi use it.
func latinFunctionWord(t string) bool {
	if t == "i" || t == "a" {
		return false
	}
	return englishStop(t) || germanStop(t) || southSlavicStop(t) || somaliStop(t) ||
		(len(t) >= 3 && (frenchStop(t) || spanishStop(t) || turkishStop(t)))
}
