package content

import (
	"fmt"
	"time"
)

// Date is a calendar day without a time zone. Year 0 means the same day
// every year ("12-24").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Month == 0 }

// Yearly reports whether d recurs every year.
func (d Date) Yearly() bool { return d.Year == 0 && !d.IsZero() }

// String writes YYYY-MM-DD, or MM-DD for a yearly date.
func (d Date) String() string {
	if d.Yearly() {
		return fmt.Sprintf("%02d-%02d", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// ParseDate reads YYYY-MM-DD, or MM-DD for a day that recurs every year.
func ParseDate(s string) (Date, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return DateOf(t), nil
	}
	// 2000 is a leap year: 02-29 is a valid yearly date.
	if t, err := time.Parse("2006-01-02", "2000-"+s); err == nil && len(s) == 5 {
		return Date{0, t.Month(), t.Day()}, nil
	}
	return Date{}, fmt.Errorf("must be a date written YYYY-MM-DD (or MM-DD for every year), not %q", s)
}

// AddDays returns the day n days after d (d must not be yearly).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday is the day of the week of d (d must not be yearly).
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// key orders days within a year: month*100+day.
func (d Date) key() int { return int(d.Month)*100 + d.Day }

// Exception is a day or a span of days with other opening hours than the
// weekly ones: a service's summer break, Christmas Eve until noon; for a
// region, a local holiday on which its services keep their holiday hours.
type Exception struct {
	From, To Date        // inclusive; To equals From for a single day. Both yearly or neither.
	Hours    []TimeRange // the hours on these days; nil: closed (regions: always nil)
	Note     Text        // optional reason, e.g. {en: Summer break}
}

// Covers reports whether the exception applies on the (dated) day d. A
// yearly span may wrap the new year ("12-24" to "01-06").
func (e Exception) Covers(d Date) bool {
	if !e.From.Yearly() {
		return !before(d, e.From) && !before(e.To, d)
	}
	k, from, to := d.key(), e.From.key(), e.To.key()
	if from <= to {
		return k >= from && k <= to
	}
	return k >= from || k <= to
}

// before reports whether day a comes before day b (both dated).
func before(a, b Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	return a.key() < b.key()
}

// District is a named part of a region (a district, a neighbourhood): a
// question that names it looks for services near its point.
type District struct {
	Name    Text
	Aliases []string // other names people use: a postcode, "2. Bezirk"
	Geo     Geo
}
