package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/holidays"
)

func init() {
	register(command{
		name:    "check",
		summary: "validate content (bundled pack, --pack DIR or --database-url): errors exit 1, warnings are listed",
		run:     runCheck,
	})
}

func runCheck(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: compass check [--pack DIR | --database-url URL] [--region ID]")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	cs, err := src.open(ctx)
	if err != nil {
		var perrs content.PackErrors
		var perr content.PackError
		switch {
		case errors.As(err, &perrs):
			for _, e := range perrs {
				fmt.Fprintln(env.Stdout, e.Error())
			}
			fmt.Fprintf(env.Stdout, "%d error(s)\n", len(perrs))
		case errors.As(err, &perr):
			fmt.Fprintln(env.Stdout, perr.Error())
			fmt.Fprintln(env.Stdout, "1 error(s)")
		default:
			fmt.Fprintf(env.Stderr, "compass check: %v\n", err)
			return exitStatus(err)
		}
		return 1
	}
	defer cs.Close()
	p := cs.Pack
	findings := append(content.CheckPack(p, time.Now()), calendarFindings(p)...)
	findings = append(findings, kindFindings(p)...)
	for _, f := range findings {
		fmt.Fprintln(env.Stdout, f.String())
	}
	if len(findings) > 0 {
		fmt.Fprintln(env.Stdout)
		printFindingSummary(env.Stdout, p.Languages, findings)
		fmt.Fprintln(env.Stdout)
	}
	fmt.Fprintf(env.Stdout, "%s: %s: no errors, %d warning(s)\n", cs.Origin, packSummary(p), len(findings))
	return 0
}

// findingKinds are the columns of the per-language summary, each with the
// words that identify it in a finding's message.
var findingKinds = []struct{ name, marker string }{
	{"missing", "missing translation"},
	{"machine", "machine translation"},
	{"outdated", "outdated"},
	{"topic names missing", "no name"},
	{"facts differ", "facts differ"},
}

// printFindingSummary counts the warnings per language and kind, then the
// warnings that concern no one language (reviews, sources).
func printFindingSummary(w io.Writer, langs []string, findings []content.Finding) {
	counts := map[string]map[string]int{}
	general := map[string]int{}
	for _, f := range findings {
		if f.Lang == "" {
			general[generalKind(f)]++
			continue
		}
		kind := "other"
		for _, k := range findingKinds {
			if strings.Contains(f.Msg, k.marker) {
				kind = k.name
				break
			}
		}
		if counts[f.Lang] == nil {
			counts[f.Lang] = map[string]int{}
		}
		counts[f.Lang][kind]++
	}
	fmt.Fprintln(w, "Warnings per language:")
	for _, l := range langs {
		var parts []string
		for _, k := range findingKinds {
			if n := counts[l][k.name]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, k.name))
			}
		}
		if n := counts[l]["other"]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d other", n))
		}
		if len(parts) == 0 {
			parts = []string{"complete"}
		}
		fmt.Fprintf(w, "  %-8s %s\n", l, strings.Join(parts, ", "))
	}
	if len(general) > 0 {
		fmt.Fprintln(w, "Warnings about facts and sources:")
		for _, k := range slices.Sorted(maps.Keys(general)) {
			fmt.Fprintf(w, "  %d %s\n", general[k], k)
		}
	}
}

func generalKind(f content.Finding) string {
	msg := f.Msg
	if strings.HasPrefix(f.Object, "service ") {
		return serviceKind(msg)
	}
	switch {
	case strings.Contains(msg, "more than 12 months"):
		return "reviews older than 12 months"
	case strings.Contains(msg, "no reviewed date"):
		return "intents never reviewed"
	case strings.Contains(msg, "in the future"):
		return "reviewed dates in the future"
	case strings.Contains(msg, "no source"):
		return "intents without a source"
	}
	return "other"
}

func serviceKind(msg string) string {
	switch {
	case strings.Contains(msg, "no source"):
		return "services without a source"
	case strings.Contains(msg, "no opening hours"):
		return "services without opening hours"
	case strings.Contains(msg, "no geo"):
		return "services without geo"
	case strings.Contains(msg, "no languages"):
		return "services without languages"
	case strings.HasPrefix(msg, "hours."):
		return "opening hours to check"
	case strings.HasPrefix(msg, "kinds:"):
		return "service kinds nobody can ask for"
	}
	return "other"
}

// calendarFindings warns about regions whose public-holiday calendar
// compass does not know: "open now" would ignore public holidays there.
func calendarFindings(p *content.Pack) []content.Finding {
	var out []content.Finding
	for _, r := range p.Regions {
		id := p.HolidayCalendarOf(r.ID)
		if _, ok := holidays.Lookup(id); id == "" || ok || (r.HolidayCalendar == "" && r.Parent != "") {
			continue // unset, known, or inherited (reported on the region that sets it)
		}
		msg := fmt.Sprintf("no public-holiday calendar %q (known: %s): \"open now\" ignores public holidays here; set holiday_calendar, or add the days to holidays",
			id, strings.Join(holidays.Known(), ", "))
		out = append(out, content.Finding{Severity: "warning", Object: content.ObjectName(r), Msg: msg})
	}
	return out
}

// kindFindings warns about service kinds nobody can ask for in words (a
// typo, or a kind without words in bot/servicewords).
func kindFindings(p *content.Pack) []content.Finding {
	known := bot.KnownServiceKinds()
	var out []content.Finding
	for _, s := range p.Services {
		for _, k := range s.Kinds {
			if !slices.Contains(known, k) {
				out = append(out, content.Finding{File: s.File, Severity: "warning", Object: content.ObjectName(s),
					Msg: fmt.Sprintf("kinds: nobody can ask for %q in words (known kinds: %s)", k, strings.Join(known, ", "))})
			}
		}
	}
	return out
}
