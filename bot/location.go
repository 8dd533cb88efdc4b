package bot

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/compassbot/compass/content"
)

const (
	nearbyCount = 5    // services listed for a shared location
	farKm       = 30.0 // farther than this from every service of the region is "elsewhere"
)

// location answers a shared location with the nearest services of the
// person's region, for the topic they browse if any: open ones first, then
// by distance. When the person is far from all of them but near another
// region's services, it offers to switch region.
func (c *conversation) location(at content.Geo) []Reply {
	if !validGeo(at) {
		return []Reply{c.reply(tr(c.lang, "no_nearby"), c.topicsButton())}
	}
	now := c.localNow()
	var all []nearby
	for _, s := range c.st.pack.ServicesFor(c.region()) {
		if s.Geo != nil {
			all = append(all, nearby{s, haversineKm(at, *s.Geo), s.Hours.OpenAt(now)})
		}
	}
	found := all
	if t := c.sess.Topic; t != "" {
		found = slices.DeleteFunc(slices.Clone(all), func(n nearby) bool { return !slices.Contains(n.s.Topics, t) })
		if len(found) == 0 {
			found = all
		}
	}
	if other := c.nearerRegion(at, all); other != "" {
		name := c.regionName(other)
		return []Reply{c.reply(tr(c.lang, "switch_region", "region", name),
			[]Button{{Label: tr(c.lang, "btn_switch", "region", name), Payload: c.encode(regionPayload(other))}})}
	}
	if len(found) == 0 {
		return []Reply{c.reply(tr(c.lang, "no_nearby"), c.topicsButton())}
	}
	slices.SortStableFunc(found, func(a, b nearby) int {
		if a.open != b.open {
			if a.open {
				return -1
			}
			return 1
		}
		if a.km != b.km {
			if a.km < b.km {
				return -1
			}
			return 1
		}
		return strings.Compare(a.s.ID, b.s.ID)
	})
	found = found[:min(len(found), nearbyCount)]
	blocks := []string{tr(c.lang, "nearest")}
	var rows [][]Button
	for _, n := range found {
		blocks = append(blocks, c.describeService(n.s, now, formatKm(n.km)))
		rows = append(rows, []Button{{Label: "📍 " + c.serviceName(n.s), Payload: c.encode(venuePayload(n.s.ID))}})
	}
	return []Reply{c.reply(strings.Join(blocks, "\n\n"), rows...)}
}

// nearerRegion returns another region whose services are within farKm of
// at when none of the current region's are, or "".
func (c *conversation) nearerRegion(at content.Geo, current []nearby) string {
	for _, n := range current {
		if n.km <= farKm {
			return ""
		}
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

// nearby is a service with its distance from a shared location.
type nearby struct {
	s    *content.Service
	km   float64
	open bool
}

func validGeo(g content.Geo) bool {
	return !math.IsNaN(g.Lat) && !math.IsNaN(g.Lon) && g.Lat >= -90 && g.Lat <= 90 && g.Lon >= -180 && g.Lon <= 180
}

// haversineKm is the great-circle distance between two points.
func haversineKm(a, b content.Geo) float64 {
	const earthKm = 6371.0
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
