package eval

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/compassbot/compass/content"
)

// Tally counts lines and how many were answered right.
type Tally struct {
	N, Correct int
}

// Accuracy returns Correct/N, or 0 for no lines.
func (t Tally) Accuracy() float64 { return ratio(t.Correct, t.N) }

func (t *Tally) add(ok bool) {
	t.N++
	if ok {
		t.Correct++
	}
}

// Miss is a line answered wrongly, for tuning on the dev split.
type Miss struct {
	Case      Case
	Got       string  // intent chosen, "" when the answerer fell back
	Score     float64 // score of the best candidate, 0 if none
	Emergency string  // emergency kind raised, "" if none
	Lang      string  // language the answerer chose
}

// Report is what one answerer did on one split.
type Report struct {
	Name, Split string

	Overall Tally            // every line, right answer as defined by Correct
	ByLang  map[string]Tally // by the language the text is written in
	ByKind  map[string]Tally // by kind, plus "hard" for the hard kinds together
	Top3    Tally            // intent lines whose expected intent is among the candidates

	// Fallback: the answerer gave no intent and raised no emergency.
	FallbackRight int // fell back on a line that wants fallback
	FallbackWrong int // fell back on a line that has an answer
	WantFallback  int // lines that want fallback

	EmergencyLines, EmergencyHits int // emergency lines, and those the router caught
	CalmLines, FalseAlarms        int // lines that are no emergency, and alarms raised on them
	InfoLines, InfoAlarms         int // emergency.* questions asked calmly, and alarms on them

	LangChecked, LangRight int // lines with a pack language to expect, and answered in it

	// Asking back ("did you mean …?", Understanding.AskBack).
	Asked         int   // lines on which the answerer asked back
	AskedOneTap   int   // of them, intent lines whose intent was among the offered candidates
	AskedFallback int   // of them, lines that want fallback (off-topic, gibberish)
	OneTap        Tally // intent lines answered right, or asked back with the intent one tap away
	SmallTalk     int   // lines answered as small talk
	// AnsweredWrong counts calm lines given a confident answer that is not
	// theirs (an off-topic line answered with an intent included): the
	// person is left with a wrong answer where the bot could have asked.
	AnsweredWrong int

	Elapsed time.Duration // total time answering
	Misses  []Miss
}

// Correct reports whether u answers c right: an emergency line needs the
// router to fire; a small-talk line the small-talk reply; a fallback line needs no intent and no alarm; any other
// line needs the expected intent as confident best candidate and no alarm
// (an alarm is accepted on emergency.* questions, whose answer it shows).
func Correct(c Case, u content.Understanding) bool {
	switch {
	case c.Emergency:
		return u.Emergency != ""
	case c.Kind == KindSmallTalk:
		return u.SmallTalk != "" && u.Best() == "" && u.Emergency == ""
	case c.Intent == "":
		return u.Best() == "" && u.Emergency == ""
	default:
		return u.Best() == c.Intent && (u.Emergency == "" || strings.HasPrefix(c.Intent, "emergency."))
	}
}

// Evaluate runs m over the cases and tallies the results. packLangs are the
// pack's languages, used to check the answer language: a line written in a
// pack language must be answered in it; other languages must be answered in
// the first language of their fallback chain the pack has (Dari → Persian);
// lines with no such language, and gibberish, are not checked.
func Evaluate(name, split string, m content.Matcher, cases []Case, packLangs []string) Report {
	r := Report{Name: name, Split: split, ByLang: map[string]Tally{}, ByKind: map[string]Tally{}}
	for _, c := range cases {
		start := time.Now()
		u := m.Understand(content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region})
		r.Elapsed += time.Since(start)
		r.record(c, u, packLangs)
	}
	return r
}

func (r *Report) record(c Case, u content.Understanding, packLangs []string) {
	ok := Correct(c, u)
	r.Overall.add(ok)
	tallyAdd(r.ByLang, c.Lang, ok)
	tallyAdd(r.ByKind, c.Kind, ok)
	if hardKinds[c.Kind] {
		tallyAdd(r.ByKind, "hard", ok)
	}
	if c.Intent != "" && !c.Emergency {
		i := slices.IndexFunc(u.Candidates, func(k content.Candidate) bool { return k.Intent == c.Intent })
		r.Top3.add(i >= 0 && i < 3)
		r.OneTap.add(ok || u.AskBack && i >= 0 && i < 3)
	}
	if u.AskBack && u.Emergency == "" {
		r.Asked++
		if c.wantsFallback() {
			r.AskedFallback++
		} else if slices.ContainsFunc(u.Candidates, func(k content.Candidate) bool { return k.Intent == c.Intent }) {
			r.AskedOneTap++
		}
	}
	if u.SmallTalk != "" {
		r.SmallTalk++
	}
	if !c.Emergency && u.Emergency == "" && u.Best() != "" && u.Best() != c.Intent {
		r.AnsweredWrong++
	}
	fellBack := u.Best() == "" && u.Emergency == ""
	if c.wantsFallback() {
		r.WantFallback++
	}
	if fellBack && c.wantsFallback() {
		r.FallbackRight++
	}
	if fellBack && !c.wantsFallback() {
		r.FallbackWrong++
	}
	if c.Emergency {
		r.EmergencyLines++
		if u.Emergency != "" {
			r.EmergencyHits++
		}
	} else {
		r.CalmLines++
		if u.Emergency != "" {
			r.FalseAlarms++
		}
		if strings.HasPrefix(c.Intent, "emergency.") {
			r.InfoLines++
			if u.Emergency != "" {
				r.InfoAlarms++
			}
		}
	}
	if want := answerLang(c, packLangs); want != "" && u.Lang != "" {
		r.LangChecked++
		if u.Lang == want {
			r.LangRight++
		}
	}
	if !ok {
		m := Miss{Case: c, Got: u.Best(), Emergency: u.Emergency, Lang: u.Lang}
		if len(u.Candidates) > 0 {
			m.Score = u.Candidates[0].Score
		}
		r.Misses = append(r.Misses, m)
	}
}

