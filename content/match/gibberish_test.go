package match

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// bundledMatcher builds the matcher on the bundled pack.
func bundledMatcher(t testing.TB) (*Matcher, *content.Pack) {
	t.Helper()
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMatcher(p)
	if err != nil {
		t.Fatal(err)
	}
	return m, p
}

// asReceived is what a chat delivers of raw bytes and the bot passes on:
// valid UTF-8 only, control characters as spaces (bot.cleanText).
func asReceived(b []byte) string {
	s := strings.ToValidUTF8(string(b), "")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == unicode.ReplacementChar:
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s))
}

// randomLines are n lines of random bytes of 1 to 200 bytes, as the probe
// pasted them.
func randomLines(seed uint64, n int) []string {
	rng := rand.New(rand.NewPCG(seed, seed))
	var out []string
	for len(out) < n {
		size := []int{1 + rng.IntN(12), 5 + rng.IntN(56), 20 + rng.IntN(181)}[rng.IntN(3)]
		b := make([]byte, size)
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		if s := asReceived(b); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (m *Matcher) notLanguageText(s string) bool { return m.notLanguage(s, analyseText(s)) }

// TestNotLanguage_RealMessagesAreNeverRefused: every question of the
// development set (all kinds but gibberish: paraphrases, typos,
// transliterations, one-word questions, emergencies, mixed languages, off
// topic, in 12 languages), every example, title and keyword of the bundled
// pack (11 languages), and short messages chosen because they look odd.
func TestNotLanguage_RealMessagesAreNeverRefused(t *testing.T) {
	m, p := bundledMatcher(t)
	total, refused := 0, 0
	check := func(where, s string) {
		total++
		if m.notLanguageText(s) {
			refused++
			t.Errorf("%s: %q refused as not language (%+v)", where, s, shapeOf(s))
		}
	}
	for _, file := range []string{"../../eval/testdata/dev.jsonl", "../../eval/testdata/test.jsonl"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var c struct{ Text, Kind string }
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
			if c.Kind != "gibberish" {
				check(file, c.Text)
			}
		}
		f.Close()
	}
	fromFiles := total
	for _, in := range p.Intents {
		for lang, tr := range in.Translations {
			check(in.ID+" "+lang, tr.Title)
			for _, s := range append(append([]string(nil), tr.Examples...), tr.Keywords...) {
				check(in.ID+" "+lang, s)
			}
		}
	}
	fromPack := total - fromFiles
	for _, s := range []string{
		"AMS", "Meldezettel", "e-card", "E-Card?", "MA35", "MA 35", "112", "133!", "144??", "B1", "A2 Kurs",
		"COVID-19", "iPhone", "WhatsApp?", "McDonald's", "YouTube", "IBAN?", "SVNr", "e-Card verloren",
		"👋", "🙏🙏", "👍", "❤️", "🇺🇦", "👋🏽 hi", "Hallo 👋", "salam", "salam 🙏", "privet", "gde sdelat meldezettel",
		"kak poluchit e-card", "wen ghadi nseyyeb l'Meldezettel", "marhaba", "shukran", "mne nuzhen vrach",
		"10:00?", "€50?", "+43 316 872-0", "8010 Graz", "https://www.graz.at/", "info@caritas.at",
		"Где AMS?", "AMS کجاست؟", "Meldezettel چیست؟", "e-card нужна?", "Wo ist das BFA???", "halo!!!",
		"ok", "OK!", "Danke :)", ":-)", ":)", "<3", "^^", "Hvala!", "Kje je AMS?", "Gdje je MUP?", "Nasılsın?", "Waan ku mahadsanahay",
		"Сәлем", "გამარჯობა", "Բարեւ", "नमस्ते", "你好", "こんにちは", "안녕하세요", "سلام", "ښه راغلاست", "Привіт, де лікар?",
		"ana 3ayez a3mel Meldezettel", "wen el 6abeeb?", "ma3i 7a2 a5od e-card?", "ma3adsh 2ader, bedi mout",
		"z.B. Arzt", "Dr. Müller?", "U-Bahn", "S-Bahn Ticket", "9€ Ticket", "KFZ", "GmbH", "ÖGK", "BBU", "EU-Bürger",
	} {
		check("short", s)
	}
	t.Logf("false refusals: %d of %d (%d questions of the eval sets, %d pack texts, %d short odd messages)",
		refused, total, fromFiles, fromPack, total-fromFiles-fromPack)
}

// TestNotLanguage_RandomBytes: most lines of random bytes (as a chat
// delivers them: valid UTF-8, controls as spaces) are recognised; and of
// those that are not, few get an answer or an emergency reply.
func TestNotLanguage_RandomBytes(t *testing.T) {
	m, _ := bundledMatcher(t)
	lines := randomLines(11, 800)
	caught, answered, emergency, long, longCaught := 0, 0, 0, 0, 0
	for _, s := range lines {
		isLong := len([]rune(s)) >= 20
		if isLong {
			long++
		}
		if m.notLanguageText(s) {
			caught++
			if isLong {
				longCaught++
			}
			continue
		}
		u := m.Understand(content.Query{Text: s})
		if u.Confident {
			answered++
		}
		if u.Emergency != "" {
			emergency++
		}
	}
	t.Logf("random lines: %d of %d recognised (%d of the %d with 20 characters or more); of the rest %d answered confidently, %d emergency replies",
		caught, len(lines), longCaught, long, answered, emergency)
	// A few random characters can look like an abbreviation: only longer
	// lines carry enough to tell.
	if longCaught < long*95/100 {
		t.Errorf("only %d of %d lines of random bytes with 20 characters or more recognised as not language", longCaught, long)
	}
}

func TestNotLanguage_Shapes(t *testing.T) {
	m, _ := bundledMatcher(t)
	for s, want := range map[string]bool{
		"?":                                   true,
		"?!":                                  true,
		"...":                                 true,
		"؟؟؟؟":                                true,
		"%$#@!":                               true,
		"fd8x7K/Q=duBhdiqXwg:;)xz:{.ZDʟiVc":   true,
		"2Hx(mkbA ZJh8?X7 MHH {LC 5c|tQ <\"~": true,
		"h *-\" (yЩ'՚{[)# %q38 B8L?ŘUD":       true,
		"rgD <0":                              false, // too little to tell: one signal, and the matcher says "not sure"
		"Wo ist das AMS?":                     false,
		"👋":                                   false,
		"123456789":                           false,
	} {
		if got := m.notLanguageText(s); got != want {
			t.Errorf("notLanguage(%q) = %v, want %v (%+v, garbage %d)", s, got, want, shapeOf(s), shapeOf(s).garbage())
		}
	}
}
