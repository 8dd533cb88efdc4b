package bot

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Service requests in the pack's languages, two of them right to left, as
// people write them; parsed with the bundled pack (eleven languages).
func TestParseServiceRequest_InManyLanguages(t *testing.T) {
	e := newBundledEngine(t)
	c := &conversation{e: e, st: e.state.Load(), caps: DefaultCapabilities}
	tests := []struct {
		lang, text string
		kind       string
		langs      []string
		open, near bool
	}{
		{"en", "I need a doctor who speaks Arabic", "doctor", []string{"ar"}, false, false},
		{"en", "pharmacy open now near me", "pharmacy", nil, true, true},
		{"de", "Ich brauche einen Arzt, der Arabisch spricht", "doctor", []string{"ar"}, false, false},
		{"de", "Apotheke in der Nähe, jetzt geöffnet", "pharmacy", nil, true, true},
		{"ru", "нужен врач, который говорит на русском", "doctor", []string{"ru"}, false, false},
		{"ru", "аптека рядом, открыта сейчас", "pharmacy", nil, true, true},
		{"uk", "Потрібен лікар, який розмовляє українською", "doctor", []string{"uk"}, false, false},
		{"tr", "Türkçe konuşan avukat", "legal_advice", []string{"tr"}, false, false},
		{"ar", "أحتاج طبيب يتكلم العربية", "doctor", []string{"ar"}, false, false},
		{"ar", "صيدلية مفتوحة الآن قريبة مني", "pharmacy", nil, true, true},
		{"fa", "دندانپزشک که فارسی صحبت کند نزدیک من", "dentist", []string{"fa"}, false, true},
		{"ps", "ډاکټر چې پښتو خبرې کوي", "doctor", []string{"ps"}, false, false},
		{"sl", "zdravnik, ki govori angleško", "doctor", []string{"en"}, false, false},
		{"hr", "liječnik koji govori arapski", "doctor", []string{"ar"}, false, false},
		{"so", "dhakhtar ku hadla Carabi", "doctor", []string{"ar"}, false, false},
		// A language school teaches the language: no wish about who speaks it.
		{"de", "Wo kann ich einen Deutschkurs machen?", "language_school", nil, false, false},
		// Naming the office language with another asks for the other.
		{"en", "I speak no German, I need a doctor who speaks English", "doctor", []string{"en"}, false, false},
		// No kind of place: not a service request.
		{"en", "How long does the asylum procedure take?", "", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+" "+tt.text, func(t *testing.T) {
			q := c.parseServiceRequest(tt.text, tt.lang, "at-wien")
			if q.kind != tt.kind || !slices.Equal(q.langs, tt.langs) || q.openNow != tt.open || q.nearMe != tt.near {
				t.Errorf("got kind %q langs %v open %v near %v; want %q %v %v %v",
					q.kind, q.langs, q.openNow, q.nearMe, tt.kind, tt.langs, tt.open, tt.near)
			}
		})
	}
}

// Every vocabulary file knows every kind, and every kind has words.
func TestServiceWords_EveryFileKnowsEveryKind(t *testing.T) {
	kinds := KnownServiceKinds()
	if len(kinds) < 10 {
		t.Fatalf("kinds: %v", kinds)
	}
	files, _ := serviceWordFiles.ReadDir("servicewords")
	langs := 0
	for _, f := range files {
		if len(f.Name()) < 6 || f.Name()[len(f.Name())-5:] != ".yaml" {
			continue
		}
		langs++
		lang := f.Name()[:len(f.Name())-5]
		for _, k := range kinds {
			if serviceWords.kindNames[k][lang] == "" {
				t.Errorf("%s: no kind %s", f.Name(), k)
			}
		}
	}
	if langs < 11 {
		t.Errorf("only %d vocabulary files", langs)
	}
	// Phrases are found by the first three letters of their first word:
	// a prefix must be at least that long.
	for _, e := range serviceWords.entries {
		for _, w := range e.phrase {
			if p, ok := strings.CutSuffix(w, "*"); ok && utf8.RuneCountInString(p) < 3 {
				t.Errorf("%s.yaml: %q: a prefix needs three letters or more", e.lang, w)
			}
		}
	}
}

func TestNameWordFits_Inflection(t *testing.T) {
	for _, tt := range []struct {
		token, word string
		want        bool
	}{
		{"русском", "русский", true},
		{"українською", "українська", true},
		{"arabischer", "arabisch", true},
		{"arab", "arabisch", false},
		{"deutschland", "deutsch", false},
		{"dari", "dari", true},
	} {
		if got := nameWordFits(tt.token, tt.word); got != tt.want {
			t.Errorf("%s ~ %s: %v", tt.token, tt.word, got)
		}
	}
}

// Whatever people type, reading it as a service request never panics and
// names only kinds and languages that exist.
func FuzzParseServiceRequest(f *testing.F) {
	for _, s := range []string{"I need a doctor who speaks Arabic", "طبيب يتكلم العربية", "аптека рядом", "", "*", "ال", "Arzt in 8020"} {
		f.Add(s)
	}
	e := newTestEngine(f)
	c := &conversation{e: e, st: e.state.Load(), caps: DefaultCapabilities}
	f.Fuzz(func(t *testing.T, text string) {
		q := c.parseServiceRequest(cleanText(text), "en", "at-graz")
		if q.kind != "" && !serviceWords.knowsKind(q.kind) {
			t.Errorf("unknown kind %q", q.kind)
		}
		for _, l := range q.langs {
			if l == "" {
				t.Error("empty language")
			}
		}
	})
}

func BenchmarkParseServiceRequest(b *testing.B) {
	e := newBundledEngine(b)
	c := &conversation{e: e, st: e.state.Load(), caps: DefaultCapabilities}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.parseServiceRequest(benchQuestions[i%len(benchQuestions)], "en", "at-wien")
	}
}
