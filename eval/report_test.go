package eval

import (
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

func understood(intent string, confident bool, emergency string) content.Understanding {
	u := content.Understanding{Lang: "en", Emergency: emergency, Confident: confident}
	if intent != "" {
		u.Candidates = []content.Candidate{{Intent: intent, Score: 0.9}}
	}
	return u
}

func TestCorrect(t *testing.T) {
	intentLine := Case{Kind: KindParaphrase, Intent: "work.rights"}
	infoLine := Case{Kind: KindParaphrase, Intent: "emergency.numbers"}
	fallbackLine := Case{Kind: KindOffTopic}
	emergencyLine := Case{Kind: KindEmergency, Emergency: true}
	tests := []struct {
		name string
		c    Case
		u    content.Understanding
		want bool
	}{
		{"expected intent, confident", intentLine, understood("work.rights", true, ""), true},
		{"expected intent, not confident", intentLine, understood("work.rights", false, ""), false},
		{"other intent", intentLine, understood("work.permit", true, ""), false},
		{"expected intent but a false alarm", intentLine, understood("work.rights", true, "violence"), false},
		{"emergency question answered with an alarm", infoLine, understood("emergency.numbers", true, "life"), true},
		{"fallback line, no intent", fallbackLine, understood("", false, ""), true},
		{"fallback line, unsure candidate", fallbackLine, understood("work.rights", false, ""), true},
		{"fallback line, confident intent", fallbackLine, understood("work.rights", true, ""), false},
		{"fallback line, alarm", fallbackLine, understood("", false, "suicide"), false},
		{"emergency caught", emergencyLine, understood("", false, "violence"), true},
		{"emergency caught, any intent", emergencyLine, understood("work.rights", true, "violence"), true},
		{"emergency missed", emergencyLine, understood("emergency.numbers", true, ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Correct(tt.c, tt.u); got != tt.want {
				t.Errorf("Correct = %v, want %v", got, tt.want)
			}
		})
	}
}

// scripted answers each text with a fixed Understanding.
type scripted map[string]content.Understanding

func (s scripted) Understand(q content.Query) content.Understanding { return s[q.Text] }

func TestEvaluate_TalliesEveryMeasure(t *testing.T) {
	cases := []Case{
		{Text: "a", Lang: "en", Kind: KindParaphrase, Intent: "x.a"},
		{Text: "b", Lang: "de", Kind: KindTypo, Intent: "x.b"},
		{Text: "c", Lang: "prs", Kind: KindOffTopic},
		{Text: "d", Lang: "en", Kind: KindGibberish},
		{Text: "e", Lang: "en", Kind: KindEmergency, Emergency: true},
		{Text: "f", Lang: "ti", Kind: KindParaphrase, Intent: "emergency.numbers"},
	}
	m := scripted{
		"a": understood("x.a", true, ""),
		"b": {Lang: "en", Candidates: []content.Candidate{{Intent: "x.c", Score: .3}, {Intent: "x.b", Score: .2}}}, // unsure, right one second
		"c": {Lang: "fa"},
		"d": understood("x.a", true, ""),
		"e": understood("", false, "violence"),
		"f": understood("emergency.numbers", true, "life"),
	}
	r := Evaluate("fake", "dev", m, cases, []string{"en", "de", "fa"})
	check := func(name string, got, want int) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %d, want %d", name, got, want)
		}
	}
	check("overall correct", r.Overall.Correct, 4) // a, c, e, f
	check("overall lines", r.Overall.N, 6)
	check("top-3", r.Top3.Correct, 3) // a, b, f
	check("hard lines", r.ByKind["hard"].N, 1)
	check("en correct", r.ByLang["en"].Correct, 2)
	check("fallback right", r.FallbackRight, 1) // c
	check("fallback wrong", r.FallbackWrong, 1) // b
	check("want fallback", r.WantFallback, 2)
	check("emergency hits", r.EmergencyHits, 1)
	check("false alarms", r.FalseAlarms, 1) // f
	check("info alarms", r.InfoAlarms, 1)
	check("language checked", r.LangChecked, 4) // a, b, c (prs → fa), e; d gibberish and f (ti) unchecked
	check("language right", r.LangRight, 3)     // b wanted de, got en
	check("misses", len(r.Misses), 2)
	check("answered wrong, not asked", r.AnsweredWrong, 1) // d: gibberish answered; b was unsure, f raised the alarm
	out := Compare(r, r)
	for _, want := range []string{"top-1 overall", "kind hard", "lang prs", "fallback precision", "emergency recall", "answered wrong, not asked"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(r.FormatMisses(), "(fallback)") {
		t.Errorf("misses lack the fallback marker:\n%s", r.FormatMisses())
	}
}
