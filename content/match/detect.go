package match

import (
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// detector guesses the language of a text statistically. It returns an
// ISO 639-1 tag (or "" if it cannot tell) and a confidence in [0,1].
type detector interface {
	detect(text string, among []string) (string, float64)
}

// whatlang is the statistical detector: whatlanggo's trigram profiles,
// restricted to the candidate languages. See docs/understanding.md for why
// it was chosen over lingua-go.
type whatlang struct {
	byTag map[string]whatlanggo.Lang
	tagOf map[whatlanggo.Lang]string
}

func defaultDetector() detector { return theWhatlang }

var theWhatlang = func() *whatlang {
	w := &whatlang{byTag: map[string]whatlanggo.Lang{}, tagOf: map[whatlanggo.Lang]string{}}
	for l := range whatlanggo.Langs {
		if tag := l.Iso6391(); tag != "" {
			w.byTag[tag] = l
			w.tagOf[l] = tag
		}
	}
	// Languages whatlanggo names by ISO 639-3 only.
	for tag, code := range map[string]string{"ckb": "kur", "prs": "pes"} {
		if _, ok := w.byTag[tag]; !ok {
			w.byTag[tag] = whatlanggo.CodeToLang(code)
		}
	}
	return w
}()

func (w *whatlang) detect(text string, among []string) (string, float64) {
	opts := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for _, tag := range among {
		if l, ok := w.byTag[tag]; ok && l >= 0 {
			opts.Whitelist[l] = true
		}
	}
	if len(opts.Whitelist) == 0 {
		return "", 0
	}
	info := whatlanggo.DetectWithOptions(text, opts)
	tag := w.tagOf[info.Lang]
	if tag == "" {
		return "", 0
	}
	return tag, info.Confidence
}

// letterCount counts the letters of a text.
func letterCount(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