// answerLang is the language c should be answered in, or "" if unchecked.
func answerLang(c Case, packLangs []string) string {
	if c.Kind == KindGibberish {
		return ""
	}
	for _, l := range content.FallbackChain(c.Lang) {
		if slices.Contains(packLangs, l) {
			return l
		}
	}
	return ""
}

func tallyAdd(m map[string]Tally, key string, ok bool) {
	t := m[key]
	t.add(ok)
	m[key] = t
}

// FallbackPrecision is the share of fallbacks that were right to fall back.
func (r Report) FallbackPrecision() float64 {
	return ratio(r.FallbackRight, r.FallbackRight+r.FallbackWrong)
}

// FallbackRecall is the share of lines wanting fallback that got it.
func (r Report) FallbackRecall() float64 { return ratio(r.FallbackRight, r.WantFallback) }

// EmergencyRecall is the share of emergency lines the router caught.
func (r Report) EmergencyRecall() float64 { return ratio(r.EmergencyHits, r.EmergencyLines) }

// FalseAlarmRate is the share of calm lines on which an emergency was raised.
func (r Report) FalseAlarmRate() float64 { return ratio(r.FalseAlarms, r.CalmLines) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func pct(t Tally) string {
	if t.N == 0 {
		return "-"
	}
	return fmt.Sprintf("%5.1f%% (%d/%d)", 100*t.Accuracy(), t.Correct, t.N)
}

func pctOf(a, b int) string { return pct(Tally{N: b, Correct: a}) }

// Format returns the report as a table.
func (r Report) Format() string { return Compare(r) }

// Compare returns reports of several answerers on the same split side by
// side: overall, per kind, per language, fallback and emergency rows.
func Compare(reports ...Report) string {
	if len(reports) == 0 {
		return ""
	}
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	row := func(label string, cell func(Report) string) {
		fmt.Fprint(w, label)
		for _, r := range reports {
			fmt.Fprint(w, "\t", cell(r))
		}
		fmt.Fprintln(w)
	}
	row("split "+reports[0].Split, func(r Report) string { return r.Name })
	row("top-1 overall", func(r Report) string { return pct(r.Overall) })
	row("top-3 (intent lines)", func(r Report) string { return pct(r.Top3) })
	for _, k := range append(slices.Clone(Kinds), "hard") {
		row("  kind "+k, func(r Report) string { return pct(r.ByKind[k]) })
	}
	for _, l := range langsOf(reports) {
		row("  lang "+l, func(r Report) string { return pct(r.ByLang[l]) })
	}
	row("asked back (did you mean)", func(r Report) string { return pctOf(r.Asked, r.Overall.N) })
	row("  right intent one tap away", func(r Report) string { return pctOf(r.AskedOneTap, r.Asked) })
	row("  on off-topic/gibberish", func(r Report) string { return pctOf(r.AskedFallback, r.Asked) })
	row("right or one tap away", func(r Report) string { return pct(r.OneTap) })
	row("answered wrong, not asked", func(r Report) string { return pctOf(r.AnsweredWrong, r.CalmLines) })
	row("small talk", func(r Report) string { return pctOf(r.SmallTalk, r.Overall.N) })
	row("fallback precision", func(r Report) string { return pctOf(r.FallbackRight, r.FallbackRight+r.FallbackWrong) })
	row("fallback recall", func(r Report) string { return pctOf(r.FallbackRight, r.WantFallback) })
	row("emergency recall", func(r Report) string { return pctOf(r.EmergencyHits, r.EmergencyLines) })
	row("false alarms (calm lines)", func(r Report) string { return pctOf(r.FalseAlarms, r.CalmLines) })
	row("  of them emergency.* info", func(r Report) string { return pctOf(r.InfoAlarms, r.InfoLines) })
	row("answer language right", func(r Report) string { return pctOf(r.LangRight, r.LangChecked) })
	row("mean time per line", func(r Report) string {
		if r.Overall.N == 0 {
			return "-"
		}
		return (r.Elapsed / time.Duration(r.Overall.N)).Round(time.Microsecond).String()
	})
	w.Flush()
	return b.String()
}

// FormatMisses lists the wrongly answered lines, for tuning on dev.
func (r Report) FormatMisses() string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s misses on %s (%d)\n", r.Name, r.Split, len(r.Misses))
	fmt.Fprintln(w, "line\tlang\tkind\twant\tgot\tscore\talarm\tanswer-lang\ttext")
	for _, m := range r.Misses {
		want := m.Case.Intent
		if m.Case.Emergency {
			want = "EMERGENCY"
		} else if want == "" {
			want = "(fallback)"
		}
		got := m.Got
		if got == "" {
			got = "(fallback)"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n", m.Case.Line, m.Case.Lang, m.Case.Kind,
			want, got, m.Score, m.Emergency, m.Lang, m.Case.Text)
	}
	w.Flush()
	return b.String()
}

func langsOf(reports []Report) []string {
	seen := map[string]bool{}
	for _, r := range reports {
		for l := range r.ByLang {
			seen[l] = true
		}
	}
	out := make([]string, 0, len(seen))
	for l := range seen {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
