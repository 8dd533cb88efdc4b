package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/store"
)

func init() {
	register(command{
		name:    "gaps",
		summary: "what people asked that got no confident answer, grouped, with the closest intent (for editors)",
		run:     runGaps,
	})
}

const gapsUsage = `gaps [--since 7d] [--lang L] [--region R] [--format table|csv|json]

Lists the questions the bot had no confident answer to ("not sure" and "did
you mean …?"), kept without anyone's identity in DATABASE_URL by compass
serve, grouped by similar words (the matcher's own normalisation), most
asked first: how often, in which languages and regions, and the intent the
bot found closest. docs/editors.md shows what to do with them.`

func runGaps(ctx context.Context, env *Env, args []string) int {
	fs := newCommandFlags("gaps", gapsUsage, env.Stderr)
	url := databaseURLFlag(fs, env)
	since := fs.String("since", "7d", "how far back: 7d, 48h, …")
	lang := fs.String("lang", "", "only questions in this language (a tag such as ar)")
	region := fs.String("region", "", "only questions asked for this region (an id such as at-graz)")
	format := fs.String("format", "table", "table, csv or json")
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	back, err := parseDays(*since)
	if err != nil || back <= 0 {
		fmt.Fprintf(env.Stderr, "compass gaps: --since %q: want a duration such as 7d or 48h\n", *since)
		return 2
	}
	write, ok := gapWriters[*format]
	if !ok {
		fmt.Fprintf(env.Stderr, "compass gaps: --format %q: want table, csv or json\n", *format)
		return 2
	}
	if *url == "" {
		fmt.Fprintln(env.Stderr, "compass gaps: no database: set DATABASE_URL (compass serve keeps unanswered questions there)")
		return 2
	}
	db, err := openMigratedStore(ctx, *url, newLogger(env, env.Stderr, slog.LevelWarn))
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass gaps: %v\n", err)
		return 1
	}
	defer db.Close()
	from := time.Now().Add(-back)
	gaps, err := db.Gaps(ctx, store.GapFilter{Since: from, Lang: strings.TrimSpace(*lang), Region: strings.TrimSpace(*region)})
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass gaps: %v\n", err)
		return 1
	}
	if err := write(env.Stdout, groupGaps(gaps), gapsScope{from: from, n: len(gaps)}); err != nil {
		fmt.Fprintf(env.Stderr, "compass gaps: %v\n", err)
		return 1
	}
	return 0
}

// gapGroup is similar unanswered questions.
type gapGroup struct {
	Count     int            `json:"count"`
	Example   string         `json:"example"`   // the most asked wording
	Questions []string       `json:"questions"` // up to maxWordings distinct wordings, most asked first
	Langs     map[string]int `json:"langs"`
	Regions   map[string]int `json:"regions"`
	Closest   string         `json:"closest_intent,omitempty"` // the intent most often closest
	ClosestN  int            `json:"closest_count,omitempty"`  // how many of Count had it closest
	BestScore float64        `json:"best_score"`               // the highest score the closest candidate reached

	words    map[string]bool
	wordings map[string]int
	closest  map[string]int
}

// maxWordings bounds the wordings a group lists.
const maxWordings = 5

// similarEnough is the share of common words (Jaccard) that puts a
// question into a group.
const similarEnough = 0.5

// questionWords is a question's words as the matcher reads them:
// normalised, tokenised and folded.
func questionWords(text string) map[string]bool {
	words := map[string]bool{}
	for _, w := range match.Tokenize(match.Normalize(text)) {
		words[match.Fold(w)] = true
	}
	return words
}

