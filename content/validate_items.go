package content

import (
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"
)

func (c *checker) intents() {
	seen := map[[2]string]*Intent{}
	for i, in := range c.p.Intents {
		if in == nil {
			c.errf(c.p, item("intents", i), "is missing (nil)")
			continue
		}
		if c.id(in, "id", in.ID, intentIDPattern, `"<topic>.<name>" in lower-case letters, digits and "_" (like "health.find_doctor")`) {
			switch topic, _, _ := strings.Cut(in.ID, "."); {
			case in.Topic != topic:
				c.errf(in, "topic", "is %q but the id says %q", in.Topic, topic)
			case !c.topics[topic]:
				c.errf(in, "topic", "unknown topic %q (not in topics.yaml)", topic)
			}
		}
		if c.regions[in.Region] == nil {
			c.errf(in, "region", "unknown region %q", in.Region)
		}
		key := [2]string{in.ID, in.Region}
		if other := seen[key]; other != nil {
			c.errf(in, "id", "intent %q for region %q is defined twice%s", in.ID, in.Region, alsoIn(other.File))
		}
		seen[key] = in
		c.uniqueRefs(in, "services", "service", in.Services, c.services)
		if in.Source != "" {
			c.url(in, "source", in.Source)
		}
		c.translations(in)
	}
}

func alsoIn(file string) string {
	if file == "" {
		return ""
	}
	return " (also in " + file + ")"
}

func (c *checker) translations(in *Intent) {
	if len(in.Translations) == 0 {
		c.errf(in, "translations", "an intent needs at least one translation")
	}
	for _, l := range slices.Sorted(maps.Keys(in.Translations)) {
		f, t := join("translations", l), in.Translations[l]
		c.lang(in, f, l)
		if t == nil {
			c.errf(in, f, "is empty")
			continue
		}
		if strings.TrimSpace(t.Title) == "" {
			c.errf(in, f+".title", "must not be empty")
		}
		if strings.TrimSpace(t.Answer) == "" {
			c.errf(in, f+".answer", "must not be empty")
		}
		switch t.Status {
		case "", StatusReviewed, StatusMachine, StatusOutdated:
		default:
			c.errf(in, f+".status", "%q is not a status: use reviewed, machine or outdated", t.Status)
		}
		c.nonEmpty(in, f+".examples", t.Examples)
		c.nonEmpty(in, f+".keywords", t.Keywords)
	}
}

func (c *checker) nonEmpty(obj any, field string, list []string) {
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			c.errf(obj, item(field, i), "must not be empty")
		}
	}
}

func (c *checker) servicesAll() {
	seen := map[string]*Service{}
	for i, s := range c.p.Services {
		if s == nil {
			c.errf(c.p, item("services", i), "is missing (nil)")
			continue
		}
		if c.id(s, "id", s.ID, placeIDPattern, `lower-case letters, digits, "-" and "_" (like "graz-meldeamt")`) {
			if other := seen[s.ID]; other != nil {
				c.errf(s, "id", "service %q is defined twice%s", s.ID, alsoIn(other.File))
			}
			seen[s.ID] = s
		}
		c.service(s)
	}
}

func (c *checker) service(s *Service) {
	if c.regions[s.Region] == nil {
		c.errf(s, "region", "unknown region %q", s.Region)
	}
	c.uniqueRefs(s, "topics", "topic", s.Topics, c.topics)
	for i, k := range s.Kinds {
		c.kind(s, item("kinds", i), k)
		if slices.Index(s.Kinds, k) < i {
			c.errf(s, item("kinds", i), "%q is listed twice", k)
		}
	}
	if len(s.Name) == 0 {
		c.errf(s, "name", "a service needs a name in at least one language")
	}
	c.text(s, "name", s.Name)
	if s.Geo != nil {
		c.geo(s, "geo", *s.Geo)
	}
	if s.URL != "" {
		c.url(s, "url", s.URL)
	}
	if s.Source != "" {
		c.url(s, "source", s.Source)
	}
	c.phone(s, "phone", s.Phone, false)
	// Spoken languages must be content languages too: the database keeps
	// them as references to the pack's languages.
	spoken := map[string]bool{}
	for i, l := range s.Languages {
		if c.lang(s, item("languages", i), l) && spoken[l] {
			c.errf(s, item("languages", i), "%q is listed twice", l)
		}
		spoken[l] = true
	}
	c.hours(s)
}

