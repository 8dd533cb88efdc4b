package packfile

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// hours reads {mon: ["08:00-12:00"], ...}. Formats are checked here; order
// and overlaps are checked with the other rules.
func (o *origin) hours(n *yaml.Node, field string) content.Hours {
	var h content.Hours
	o.mapping(n, field, content.WeekdayKeys[:], func(day string, v *yaml.Node) {
		d := weekdayOf(day)
		path := join(field, day)
		o.list(v, path, func(i int, r *yaml.Node) {
			s := o.str(r, item(path, i))
			tr, err := parseTimeRange(s)
			if err != nil {
				o.fail(r, item(path, i), "%v", err)
				return
			}
			h[d] = append(h[d], tr)
		})
	})
	return h
}

func weekdayOf(key string) time.Weekday {
	for i, k := range content.WeekdayKeys {
		if k == key {
			return time.Weekday((i + 1) % 7)
		}
	}
	return -1
}

// timeRangePattern is HH:MM-HH:MM; a one-digit hour, spaces around the
// dash and an en dash (as copied from web pages) are accepted too.
var timeRangePattern = regexp.MustCompile(`^(\d{1,2}):(\d\d) *[-–] *(\d{1,2}):(\d\d)$`)

// parseTimeRange parses "HH:MM-HH:MM"; 24:00 is allowed as closing time.
func parseTimeRange(s string) (content.TimeRange, error) {
	m := timeRangePattern.FindStringSubmatch(s)
	if m == nil {
		return content.TimeRange{}, fmt.Errorf("opening hours must be written HH:MM-HH:MM, not %q", s)
	}
	open, ok1 := clock(m[1], m[2])
	close, ok2 := clock(m[3], m[4])
	if !ok1 || !ok2 || open == 24*60 {
		return content.TimeRange{}, fmt.Errorf("%q is not a time of day: use 00:00 to 23:59, and 24:00 only to close", s)
	}
	return content.TimeRange{Open: open, Close: close}, nil
}

// clock converts digits matched by timeRangePattern to minutes.
func clock(hh, mm string) (int, bool) {
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	return h*60 + m, m < 60 && (h < 24 || h == 24 && m == 0)
}