func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// groupGaps puts each question into the group whose words it shares most
// (at least similarEnough), else into a new one; groups come most asked
// first.
func groupGaps(gaps []content.Gap) []*gapGroup {
	var groups []*gapGroup
	for _, g := range gaps {
		words := questionWords(g.Text)
		var best *gapGroup
		bestOverlap := similarEnough
		for _, gr := range groups {
			if o := overlap(words, gr.words); o >= bestOverlap {
				best, bestOverlap = gr, o
			}
		}
		if best == nil {
			best = &gapGroup{Langs: map[string]int{}, Regions: map[string]int{}, words: words, wordings: map[string]int{}, closest: map[string]int{}}
			groups = append(groups, best)
		}
		best.Count++
		best.Langs[orNone(g.Lang)]++
		best.Regions[orNone(g.Region)]++
		best.wordings[strings.TrimSpace(g.Text)]++
		if len(g.NearMiss) > 0 {
			best.closest[g.NearMiss[0]]++
			best.BestScore = max(best.BestScore, g.Score)
		}
	}
	for _, gr := range groups {
		gr.Questions = mostFirst(gr.wordings, maxWordings)
		gr.Example = gr.Questions[0]
		if top := mostFirst(gr.closest, 1); len(top) > 0 {
			gr.Closest, gr.ClosestN = top[0], gr.closest[top[0]]
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Count > groups[j].Count })
	return groups
}

func orNone(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// mostFirst returns up to n keys of counts, the largest count first (ties
// alphabetically).
func mostFirst(counts map[string]int, n int) []string {
	keys := slices.Sorted(maps.Keys(counts))
	sort.SliceStable(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	return keys[:min(n, len(keys))]
}

// countList is "ar 5, en 2".
func countList(counts map[string]int) string {
	var parts []string
	for _, k := range mostFirst(counts, len(counts)) {
		parts = append(parts, k+" "+strconv.Itoa(counts[k]))
	}
	return strings.Join(parts, ", ")
}

// gapsScope is what the listing covers.
type gapsScope struct {
	from time.Time
	n    int
}

var gapWriters = map[string]func(io.Writer, []*gapGroup, gapsScope) error{
	"table": writeGapsTable,
	"csv":   writeGapsCSV,
	"json": func(w io.Writer, groups []*gapGroup, _ gapsScope) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if groups == nil {
			groups = []*gapGroup{}
		}
		return enc.Encode(groups)
	},
}

func writeGapsTable(w io.Writer, groups []*gapGroup, s gapsScope) error {
	fmt.Fprintf(w, "%d unanswered question(s) since %s in %d group(s)\n", s.n, s.from.Format("2006-01-02 15:04"), len(groups))
	if len(groups) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ASKED\tLANGUAGES\tREGIONS\tCLOSEST INTENT\tQUESTION")
	for _, g := range groups {
		closest := "-"
		if g.Closest != "" {
			closest = fmt.Sprintf("%s (%d/%d, %.2f)", g.Closest, g.ClosestN, g.Count, g.BestScore)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", g.Count, countList(g.Langs), countList(g.Regions), closest, oneLine(g.Example, 70))
		for _, q := range g.Questions[1:] {
			fmt.Fprintf(tw, "\t\t\t\t%s\n", oneLine(q, 70))
		}
	}
	return tw.Flush()
}

func writeGapsCSV(w io.Writer, groups []*gapGroup, _ gapsScope) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"asked", "languages", "regions", "closest_intent", "closest_count", "best_score", "question", "other_wordings"})
	for _, g := range groups {
		_ = cw.Write([]string{strconv.Itoa(g.Count), countList(g.Langs), countList(g.Regions), g.Closest, strconv.Itoa(g.ClosestN),
			strconv.FormatFloat(g.BestScore, 'f', 2, 64), asText(g.Example), asText(strings.Join(g.Questions[1:], " | "))})
	}
	cw.Flush()
	return cw.Error()
}

// asText keeps a question a spreadsheet shows as text: one that starts
// like a formula (= + - @, or a tab or carriage return before one) gets a
// leading apostrophe, so that what anyone wrote to the bot never runs,
// fetches or links in an editor's spreadsheet (CSV injection).
func asText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// oneLine is s on one line, cut to n runes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