// hours checks the weekly hours, the holiday hours and the exceptions.
func (c *checker) hours(s *Service) {
	for d, day := range s.Hours {
		c.dayRanges(s, join("hours", WeekdayKey(time.Weekday(d))), day)
	}
	c.dayRanges(s, join("hours", HolidayKey), s.HolidayHours)
	c.exceptions(s, "exceptions", s.Exceptions, true)
}

// dayRanges checks each range of one day (open within the day, close after
// open and at most 24 hours later) and that the ranges do not overlap.
func (c *checker) dayRanges(obj any, key string, day []TimeRange) {
	valid := make([]int, 0, len(day)) // indexes of well-formed ranges
	for i, r := range day {
		switch {
		case r.Open < 0 || r.Open >= Day || r.Close > 2*Day:
			c.errf(obj, item(key, i), "%s is not within a day (00:00 to 24:00)", r)
		case r.Open >= r.Close:
			c.errf(obj, item(key, i), "%s closes before it opens (write 24:00 for midnight)", r)
		case r.Close-r.Open > Day:
			c.errf(obj, item(key, i), "%s is open longer than 24 hours", r)
		default:
			valid = append(valid, i)
		}
	}
	// Sorted by opening time, a range overlaps an earlier one exactly
	// when it opens before the latest closing time seen so far.
	slices.SortStableFunc(valid, func(a, b int) int { return day[a].Open - day[b].Open })
	latest := -1
	for _, i := range valid {
		if latest >= 0 && day[i].Open < day[latest].Close {
			first, second := min(i, latest), max(i, latest)
			c.errf(obj, item(key, second), "%s overlaps %s (range %d of the day)", day[second], day[first], first+1)
		}
		if latest < 0 || day[i].Close > day[latest].Close {
			latest = i
		}
	}
}

// exceptions checks dated exceptions: a first day, a last day not before
// it, both yearly or neither, and their hours; a region's holidays take no
// hours.
func (c *checker) exceptions(obj any, field string, list []Exception, hours bool) {
	for i, e := range list {
		f := item(field, i)
		switch {
		case e.From.IsZero():
			c.errf(obj, f+".date", "needs a date (date: YYYY-MM-DD, or from: and to:)")
		case e.To.IsZero():
			c.errf(obj, f+".to", "needs a last day")
		case e.From.Yearly() != e.To.Yearly():
			c.errf(obj, f+".to", "%s and %s: write both days with a year, or both without (MM-DD, every year)", e.From, e.To)
		case !e.From.Yearly() && before(e.To, e.From):
			c.errf(obj, f+".to", "%s is before the first day %s", e.To, e.From)
		}
		if !hours && e.Hours != nil {
			c.errf(obj, f+".hours", "a region's holidays take no hours (a service sets its holiday hours with hours.hol)")
		}
		c.dayRanges(obj, f+".hours", e.Hours)
		c.text(obj, f+".note", e.Note)
	}
}

// geo checks that a point's coordinates are on Earth.
func (c *checker) geo(obj any, field string, g Geo) {
	if !(g.Lat >= -90 && g.Lat <= 90) {
		c.errf(obj, field+".lat", "latitude %v is outside -90…90", g.Lat)
	}
	if !(g.Lon >= -180 && g.Lon <= 180) {
		c.errf(obj, field+".lon", "longitude %v is outside -180…180", g.Lon)
	}
}

// url checks that u is an absolute http or https address.
func (c *checker) url(obj any, field, u string) {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsAny(u, " \t\n") {
		c.errf(obj, field, "%q is not a web address: use http:// or https:// and a host", u)
	}
}
