package content

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// Finding is something in a pack that is allowed but should be looked at:
// a missing translation, a stale review, a machine translation.
type Finding struct {
	File     string // pack file concerned, when the finding is about one file; else ""
	Severity string // "warning"
	Object   string // e.g. "intent health.find_doctor (at)" or "topic health"
	Lang     string // language concerned; "" when none
	Msg      string
}

// String prints "warning: object: lang: msg", after "file: " when the
// finding names its file.
func (f Finding) String() string {
	s := f.Severity + ": " + f.Object
	if f.File != "" {
		s = f.File + ": " + s
	}
	if f.Lang != "" {
		s += ": " + f.Lang
	}
	return s + ": " + f.Msg
}

// reviewMaxAge is how long a review stays fresh.
const reviewMaxAge = 12 // months

// CheckPack returns the warnings about a valid pack, as of now: topic names
// and intent translations missing in a pack language, machine-made and
// outdated translations, intents without a source, reviews that are
// missing, older than 12 months or in the future, translations whose facts
// (phone numbers, numbers, amounts, dates, times, URLs, e-mails) differ from
// the source language's, and services with opening hours but no time zone. Topics come first in pack order, then intents by
// id and region (languages in pack order), then services in pack order.
func CheckPack(p *Pack, now time.Time) []Finding {
	var out []Finding
	warn := func(obj, lang, msg string) {
		out = append(out, Finding{Severity: "warning", Object: obj, Lang: lang, Msg: msg})
	}
	for _, t := range p.Topics {
		for _, l := range p.Languages {
			if t != nil && t.Name[l] == "" {
				warn(ObjectName(t), l, "no name in this language")
			}
		}
	}
	intents := slices.Clone(p.Intents)
	slices.SortStableFunc(intents, func(a, b *Intent) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Region, b.Region))
	})
	stale := now.AddDate(0, -reviewMaxAge, 0)
	for _, in := range intents {
		if in == nil {
			continue
		}
		obj := ObjectName(in)
		switch {
		case in.Reviewed.IsZero():
			warn(obj, "", "no reviewed date: nobody has confirmed these facts")
		case in.Reviewed.After(now):
			warn(obj, "", "reviewed date "+in.Reviewed.Format(time.DateOnly)+" is in the future")
		case in.Reviewed.Before(stale):
			warn(obj, "", "last reviewed "+in.Reviewed.Format(time.DateOnly)+", more than 12 months ago")
		}
		if in.Source == "" {
			warn(obj, "", "no source: add the official page the facts come from")
		}
		out = append(out, checkFacts(p, in)...)
		for _, l := range p.Languages {
			t := in.Translations[l]
			switch {
			case t == nil:
				warn(obj, l, "missing translation")
			case t.Status == StatusMachine:
				warn(obj, l, "machine translation, not yet checked by a person")
			case t.Status == StatusOutdated:
				warn(obj, l, "outdated: the "+p.SourceLanguage+" text changed since this translation")
			}
		}
	}
	for _, s := range p.Services {
		if s != nil && !s.Hours.Empty() && p.RegionSetting(s.Region, func(r *Region) bool { return r.Timezone != "" }) == nil {
			warn(ObjectName(s), "", "has opening hours but no timezone is set for its region or above it")
		}
	}
	return out
}

// checkFacts compares the facts of each translation's answer with those of
// the source-language answer: a translation that adds or drops a phone
// number, an amount or a date is the most dangerous kind of mistake.
func checkFacts(p *Pack, in *Intent) []Finding {
	src := in.Translations[p.SourceLanguage]
	if src == nil {
		return nil
	}
	want := ExtractFacts(src.Answer)
	var out []Finding
	for _, l := range p.Languages {
		t := in.Translations[l]
		if l == p.SourceLanguage || t == nil {
			continue
		}
		missing, extra := DiffFacts(want, ExtractFacts(t.Answer))
		if len(missing)+len(extra) == 0 {
			continue
		}
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "lacks "+factList(missing))
		}
		if len(extra) > 0 {
			parts = append(parts, "adds "+factList(extra))
		}
		out = append(out, Finding{File: in.File, Severity: "warning", Object: ObjectName(in), Lang: l,
			Msg: "facts differ from " + p.SourceLanguage + ": " + strings.Join(parts, "; ")})
	}
	return out
}

func factList(fs []Fact) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		s[i] = f.String()
	}
	return strings.Join(s, ", ")
}
