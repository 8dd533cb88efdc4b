package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"
)

// hours reads {mon: ["08:00-12:00"], ...}. Formats are checked here; order
// and overlaps are checked with the other rules.
func (o *origin) hours(n *yaml.Node, field string) Hours {
	var h Hours
	o.mapping(n, field, weekdayKeys[:], func(day string, v *yaml.Node) {
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

// weekdayKeys are the keys of opening hours, Monday first.
var weekdayKeys = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func weekdayOf(key string) time.Weekday {
	for i, k := range weekdayKeys {
		if k == key {
			return time.Weekday((i + 1) % 7)
		}
	}
	return -1
}

func weekdayKey(d time.Weekday) string { return weekdayKeys[(int(d)+6)%7] }

// parseTimeRange parses "HH:MM-HH:MM"; 24:00 is allowed as closing time.
func parseTimeRange(s string) (TimeRange, error) {
	bad := fmt.Errorf("opening hours must be written HH:MM-HH:MM, not %q", s)
	open, close, ok := strings.Cut(s, "-")
	if !ok {
		return TimeRange{}, bad
	}
	o, ok1 := parseClock(open)
	c, ok2 := parseClock(close)
	if !ok1 || !ok2 || o == 24*60 {
		return TimeRange{}, bad
	}
	return TimeRange{Open: o, Close: c}, nil
}

func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[3] == '+' || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}
