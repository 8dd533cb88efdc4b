package store

import (
	"maps"
	"slices"

	"github.com/compassbot/compass/content"
)

// diff reports what changes when the database's content old becomes p.
// Empty and missing lists, maps and texts count as equal; order counts.
func diff(old, p *content.Pack) ImportReport {
	var r ImportReport
	if old.ID == "" {
		r.Pack.Added = []string{p.ID}
	} else if old.ID != p.ID || old.Name != p.Name || old.SourceLanguage != p.SourceLanguage {
		r.Pack.Changed = []string{p.ID}
	}
	r.Languages = diffKeys(old.Languages, p.Languages, func(s string) string { return s }, func(a, b string) bool { return true })
	r.Regions = diffKeys(old.Regions, p.Regions, func(x *content.Region) string { return x.ID }, equalRegion)
	r.Topics = diffKeys(old.Topics, p.Topics, func(x *content.Topic) string { return x.ID }, equalTopic)
	r.Services = diffKeys(old.Services, p.Services, func(x *content.Service) string { return x.ID }, equalService)
	r.Intents = diffKeys(old.Intents, p.Intents, variantName, equalIntent)
	r.Translations = diffKeys(translationsOf(old), translationsOf(p), func(t namedTranslation) string { return t.name },
		func(a, b namedTranslation) bool { return equalTranslation(a.t, b.t) })
	return r
}

// diffKeys compares two lists of objects by key.
func diffKeys[T any](old, cur []T, key func(T) string, equal func(a, b T) bool) Changes {
	var c Changes
	before := make(map[string]T, len(old))
	for _, o := range old {
		before[key(o)] = o
	}
	seen := make(map[string]bool, len(cur))
	for _, n := range cur {
		k := key(n)
		seen[k] = true
		if o, ok := before[k]; !ok {
			c.Added = append(c.Added, k)
		} else if !equal(o, n) {
			c.Changed = append(c.Changed, k)
		}
	}
	for _, o := range old {
		if k := key(o); !seen[k] {
			c.Removed = append(c.Removed, k)
		}
	}
	return c
}

func variantName(in *content.Intent) string { return in.ID + " (" + in.Region + ")" }

type namedTranslation struct {
	name string
	t    *content.Translation
}

// translationsOf lists every translation of the pack, named
// "intent (region) lang", in a stable order.
func translationsOf(p *content.Pack) []namedTranslation {
	var out []namedTranslation
	for _, in := range p.Intents {
		for _, lang := range slices.Sorted(maps.Keys(in.Translations)) {
			out = append(out, namedTranslation{variantName(in) + " " + lang, in.Translations[lang]})
		}
	}
	return out
}

func equalText(a, b content.Text) bool { return maps.Equal(a, b) }

func equalRegion(a, b *content.Region) bool {
	return a.ID == b.ID && a.Parent == b.Parent && equalText(a.Name, b.Name) &&
		a.LocalLanguage == b.LocalLanguage && a.Timezone == b.Timezone && a.HolidayCalendar == b.HolidayCalendar &&
		equalText(a.VolunteerHours, b.VolunteerHours) &&
		slices.EqualFunc(a.Holidays, b.Holidays, equalException) &&
		slices.EqualFunc(a.Districts, b.Districts, func(x, y content.District) bool {
			return equalText(x.Name, y.Name) && slices.Equal(x.Aliases, y.Aliases) && x.Geo == y.Geo
		}) &&
		maps.Equal(a.Emergency, b.Emergency) &&
		slices.EqualFunc(a.Helplines, b.Helplines, func(x, y content.Helpline) bool {
			return x.Kind == y.Kind && equalText(x.Name, y.Name) && x.Phone == y.Phone && x.Hours == y.Hours
		})
}

func equalTopic(a, b *content.Topic) bool { return a.ID == b.ID && equalText(a.Name, b.Name) }

func equalService(a, b *content.Service) bool {
	if (a.Geo == nil) != (b.Geo == nil) || (a.Geo != nil && *a.Geo != *b.Geo) {
		return false
	}
	for d := range a.Hours {
		if !slices.Equal(a.Hours[d], b.Hours[d]) {
			return false
		}
	}
	return a.ID == b.ID && a.Region == b.Region && slices.Equal(a.Topics, b.Topics) &&
		equalText(a.Name, b.Name) && a.Address == b.Address && a.Phone == b.Phone && a.URL == b.URL &&
		slices.Equal(a.Languages, b.Languages) && a.ByAppointment == b.ByAppointment && a.File == b.File &&
		slices.Equal(a.Kinds, b.Kinds) && a.Source == b.Source && slices.Equal(a.HolidayHours, b.HolidayHours) &&
		slices.EqualFunc(a.Exceptions, b.Exceptions, equalException)
}

func equalException(a, b content.Exception) bool {
	return a.From == b.From && a.To == b.To && slices.Equal(a.Hours, b.Hours) && equalText(a.Note, b.Note)
}

// equalIntent compares an intent variant without its translations.
func equalIntent(a, b *content.Intent) bool {
	return a.ID == b.ID && a.Region == b.Region && a.Topic == b.Topic && a.Source == b.Source &&
		sameDay(a, b) && slices.Equal(a.Services, b.Services) && a.File == b.File
}

func sameDay(a, b *content.Intent) bool {
	if a.Reviewed.IsZero() || b.Reviewed.IsZero() {
		return a.Reviewed.IsZero() == b.Reviewed.IsZero()
	}
	return a.Reviewed.Format("2006-01-02") == b.Reviewed.Format("2006-01-02")
}

func equalTranslation(a, b *content.Translation) bool {
	return sameText(a, b) && slices.Equal(a.Examples, b.Examples) &&
		slices.Equal(a.Keywords, b.Keywords) && a.Status == b.Status
}

// sameText reports whether title and answer, the text lineage follows,
// are equal.
func sameText(a, b *content.Translation) bool { return a.Title == b.Title && a.Answer == b.Answer }
