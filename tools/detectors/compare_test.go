// Package detectors measures the language detectors compass could use
// (docs/understanding.md). It is a Go module of its own, so that the
// product's go.mod does not require lingua-go and its 247 MB of models:
//
//	cd tools/detectors && go test -run CompareDetectors -v .
package detectors

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
	"github.com/pemistahl/lingua-go"
)

// devCase is a line of eval/testdata/dev.jsonl.
type devCase struct {
	Text string `json:"text"`
	Lang string `json:"lang"`
	Kind string `json:"kind"`
}

// whatlangOf maps compass's language tags to whatlanggo's languages.
var whatlangOf = func() map[string]whatlanggo.Lang {
	m := map[string]whatlanggo.Lang{}
	for l := range whatlanggo.Langs {
		if tag := l.Iso6391(); tag != "" {
			m[tag] = l
		}
	}
	return m
}()

var linguaOf = map[string]lingua.Language{
	"en": lingua.English, "de": lingua.German, "ar": lingua.Arabic, "fa": lingua.Persian,
	"uk": lingua.Ukrainian, "ru": lingua.Russian, "tr": lingua.Turkish, "so": lingua.Somali,
}

func heapNow() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func TestCompareDetectors(t *testing.T) {
	f, err := os.Open("../../eval/testdata/dev.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	type sample struct{ text, lang string }
	var samples []sample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c devCase
		if json.Unmarshal(sc.Bytes(), &c) != nil || c.Kind == "translit" || c.Kind == "gibberish" || c.Kind == "mixed" {
			continue
		}
		if _, ok := linguaOf[c.Lang]; ok {
			samples = append(samples, sample{c.Text, c.Lang})
		}
	}
	var langs []lingua.Language
	tags := map[lingua.Language]string{}
	whatTags := map[whatlanggo.Lang]string{}
	white := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for tag, l := range linguaOf {
		langs = append(langs, l)
		tags[l] = tag
		white.Whitelist[whatlangOf[tag]] = true
		whatTags[whatlangOf[tag]] = tag
	}

	h0 := heapNow()
	start := time.Now()
	lo := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().WithLowAccuracyMode().Build()
	loLoad := time.Since(start)
	loHeap := heapNow() - h0
	h0 = heapNow()
	start = time.Now()
	hi := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels().Build()
	hiLoad := time.Since(start)
	hiHeap := heapNow() - h0 // on top of the trigram models low accuracy loaded

	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.New(p)
	if err != nil {
		t.Fatal(err)
	}

	type result struct {
		right, n [3]int // by length: <20, 20-59, ≥60 letters
		elapsed  time.Duration
	}
	bucket := func(s string) int {
		n := utf8.RuneCountInString(strings.Join(strings.Fields(s), ""))
		switch {
		case n < 20:
			return 0
		case n < 60:
			return 1
		}
		return 2
	}
	run := func(detect func(string) string) result {
		var r result
		start := time.Now()
		for _, s := range samples {
			b := bucket(s.text)
			r.n[b]++
			if detect(s.text) == s.lang {
				r.right[b]++
			}
		}
		r.elapsed = time.Since(start) / time.Duration(len(samples))
		return r
	}
	results := map[string]result{
		"whatlanggo": run(func(s string) string {
			return whatTags[whatlanggo.DetectWithOptions(s, white).Lang]
		}),
		"lingua high accuracy": run(func(s string) string {
			l, _ := hi.DetectLanguageOf(s)
			return tags[l]
		}),
		"compass (script, lexicon, whatlanggo)": run(func(s string) string {
			return m.Understand(content.Query{Text: s}).Detected
		}),
		"lingua low accuracy": run(func(s string) string {
			l, _ := lo.DetectLanguageOf(s)
			return tags[l]
		}),
	}
	t.Logf("%d dev lines in en, de, ar, fa, uk, ru, tr, so (translit, mixed and gibberish left out)", len(samples))
	t.Logf("lingua low accuracy: load %v, heap %.1f MB; high accuracy: load %v more, heap %.1f MB more", loLoad.Round(time.Millisecond), float64(loHeap)/1e6, hiLoad.Round(time.Millisecond), float64(hiHeap)/1e6)
	for _, name := range []string{"whatlanggo", "lingua high accuracy", "lingua low accuracy", "compass (script, lexicon, whatlanggo)"} {
		r := results[name]
		all, n := 0, 0
		for i := range r.n {
			all += r.right[i]
			n += r.n[i]
		}
		t.Logf("%-22s all %d/%d  <20 letters %d/%d  20-59 %d/%d  ≥60 %d/%d  %v/text", name, all, n,
			r.right[0], r.n[0], r.right[1], r.n[1], r.right[2], r.n[2], r.elapsed.Round(time.Microsecond))
	}
	runtime.KeepAlive(hi)
	runtime.KeepAlive(lo)
}
