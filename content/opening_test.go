package content_test

import (
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/holidays"
)

var vienna, _ = time.LoadLocation("Europe/Vienna")

func ranges(t *testing.T, s ...string) []content.TimeRange {
	t.Helper()
	var out []content.TimeRange
	for _, x := range s {
		r, err := content.ParseTimeRange(x)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// weekdays gives a service the same hours Monday to Friday.
func weekdays(t *testing.T, s ...string) *content.Service {
	sv := &content.Service{ID: "s"}
	for d := time.Monday; d <= time.Friday; d++ {
		sv.Hours[d] = ranges(t, s...)
	}
	return sv
}

func austria() content.Opening {
	cal, _ := holidays.Lookup("at")
	return content.Opening{Loc: vienna, Calendar: cal}
}

// local is a wall-clock time in Vienna.
func local(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, vienna)
}

func TestStatus_WeeklyHoursHolidaysAndExceptions(t *testing.T) {
	office := weekdays(t, "08:00-12:00", "13:00-15:30")
	clinic := weekdays(t, "08:00-12:00")
	clinic.HolidayHours = ranges(t, "10:00-14:00")
	summer := weekdays(t, "08:00-12:00")
	summer.Exceptions = []content.Exception{
		{From: content.Date{Year: 2026, Month: time.July, Day: 20}, To: content.Date{Year: 2026, Month: time.August, Day: 14}},
		{From: content.Date{Year: 2026, Month: time.November, Day: 24}, To: content.Date{Year: 2026, Month: time.November, Day: 24}, Hours: ranges(t, "09:00-10:00")},
	}
	tests := []struct {
		name      string
		s         *content.Service
		at        time.Time
		open      bool
		until     time.Time // open: closing time
		next      time.Time // closed: next opening
		onHoliday bool
	}{
		{"open, closes for lunch", office, local(2026, 11, 23, 10, 30), true, local(2026, 11, 23, 12, 0), time.Time{}, false},
		{"lunch break", office, local(2026, 11, 23, 12, 30), false, time.Time{}, local(2026, 11, 23, 13, 0), false},
		{"evening: tomorrow", office, local(2026, 11, 23, 18, 0), false, time.Time{}, local(2026, 11, 24, 8, 0), false},
		{"Saturday: Monday", office, local(2026, 11, 28, 9, 0), false, time.Time{}, local(2026, 11, 30, 8, 0), false},
		{"26 October, National Day", office, local(2026, 10, 26, 10, 0), false, time.Time{}, local(2026, 10, 27, 8, 0), true},
		{"26 October with holiday hours", clinic, local(2026, 10, 26, 10, 0), true, local(2026, 10, 26, 14, 0), time.Time{}, false},
		{"Christmas Day (Friday): Monday 28th", office, local(2026, 12, 25, 9, 0), false, time.Time{}, local(2026, 12, 28, 8, 0), true},
		{"summer break", summer, local(2026, 7, 22, 9, 0), false, time.Time{}, local(2026, 8, 17, 8, 0), false},
		{"exception hours", summer, local(2026, 11, 24, 9, 30), true, local(2026, 11, 24, 10, 0), time.Time{}, false},
		{"exception hours, after", summer, local(2026, 11, 24, 10, 30), false, time.Time{}, local(2026, 11, 25, 8, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := austria().At(tt.at).Status(tt.s)
			if st.Open != tt.open || !st.Until.Equal(tt.until) || !st.Next.Equal(tt.next) || st.Holiday != tt.onHoliday {
				t.Errorf("got open %v until %v next %v holiday %v\nwant open %v until %v next %v holiday %v",
					st.Open, st.Until, st.Next, st.Holiday, tt.open, tt.until, tt.next, tt.onHoliday)
			}
			if mo := austria().At(tt.at); mo.Open(tt.s) != tt.open {
				t.Errorf("Open = %v, Status says %v", !tt.open, tt.open)
			}
		})
	}
}

func TestStatus_OvernightAndAroundTheClock(t *testing.T) {
	night := &content.Service{ID: "night"}
	night.Hours[time.Friday] = ranges(t, "22:00-06:00")
	night.Hours[time.Saturday] = ranges(t, "06:00-12:00")
	always := &content.Service{ID: "always"}
	for d := range always.Hours {
		always.Hours[d] = ranges(t, "00:00-24:00")
	}
	o := content.Opening{Loc: vienna} // no public holidays
	// Friday 27 November 2026, 23:00: open through the night and Saturday morning.
	st := o.At(local(2026, 11, 27, 23, 0)).Status(night)
	if !st.Open || !st.Until.Equal(local(2026, 11, 28, 12, 0)) {
		t.Errorf("Friday night: %+v", st)
	}
	st = o.At(local(2026, 11, 28, 3, 0)).Status(night)
	if !st.Open || !st.Until.Equal(local(2026, 11, 28, 12, 0)) {
		t.Errorf("Saturday 03:00: %+v", st)
	}
	st = o.At(local(2026, 11, 28, 13, 0)).Status(night)
	if st.Open || !st.Next.Equal(local(2026, 12, 4, 22, 0)) {
		t.Errorf("Saturday 13:00: %+v", st)
	}
	st = o.At(local(2026, 11, 25, 12, 0)).Status(always)
	if !st.Open || !st.Always {
		t.Errorf("around the clock: %+v", st)
	}
}

// On the days the clocks change, the wall clock decides: 08:30 in Vienna is
// 06:30 UTC in summer and 07:30 UTC in winter.
func TestStatus_DaylightSavingDays(t *testing.T) {
	daily := &content.Service{ID: "daily"}
	for d := range daily.Hours {
		daily.Hours[d] = ranges(t, "08:00-12:00")
	}
	o := content.Opening{Loc: vienna}
	// Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
	spring := time.Date(2026, 3, 29, 6, 30, 0, 0, time.UTC) // 08:30 CEST
	if st := o.At(spring).Status(daily); !st.Open || !st.Until.Equal(time.Date(2026, 3, 29, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("spring forward: %+v", st)
	}
	// Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET.
	autumn := time.Date(2026, 10, 25, 6, 30, 0, 0, time.UTC) // 07:30 CET
	if st := o.At(autumn).Status(daily); st.Open || !st.Next.Equal(time.Date(2026, 10, 25, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("fall back: %+v", st)
	}
	// A night service across the change: Saturday 22:00 to Sunday 06:00
	// lasts nine hours that night, and closes at 06:00 wall-clock time.
	night := &content.Service{ID: "night"}
	night.Hours[time.Saturday] = ranges(t, "22:00-06:00")
	at := time.Date(2026, 10, 25, 4, 30, 0, 0, time.UTC) // 05:30 CET
	if st := o.At(at).Status(night); !st.Open || !st.Until.Equal(time.Date(2026, 10, 25, 5, 0, 0, 0, time.UTC)) {
		t.Errorf("night across fall back: %+v", st)
	}
	at = time.Date(2026, 3, 29, 3, 30, 0, 0, time.UTC) // 05:30 CEST
	if st := o.At(at).Status(night); !st.Open || !st.Until.Equal(time.Date(2026, 3, 29, 4, 0, 0, 0, time.UTC)) {
		t.Errorf("night across spring forward: %+v", st)
	}
}

func TestOpening_RegionHolidaysAndCalendar(t *testing.T) {
	p := &content.Pack{ID: "x", Regions: []*content.Region{
		{ID: "de", Timezone: "Europe/Berlin"},
		{ID: "de-muenchen", Parent: "de", HolidayCalendar: "de-by",
			Holidays: []content.Exception{{From: content.Date{Month: time.August, Day: 15}, To: content.Date{Month: time.August, Day: 15}}}},
		{ID: "de-berlin", Parent: "de"},
		{ID: "nowhere", HolidayCalendar: "none"},
	}}
	if got := p.HolidayCalendarOf("de-muenchen"); got != "de-by" {
		t.Errorf("Munich: %q", got)
	}
	if got := p.HolidayCalendarOf("de-berlin"); got != "de" {
		t.Errorf("Berlin inherits the country's: %q", got)
	}
	if got := p.HolidayCalendarOf("nowhere"); got != "" {
		t.Errorf("none: %q", got)
	}
	munich := p.OpeningIn("de-muenchen", holidays.Lookup)
	berlin := p.OpeningIn("de-berlin", holidays.Lookup)
	for _, tt := range []struct {
		o    content.Opening
		d    content.Date
		want bool
	}{
		{munich, content.Date{Year: 2026, Month: time.August, Day: 15}, true}, // the pack's yearly holiday
		{munich, content.Date{Year: 2027, Month: time.January, Day: 6}, true}, // Bavaria's calendar
		{berlin, content.Date{Year: 2027, Month: time.January, Day: 6}, false},
		{berlin, content.Date{Year: 2026, Month: time.October, Day: 3}, true},
	} {
		if got := tt.o.IsHoliday(tt.d); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestException_YearlySpanWrapsTheNewYear(t *testing.T) {
	e := content.Exception{From: content.Date{Month: time.December, Day: 24}, To: content.Date{Month: time.January, Day: 6}}
	for d, want := range map[content.Date]bool{
		{Year: 2026, Month: time.December, Day: 24}: true,
		{Year: 2027, Month: time.January, Day: 6}:   true,
		{Year: 2027, Month: time.January, Day: 7}:   false,
		{Year: 2026, Month: time.December, Day: 23}: false,
	} {
		if e.Covers(d) != want {
			t.Errorf("%s: want %v", d, want)
		}
	}
}
