package bot

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/compassbot/compass/content"
)

const (
	nearbyCount = servicePageSize // services listed for a shared location
	farKm       = 30.0            // farther than this from every service of the region is "elsewhere"
	outsideKm   = 1000.0          // farther than this from every service of the pack is outside its regions
)

// knownPlaces returns the names of the regions that have services with an
// address, when at is farther than outsideKm from all of them (a person
// abroad, or a location made up): listing a region's services thousands
// of kilometres away would mislead. It returns nil when at is near one of
// them, or when no service has an address (nothing to compare with).
func (c *conversation) knownPlaces(at content.Geo) []string {
	var regions []string
	for _, s := range c.st.pack.Services {
		if s.Geo == nil {
			continue
		}
		if haversineKm(at, *s.Geo) <= outsideKm {
			return nil
		}
		if name := c.regionName(s.Region); !slices.Contains(regions, name) {
			regions = append(regions, name)
		}
	}
	return regions
}

// location answers a shared location with the nearest services of the
// person's region for what they looked at last (c.sess.Focus): after an
// answer, that answer's services first, then the others of its topic;
// after a service request, the services it asked for; else the topic they
// browse. Open ones come first, then the nearest. When the person is far
// from all of them but near another region's services, it offers to
// switch region.
func (c *conversation) location(at content.Geo) []Reply {
	if !validGeo(at) {
		return []Reply{c.reply(tr(c.lang, "location_invalid"), c.topicsButton())}
	}
	if known := c.knownPlaces(at); known != nil {
		return []Reply{c.reply(tr(c.lang, "location_outside", "regions", strings.Join(known, ", ")), c.topicsButton())}
	}
	if other := c.nearerRegion(at); other != "" {
		name := c.regionName(other)
		return []Reply{c.reply(tr(c.lang, "switch_region", "region", name),
			[]Button{{Label: tr(c.lang, "btn_switch", "region", name), Payload: c.encode(regionPayload(other))}})}
	}
	f := decodeFilter(c.sess.Focus)
	var first map[string]bool
	if f.intent != "" {
		in := c.st.pack.Intent(f.intent, c.region())
		if in == nil {
			f = serviceFilter{}
		} else {
			f.topic, first = in.Topic, map[string]bool{}
			for _, s := range c.servicesOf(in) {
				first[s.ID] = true
			}
		}
	} else if c.sess.Focus == "" {
		f.topic = c.sess.Topic
	}
	now := c.e.cfg.Now()
	found, _ := c.st.serviceIx.query(c.region(), f, first, &at, now, nearbyCount)
	var notes []string
	if len(found) == 0 && len(f.langs) > 0 {
		notes = append(notes, tr(c.lang, "q_no_language", "langs", c.languageList(f.langs)))
		f.langs = nil
		found, _ = c.st.serviceIx.query(c.region(), f, first, &at, now, nearbyCount)
	}
	if len(found) == 0 && f.open {
		notes = append(notes, tr(c.lang, "q_none_open"))
		f.open = false
		found, _ = c.st.serviceIx.query(c.region(), f, first, &at, now, nearbyCount)
	}
	if len(found) == 0 { // nothing of the kind has a point here: the nearest of any kind
		found, _ = c.st.serviceIx.query(c.region(), serviceFilter{}, nil, &at, now, nearbyCount)
	}
	if len(found) == 0 {
		return []Reply{c.reply(tr(c.lang, "no_nearby"), c.topicsButton())}
	}
	blocks := append([]string{tr(c.lang, "nearest")}, notes...)
	var rows [][]Button
	mo := c.moment()
	for _, n := range found {
		blocks = append(blocks, c.describeService(n.s, mo, n.km))
		rows = append(rows, []Button{{Label: "📍 " + c.serviceName(n.s), Payload: c.encode(venuePayload(n.s.ID))}})
	}
	return []Reply{c.reply(strings.Join(blocks, "\n\n"), rows...)}
}

// nearerRegion returns another region whose services are within farKm of
// at when none of the current region's are, or "".
func (c *conversation) nearerRegion(at content.Geo) string {
	if c.st.serviceIx.nearestKm(c.region(), at) <= farKm {
		return ""
	}
	onPath := map[string]bool{}
	for _, id := range c.st.pack.RegionPath(c.region()) {
		onPath[id] = true
	}
	best, bestKm := "", farKm
	for _, s := range c.st.pack.Services {
		if s.Geo == nil || onPath[s.Region] {
			continue
		}
		if d := haversineKm(at, *s.Geo); d <= bestKm {
			best, bestKm = s.Region, d
		}
	}
	return best
}

func validGeo(g content.Geo) bool {
	return !math.IsNaN(g.Lat) && !math.IsNaN(g.Lon) && g.Lat >= -90 && g.Lat <= 90 && g.Lon >= -180 && g.Lon <= 180
}

// haversineKm is the great-circle distance between two points.
func haversineKm(a, b content.Geo) float64 {
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// formatKm shows a distance: metres below 1 km, one decimal below 10 km.
func formatKm(km float64) string {
	switch {
	case km < 1:
		return fmt.Sprintf("%d m", int(math.Round(km*1000/10))*10)
	case km < 10:
		return fmt.Sprintf("%.1f km", km)
	}
	return fmt.Sprintf("%.0f km", km)
}
