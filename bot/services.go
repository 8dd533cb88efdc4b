package bot

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/compassbot/compass/content"
)

// servicesOf returns the services that fit an intent: those it names that
// serve the person's region, else the region's services for its topic. A
// country-wide answer may name services in several cities; someone in
// Vienna must not be sent to a clinic in Graz.
func (c *conversation) servicesOf(in *content.Intent) []*content.Service {
	var out []*content.Service
	here := c.region()
	for _, id := range in.Services {
		if s := c.st.pack.Service(id); s != nil && c.regionsOverlap(here, s.Region) {
			out = append(out, s)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, s := range c.st.pack.ServicesFor(c.region()) {
		if slices.Contains(s.Topics, in.Topic) {
			out = append(out, s)
		}
	}
	return out
}

// regionsOverlap reports whether one region contains the other (or they
// are the same): a service in Graz serves people in Graz and people who
// only said they are in Austria, not people in Vienna.
func (c *conversation) regionsOverlap(a, b string) bool {
	return slices.Contains(c.st.pack.RegionPath(a), b) || slices.Contains(c.st.pack.RegionPath(b), a)
}

// relatedServices lists the services that fit an intent, each with a
// button that sends it as a map pin. It remembers the topic, so that a
// location shared next finds services for it.
func (c *conversation) relatedServices(id string) Reply {
	in := c.st.pack.Intent(id, c.region())
	c.setTopic(in.Topic)
	services := c.servicesOf(in)
	if len(services) == 0 {
		return c.reply(tr(c.lang, "no_services"), c.topicsButton())
	}
	now := c.localNow()
	blocks := []string{tr(c.lang, "services")}
	var rows [][]Button
	for _, s := range services {
		blocks = append(blocks, c.describeService(s, now, ""))
		if s.Geo != nil {
			rows = append(rows, []Button{{Label: "📍 " + c.serviceName(s), Payload: c.encode(venuePayload(s.ID))}})
		}
	}
	if c.caps.Location {
		blocks = append(blocks, tr(c.lang, "share_location"))
	}
	r := c.reply(strings.Join(blocks, "\n\n"), rows...)
	r.Again = c.encode(servicesPayload(id))
	return r
}

// venue sends one service as a map pin with its details.
func (c *conversation) venue(id string) Reply {
	s := c.st.pack.Service(id)
	r := c.reply(c.describeService(s, c.localNow(), ""))
	if s.Geo != nil {
		r.Venue = &Venue{Title: c.serviceName(s), Address: s.Address, Lat: s.Geo.Lat, Lon: s.Geo.Lon}
	}
	return r
}

func (c *conversation) serviceName(s *content.Service) string {
	if n := s.Name.In(c.chain()...); n != "" {
		return n
	}
	return s.ID
}

// describeService is a few lines about a service: name (and distance),
// address, phone, whether it is open now and today's hours, the languages
// spoken there (the person's first) and its web site.
func (c *conversation) describeService(s *content.Service, now time.Time, distance string) string {
	head := c.serviceName(s)
	if distance != "" {
		head += " – " + distance
	}
	lines := []string{head}
	if s.Address != "" {
		lines = append(lines, s.Address)
	}
	if s.Phone != "" {
		lines = append(lines, "☎ "+s.Phone)
	}
	var status []string
	if !s.Hours.Empty() {
		if s.Hours.OpenAt(now) {
			status = append(status, tr(c.lang, "open_now"))
		} else {
			status = append(status, tr(c.lang, "closed_now"))
		}
		if today := s.Hours[now.Weekday()]; len(today) > 0 {
			ranges := make([]string, len(today))
			for i, r := range today {
				ranges[i] = r.String()
			}
			status = append(status, tr(c.lang, "today", "hours", strings.Join(ranges, ", ")))
		} else {
			status = append(status, tr(c.lang, "closed_today"))
		}
	}
	if s.ByAppointment {
		status = append(status, tr(c.lang, "by_appointment"))
	}
	if len(status) > 0 {
		lines = append(lines, strings.Join(status, " · "))
	}
	if len(s.Languages) > 0 {
		lines = append(lines, tr(c.lang, "languages_spoken", "langs", c.spoken(s.Languages)))
	}
	if s.URL != "" {
		lines = append(lines, s.URL)
	}
	return strings.Join(lines, "\n")
}

// spoken names languages in themselves, the person's language first.
func (c *conversation) spoken(langs []string) string {
	ordered := slices.Clone(langs)
	slices.SortStableFunc(ordered, func(a, b string) int {
		switch {
		case a == c.lang && b != c.lang:
			return -1
		case b == c.lang && a != c.lang:
			return 1
		}
		return 0
	})
	names := make([]string, len(ordered))
	for i, l := range ordered {
		names[i] = languageName(l, c.lang)
	}
	return strings.Join(names, tr(c.lang, "list_sep"))
}

// localNow is the engine's clock in the time zone of the person's region.
func (c *conversation) localNow() time.Time {
	now := c.e.cfg.Now()
	r := c.st.pack.RegionSetting(c.region(), func(r *content.Region) bool { return r.Timezone != "" })
	if r == nil {
		return now
	}
	if loc := loadZone(r.Timezone); loc != nil {
		return now.In(loc)
	}
	return now
}

var zones sync.Map // name → *time.Location (nil when unknown)

// loadZone loads an IANA zone once; unknown names give nil.
func loadZone(name string) *time.Location {
	if v, ok := zones.Load(name); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	zones.Store(name, loc)
	return loc
}
