package content

import (
	"strings"
	"time"
)

// Calendar tells a country's (or state's) public holidays.
type Calendar interface {
	// Holiday reports whether d (a dated day) is a public holiday, with
	// the holiday's name in the country's language.
	Holiday(d Date) (name string, ok bool)
}

// Calendars finds a public-holiday calendar by id ("at", "de-by"); ok is
// false for an id it does not know. content/holidays provides one.
type Calendars func(id string) (c Calendar, ok bool)

// NoHolidayCalendar is the HolidayCalendar value that switches public
// holidays off for a region and its children.
const NoHolidayCalendar = "none"

// HolidayCalendarOf returns the id of the public-holiday calendar that
// applies in region: the nearest region on the path to the root that sets
// one, else the root region's id when it looks like a country code (two
// letters), else "". "none" gives "".
func (p *Pack) HolidayCalendarOf(region string) string {
	path := p.RegionPath(region)
	for _, id := range path {
		if r := p.Region(id); r != nil && r.HolidayCalendar != "" {
			if r.HolidayCalendar == NoHolidayCalendar {
				return ""
			}
			return r.HolidayCalendar
		}
	}
	if root := path[len(path)-1]; len(root) == 2 && strings.Trim(root, "abcdefghijklmnopqrstuvwxyz") == "" {
		return root
	}
	return ""
}

// Opening answers "is it open?" for the services of one region on real
// dates: in the region's time zone, with its public holidays and its local
// holidays (those of its ancestors included).
type Opening struct {
	Loc      *time.Location // the region's time zone; nil: UTC
	Calendar Calendar       // public holidays; nil: none known
	Holidays []Exception    // local holidays of the region and its ancestors
}

// OpeningIn returns the Opening of region: its inherited time zone, the
// calendar HolidayCalendarOf names (looked up in calendars, which may be
// nil) and the local holidays along its path.
func (p *Pack) OpeningIn(region string, calendars Calendars) Opening {
	o := Opening{Loc: time.UTC}
	if r := p.RegionSetting(region, func(r *Region) bool { return r.Timezone != "" }); r != nil {
		if loc, err := time.LoadLocation(r.Timezone); err == nil {
			o.Loc = loc
		}
	}
	if id := p.HolidayCalendarOf(region); id != "" && calendars != nil {
		if c, ok := calendars(id); ok {
			o.Calendar = c
		}
	}
	for _, id := range p.RegionPath(region) {
		if r := p.Region(id); r != nil {
			o.Holidays = append(o.Holidays, r.Holidays...)
		}
	}
	return o
}

// IsHoliday reports whether d is a public holiday or a local one.
func (o Opening) IsHoliday(d Date) bool {
	for _, h := range o.Holidays {
		if h.Covers(d) {
			return true
		}
	}
	if o.Calendar != nil {
		_, ok := o.Calendar.Holiday(d)
		return ok
	}
	return false
}

// rangesOn returns the hours of s on day d: those of an exception that
// covers d, else its holiday hours on a holiday, else its weekly hours.
// wd is d's day of the week.
func rangesOn(s *Service, d Date, wd time.Weekday, holiday bool) ([]TimeRange, *Exception) {
	for i := range s.Exceptions {
		if s.Exceptions[i].Covers(d) {
			return s.Exceptions[i].Hours, &s.Exceptions[i]
		}
	}
	if holiday {
		return s.HolidayHours, nil
	}
	return s.Hours[wd], nil
}

// RangesOn returns the hours of s on the dated day d, exceptions and
// holidays considered.
func (o Opening) RangesOn(s *Service, d Date) []TimeRange {
	r, _ := rangesOn(s, d, d.Weekday(), o.IsHoliday(d))
	return r
}

// Moment is an Opening at one instant, with the facts about today and
// yesterday worked out once, so that many services can be asked cheaply.
type Moment struct {
	o                  Opening
	Now                time.Time // in the region's time zone
	Today              Date
	minute             int // wall-clock minutes after today's midnight
	yesterday          Date
	weekday            time.Weekday // today's
	holiday, holidayYd bool
}

// At returns the Opening at instant now.
func (o Opening) At(now time.Time) Moment {
	if o.Loc == nil {
		o.Loc = time.UTC
	}
	local := now.In(o.Loc)
	today := DateOf(local)
	m := Moment{o: o, Now: local, Today: today, minute: local.Hour()*60 + local.Minute(), yesterday: today.AddDays(-1),
		weekday: local.Weekday()}
	m.holiday, m.holidayYd = o.IsHoliday(today), o.IsHoliday(m.yesterday)
	return m
}

