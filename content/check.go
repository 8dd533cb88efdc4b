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
// the source language's, services with opening hours but no time zone,
// services without hours, geo, languages or a source, and hours that look
// wrong (open 24 hours, or overnight). Topics come first in pack order, then intents by
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
		if s == nil {
			continue
		}
		if !s.Hours.Empty() && p.RegionSetting(s.Region, func(r *Region) bool { return r.Timezone != "" }) == nil {
			warn(ObjectName(s), "", "has opening hours but no timezone is set for its region or above it")
		}
		for _, msg := range serviceGaps(s) {
			out = append(out, Finding{File: s.File, Severity: "warning", Object: ObjectName(s), Msg: msg})
		}
	}
	return out
}

// serviceGaps lists what a service lacks that people rely on, and opening
// hours that look like typing mistakes.
func serviceGaps(s *Service) []string {
	var out []string
	if s.Hours.Empty() && !s.ByAppointment {
		out = append(out, "no opening hours (add hours, or by_appointment: true)")
	}
	if s.Geo == nil {
		out = append(out, "no geo: it is never listed for a shared location")
	}
	if len(s.Languages) == 0 {
		out = append(out, "no languages: nobody can find it by the language they speak")
	}
	if s.Source == "" && s.URL == "" {
		out = append(out, "no source: add the page its hours and languages come from (source or url)")
	}
	check := func(key string, ranges []TimeRange) {
		for _, r := range ranges {
			switch {
			case r.Open == 0 && r.Close == Day:
				out = append(out, "hours."+key+": open 24 hours ("+r.String()+"); check that this is right")
			case r.Overnight():
				out = append(out, "hours."+key+": "+r.String()+" closes before it opens, so it is read as open overnight until "+
					r.String()[6:]+" the next day; check that this is right")
			}
		}
	}
	for _, key := range WeekdayKeys {
		check(key, s.Hours[weekdayIndex(key)])
	}
	check(HolidayKey, s.HolidayHours)
	return out
}

// weekdayIndex is the time.Weekday of a key of WeekdayKeys.
func weekdayIndex(key string) time.Weekday {
	return time.Weekday((slices.Index(WeekdayKeys[:], key) + 1) % 7)
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
