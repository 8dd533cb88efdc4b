package match

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// devCase is a line of the evaluation set's development split.
type devCase struct {
	Text      string `json:"text"`
	Lang      string `json:"lang"`
	Hint      string `json:"hint"`
	Region    string `json:"region"`
	Kind      string `json:"kind"`
	Intent    string `json:"intent"`
	Emergency bool   `json:"emergency"`
}

// TestDevTune is a tuning aid, not a test: with COMPASS_DEVTUNE=1 it runs
// the matcher over the DEVELOPMENT split only (never the test split), fits
// the calibration by logistic regression and prints accuracy per kind and
// the misses. go test ./content/match -run DevTune -v
func TestDevTune(t *testing.T) {
	if os.Getenv("COMPASS_DEVTUNE") == "" {
		t.Skip("set COMPASS_DEVTUNE=1 to tune on eval/testdata/dev.jsonl")
	}
	f, err := os.Open("../../eval/testdata/dev.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var cases []devCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c devCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	if v := os.Getenv("COMPASS_PARAMS"); v != "" {
		fmt.Sscanf(v, "%f,%f,%f", &tuning.Cover, &tuning.QCover, &tuning.Field)
	}
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMatcher(p)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		c      devCase
		s1, s2 float64
		top    string
		top3   bool
		emerg  string
		lang   string
	}
	var rows []row
	for _, c := range cases {
		q := content.Query{Text: c.Text, Hint: c.Hint, Region: c.Region}
		switch os.Getenv("COMPASS_CHOSEN") {
		case "own": // the person chose the language they write in
			q.Chosen = m.packLang(c.Lang)
		case "":
		default: // the person chose another language than they write in
			q.Chosen = os.Getenv("COMPASS_CHOSEN")
		}
		ws := analyseText(c.Text)
		res := m.resolve(q, c.Text, ws)
		cands, src := m.rank(ws, res, c.Region)
		r := row{c: c, emerg: m.emergency.route(ws.fold), lang: m.Understand(q).Lang}
		if len(cands) > 0 {
			r.s1, r.top = cands[0].Score, cands[0].Intent
		}
		r.s2 = src.second
		for _, x := range cands {
			r.top3 = r.top3 || x.Intent == c.Intent
		}
		rows = append(rows, r)
	}
	// Fit σ(A·s1 + B·(s1−s2) + C) to "the top candidate is right".
	var xs [][2]float64
	var ys []float64
	for _, r := range rows {
		if r.c.Emergency {
			continue
		}
		y := 0.0
		if r.c.Intent != "" && r.top == r.c.Intent {
			y = 1
		}
		xs = append(xs, [2]float64{r.s1, r.s1 - r.s2})
		ys = append(ys, y)
	}
	a, b, c := fitLogistic(xs, ys)
	t.Logf("fitted calibration: A=%.2f B=%.2f C=%.2f", a, b, c)
	bestT, bestRight := 0.0, -1
	for th := 0.2; th <= 0.8; th += 0.025 {
		right := 0
		for i, x := range xs {
			conf := 1/(1+math.Exp(-(a*x[0]+b*x[1]+c))) >= th
			if conf == (ys[i] == 1) || !conf && ys[i] == 0 && false {
				right++
			}
		}
		if right >= bestRight { // among ties the highest: a wrong answer costs more than a "not sure"
			bestT, bestRight = th, right
		}
	}
	t.Logf("best threshold %.3f: %d/%d non-emergency lines right", bestT, bestRight, len(xs))
	tuned := params{Cover: tuning.Cover, QCover: tuning.QCover, Field: tuning.Field, A: a, B: b, C: c, Threshold: bestT}
	perKind := map[string][2]int{}
	perLang := map[string][2]int{}
	top3 := [2]int{}
	langRight := [2]int{}
	var misses []string
	for _, r := range rows {
		conf := 1/(1+math.Exp(-(tuned.A*r.s1+tuned.B*(r.s1-r.s2)+tuned.C))) >= tuned.Threshold
		var ok bool
		got := r.top
		switch {
		case r.c.Emergency:
			ok = r.emerg != ""
		case r.c.Intent == "":
			ok = !conf && r.emerg == ""
		default:
			ok = conf && r.top == r.c.Intent && r.emerg == ""
			top3[1]++
			if r.top3 {
				top3[0]++
			}
		}
		if !conf {
			got = "(fallback:" + r.top + ")"
		}
		k := perKind[r.c.Kind]
		l := perLang[r.c.Lang]
		k[1]++
		l[1]++
		if ok {
			k[0]++
			l[0]++
		} else {
			misses = append(misses, fmt.Sprintf("%-10s %-3s want %-30s got %-40s s1=%.2f s2=%.2f em=%q lang=%s  %s", r.c.Kind, r.c.Lang, r.c.Intent, got, r.s1, r.s2, r.emerg, r.lang, r.c.Text))
		}
		perKind[r.c.Kind] = k
		perLang[r.c.Lang] = l
		if r.c.Lang != "" {
			langRight[1]++
			if r.lang == m.packLang(r.c.Lang) {
				langRight[0]++
			}
		}
	}
	total := 0
	for _, k := range perKind {
		total += k[0]
	}
	t.Logf("dev top-1 %d/%d = %.1f%%; top-3 %d/%d; lang %d/%d", total, len(rows), 100*float64(total)/float64(len(rows)), top3[0], top3[1], langRight[0], langRight[1])
	var keys []string
	for k := range perKind {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("  kind %-11s %d/%d", k, perKind[k][0], perKind[k][1])
	}
	keys = keys[:0]
	for k := range perLang {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("  lang %-4s %d/%d", k, perLang[k][0], perLang[k][1])
	}
	if os.Getenv("COMPASS_DEVTUNE") == "misses" {
		for _, s := range misses {
			t.Log(s)
		}
	}
}

// fitLogistic fits y ≈ σ(a·x0 + b·x1 + c) by gradient descent with a
// little L2 regularisation.
func fitLogistic(xs [][2]float64, ys []float64) (a, b, c float64) {
	const rate, l2 = 0.5, 0.001
	for it := 0; it < 20000; it++ {
		var ga, gb, gc float64
		for i, x := range xs {
			p := 1 / (1 + math.Exp(-(a*x[0] + b*x[1] + c)))
			d := p - ys[i]
			ga += d * x[0]
			gb += d * x[1]
			gc += d
		}
		n := float64(len(xs))
		a -= rate * (ga/n + l2*a)
		b -= rate * (gb/n + l2*b)
		c -= rate * gc / n
	}
	return a, b, c
}