// Holiday reports whether today is a public or local holiday.
func (m Moment) Holiday() bool { return m.holiday }

// Open reports whether s is open at the moment: today's hours, or
// yesterday's running past midnight.
func (m *Moment) Open(s *Service) bool {
	today, _ := rangesOn(s, m.Today, m.weekday, m.holiday)
	if openIn(today, m.minute) {
		return true
	}
	yd, _ := rangesOn(s, m.yesterday, m.dayOfWeek(-1), m.holidayYd)
	return openIn(yd, m.minute+Day)
}

// dayOfWeek is the day of the week k days from today.
func (m *Moment) dayOfWeek(k int) time.Weekday { return time.Weekday(((int(m.weekday)+k)%7 + 7) % 7) }

// TodayRanges returns the hours of s today.
func (m Moment) TodayRanges(s *Service) []TimeRange {
	r, _ := rangesOn(s, m.Today, m.weekday, m.holiday)
	return r
}

// Status says whether a service is open and until when, or when it opens.
type Status struct {
	Known  bool      // the service has opening hours at all
	Open   bool      // open now
	Always bool      // open now and for at least the next seven days without a break
	Until  time.Time // when open: when it closes (later ranges that follow without a gap count)
	Next   time.Time // when closed: when it opens next, within lookAhead days; zero if not
	// Why it is closed today when its weekly hours say otherwise:
	Holiday   bool       // today is a holiday and the service keeps no hours on it
	Exception *Exception // an exception of the service covers today
}

// lookAhead is how far Status looks for the next opening (a summer break
// can last weeks).
const lookAhead = 62

// Status works out whether s is open at the moment and until when, or when
// it opens next. Ranges that run past midnight and ranges that continue
// without a gap into the next day count as one opening; clock times come
// from the region's wall clock, so daylight-saving changes are right.
func (m Moment) Status(s *Service) Status {
	st := Status{Known: !s.Hours.Empty() || s.HolidayHours != nil || len(s.Exceptions) > 0}
	if !st.Known {
		return st
	}
	holidays := map[int]bool{-1: m.holidayYd, 0: m.holiday}
	day := func(k int) []TimeRange { // ranges of day today+k, in minutes from today's midnight
		h, ok := holidays[k]
		d := m.Today.AddDays(k)
		if !ok {
			h = m.o.IsHoliday(d)
			holidays[k] = h
		}
		r, ex := rangesOn(s, d, m.dayOfWeek(k), h)
		if k == 0 && len(r) == 0 {
			st.Exception = ex
			st.Holiday = ex == nil && h && len(s.Hours[m.weekday]) > 0
		}
		out := make([]TimeRange, len(r))
		for i, x := range r {
			out[i] = TimeRange{x.Open + k*Day, x.Close + k*Day}
		}
		return out
	}
	end := -1
	for _, k := range []int{-1, 0} {
		for _, r := range day(k) {
			if m.minute >= r.Open && m.minute < r.Close && r.Close > end {
				end = r.Close
			}
		}
	}
	if end >= 0 {
		st.Open = true
		limit := m.minute + 7*Day
		for k := 0; k <= 8 && end < limit; k++ {
			for grown := true; grown; { // ranges of one day may touch each other in any order
				grown = false
				for _, r := range day(k) {
					if r.Open <= end && r.Close > end {
						end, grown = r.Close, true
					}
				}
			}
			if end < (k+1)*Day {
				break // nothing of this day reaches into the next
			}
		}
		if end >= limit {
			st.Always = true
		} else {
			st.Until = m.wall(end)
		}
		return st
	}
	day(0) // sets Holiday and Exception
	for k := 0; k <= lookAhead; k++ {
		next := -1
		for _, r := range day(k) {
			if r.Open > m.minute && (next < 0 || r.Open < next) {
				next = r.Open
			}
		}
		if next >= 0 {
			st.Next = m.wall(next)
			break
		}
	}
	return st
}

// wall turns minutes after today's midnight into a time on the region's
// wall clock (so 08:00 is 08:00 on a daylight-saving day too).
func (m Moment) wall(minutes int) time.Time {
	d := m.Today.AddDays(minutes / Day)
	mm := minutes % Day
	return time.Date(d.Year, d.Month, d.Day, mm/60, mm%60, 0, 0, m.Now.Location())
}
