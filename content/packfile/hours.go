package packfile

import (
	"time"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// hourKeys are the keys of hours: the weekdays, then the public holidays.
var hourKeys = append(content.WeekdayKeys[:], content.HolidayKey)

// hours reads {mon: ["08:00-12:00"], ..., hol: [...]}. Formats are checked
// here; order and overlaps are checked with the other rules. hol gives the
// hours on public holidays (nil when not given: closed).
func (o *origin) hours(n *yaml.Node, field string) (h content.Hours, holiday []content.TimeRange) {
	o.mapping(n, field, hourKeys, func(day string, v *yaml.Node) {
		ranges := o.ranges(v, join(field, day))
		if day == content.HolidayKey {
			holiday = ranges
			return
		}
		h[weekdayOf(day)] = ranges
	})
	return h, holiday
}

// ranges reads a list of "HH:MM-HH:MM". It stops keeping ranges at the
// first one it cannot read (the rest are still read for their format):
// later rules name a range by its index, and the ones after a gap would be
// named, and placed, under the index of the one before them.
func (o *origin) ranges(n *yaml.Node, path string) []content.TimeRange {
	var out []content.TimeRange
	bad := false
	o.list(n, path, func(i int, r *yaml.Node) {
		tr, err := content.ParseTimeRange(o.str(r, item(path, i)))
		if err != nil {
			o.fail(r, item(path, i), "%v", err)
			bad = true
			return
		}
		if !bad {
			out = append(out, tr)
		}
	})
	return out
}

// exceptions reads a list of dated exceptions (a service's) or holidays (a
// region's): date, or from and to; hours (none: closed) or a name.
func (o *origin) exceptions(n *yaml.Node, field string, known []string) []content.Exception {
	var out []content.Exception
	o.list(n, field, func(i int, n *yaml.Node) {
		f := item(field, i)
		var e content.Exception
		has := map[string]bool{}
		o.mapping(n, f, known, func(key string, v *yaml.Node) {
			path := join(f, key)
			has[key] = true
			switch key {
			case "date":
				e.From = o.day(v, path)
				e.To = e.From
			case "from":
				e.From = o.day(v, path)
			case "to":
				e.To = o.day(v, path)
			case "hours":
				e.Hours = o.ranges(v, path) // none: closed
			case "note", "name":
				e.Note = o.text(v, path)
			}
		})
		if has["date"] && (has["from"] || has["to"]) {
			o.failAt(join(f, "date"), "write date for one day, or from and to for several, not both")
		}
		out = append(out, e)
	})
	return out
}

// day reads YYYY-MM-DD, or MM-DD for every year.
func (o *origin) day(n *yaml.Node, field string) content.Date {
	s := o.str(n, field)
	if s == "" {
		return content.Date{}
	}
	d, err := content.ParseDate(s)
	if err != nil {
		o.fail(n, field, "%v", err)
	}
	return d
}

func weekdayOf(key string) time.Weekday {
	for i, k := range content.WeekdayKeys {
		if k == key {
			return time.Weekday((i + 1) % 7)
		}
	}
	return -1
}
