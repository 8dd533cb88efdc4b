package content

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Service is a local place that helps: an office, a clinic, a counselling
// centre, a language school.
type Service struct {
	ID            string
	Region        string
	Topics        []string
	Kinds         []string // what kind of place it is: "doctor", "pharmacy", ... (see docs/content-pack.md)
	Name          Text
	Address       string
	Geo           *Geo // nil when unknown
	Phone         string
	URL           string
	Source        string   // where its hours and languages were checked (URL); "" if not stated
	Languages     []string // languages spoken at the service
	ByAppointment bool
	Hours         Hours       // weekly opening hours, local time of the region
	HolidayHours  []TimeRange // hours on public holidays; nil: closed on public holidays
	Exceptions    []Exception // dated days with other hours (or closed), e.g. a summer break
	File          string      // pack file it was read from, relative to the pack root; "" if none
}

// Geo is a point on Earth in degrees.
type Geo struct {
	Lat, Lon float64
}

// Hours are weekly opening hours, indexed by time.Weekday (Sunday = 0).
type Hours [7][]TimeRange

// TimeRange is an opening period that starts on one day, in minutes after
// that day's midnight. Close is after Open and at most 24 hours later: up
// to 24*60 it closes the same day, beyond it closes after midnight (a
// night service open 22:00-06:00 is {1320, 1800}).
type TimeRange struct {
	Open, Close int
}

// Day is a day's length in minutes.
const Day = 24 * 60

// Overnight reports whether the range closes after midnight.
func (r TimeRange) Overnight() bool { return r.Close > Day }

// String writes the range as HH:MM-HH:MM; a range closing after midnight
// shows the next day's time ("22:00-06:00").
func (r TimeRange) String() string {
	c := r.Close
	if c > Day {
		c -= Day
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", r.Open/60, r.Open%60, c/60, c%60)
}

// Empty reports whether no opening hours are known.
func (h Hours) Empty() bool {
	for _, day := range h {
		if len(day) > 0 {
			return false
		}
	}
	return true
}

// OpenAt reports whether the weekly hours include the wall-clock time of t
// (t should already be in the service's time zone), ranges of the day
// before that run past midnight included. It knows nothing of holidays
// and exceptions: see Opening for the real answer on a date.
func (h Hours) OpenAt(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	return openIn(h[t.Weekday()], m) || openIn(h[(t.Weekday()+6)%7], m+Day)
}

// openIn reports whether minute m (after the day's midnight) falls in one
// of ranges.
func openIn(ranges []TimeRange, m int) bool {
	for _, r := range ranges {
		if m >= r.Open && m < r.Close {
			return true
		}
	}
	return false
}

// WeekdayKeys name the days of opening hours in packs and error messages,
// Monday first.
var WeekdayKeys = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// HolidayKey names the hours kept on public holidays in packs ("hol").
const HolidayKey = "hol"

// WeekdayKey is the key of day d in WeekdayKeys.
func WeekdayKey(d time.Weekday) string { return WeekdayKeys[(int(d)+6)%7] }

// timeRangePattern is HH:MM-HH:MM; a one-digit hour, spaces around the
// dash and an en dash (as copied from web pages) are accepted too.
var timeRangePattern = regexp.MustCompile(`^(\d{1,2}):(\d\d) *[-–] *(\d{1,2}):(\d\d)$`)

// ParseTimeRange parses "HH:MM-HH:MM". 24:00 may only close; a closing
// time before the opening time closes the next day ("22:00-06:00").
func ParseTimeRange(s string) (TimeRange, error) {
	m := timeRangePattern.FindStringSubmatch(s)
	if m == nil {
		return TimeRange{}, fmt.Errorf("opening hours must be written HH:MM-HH:MM, not %q", s)
	}
	open, ok1 := clock(m[1], m[2])
	close, ok2 := clock(m[3], m[4])
	switch {
	case !ok1 || !ok2 || open == Day:
		return TimeRange{}, fmt.Errorf("%q is not a time of day: use 00:00 to 23:59, and 24:00 only to close", s)
	case close == open:
		return TimeRange{}, fmt.Errorf("%q closes when it opens (write 00:00-24:00 for a whole day)", s)
	case close < open:
		close += Day // open overnight
	}
	return TimeRange{Open: open, Close: close}, nil
}

// clock converts digits matched by timeRangePattern to minutes.
func clock(hh, mm string) (int, bool) {
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	return h*60 + m, m < 60 && (h < 24 || h == 24 && m == 0)
}
