package content

import (
	"fmt"
	"time"
)

// Service is a local place that helps: an office, a clinic, a counselling
// centre, a language school.
type Service struct {
	ID            string
	Region        string
	Topics        []string
	Name          Text
	Address       string
	Geo           *Geo // nil when unknown
	Phone         string
	URL           string
	Languages     []string // languages spoken at the service
	ByAppointment bool
	Hours         Hours  // local time of the region
	File          string // pack file it was read from, relative to the pack root; "" if none
}

// Geo is a point on Earth in degrees.
type Geo struct {
	Lat, Lon float64
}

// Hours are weekly opening hours, indexed by time.Weekday (Sunday = 0).
type Hours [7][]TimeRange

// TimeRange is an opening period within one day, in minutes after midnight;
// Close may be 24*60.
type TimeRange struct {
	Open, Close int
}

func (r TimeRange) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", r.Open/60, r.Open%60, r.Close/60, r.Close%60)
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

// OpenAt reports whether the hours include the wall-clock time of t (t
// should already be in the service's time zone).
func (h Hours) OpenAt(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	for _, r := range h[t.Weekday()] {
		if m >= r.Open && m < r.Close {
			return true
		}
	}
	return false
}

// WeekdayKeys name the days of opening hours in packs and error messages,
// Monday first.
var WeekdayKeys = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// WeekdayKey is the key of day d in WeekdayKeys.
func WeekdayKey(d time.Weekday) string { return WeekdayKeys[(int(d)+6)%7] }
