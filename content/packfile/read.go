package packfile

import (
	"github.com/compassbot/compass/content"
	"go.yaml.in/yaml/v4"
)

// Fields of each kind of object, in the order Write writes them.
var (
	packFields        = []string{"id", "name", "source_language", "languages", "regions"}
	regionFields      = []string{"id", "parent", "name", "local_language", "timezone", "emergency", "helplines", "holiday_calendar", "holidays", "districts", "volunteer_hours"}
	helplineFields    = []string{"kind", "name", "phone", "hours"}
	topicFields       = []string{"id", "name"}
	intentFields      = []string{"id", "topic", "region", "source", "reviewed", "services", "translations"}
	translationFields = []string{"title", "examples", "keywords", "status", "answer"}
	serviceFields     = []string{"id", "region", "topics", "kinds", "name", "address", "geo", "phone", "url", "source", "languages", "by_appointment", "hours", "exceptions"}
	geoFields         = []string{"lat", "lon"}
	exceptionFields   = []string{"date", "from", "to", "hours", "note"}
	holidayFields     = []string{"date", "from", "to", "name"}
	districtFields    = []string{"name", "aliases", "geo"}
)

// readPack reads pack.yaml into p. It reports whether the file was usable.
func (l *loader) readPack(p *content.Pack) bool {
	root, ok := l.parse(packFile)
	if !ok {
		return false
	}
	o := newOrigin(packFile, "", root.Line, l.errs)
	l.origins[p] = o
	return o.mapping(root, "", packFields, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			p.ID = o.str(v, key)
		case "name":
			p.Name = o.str(v, key)
		case "source_language":
			p.SourceLanguage = o.str(v, key)
		case "languages":
			p.Languages = o.strs(v, key)
		case "regions":
			o.list(v, key, func(i int, n *yaml.Node) {
				p.Regions = append(p.Regions, l.region(item(key, i), n))
			})
		}
	})
}

func (l *loader) region(prefix string, n *yaml.Node) *content.Region {
	r := &content.Region{}
	o := newOrigin(packFile, prefix+".", n.Line, l.errs)
	l.origins[r] = o
	o.mapping(n, "", regionFields, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			r.ID = o.str(v, key)
		case "parent":
			r.Parent = o.str(v, key)
		case "name":
			r.Name = o.text(v, key)
		case "local_language":
			r.LocalLanguage = o.str(v, key)
		case "timezone":
			r.Timezone = o.str(v, key)
		case "emergency":
			r.Emergency = o.strMap(v, key)
		case "helplines":
			o.list(v, key, func(i int, n *yaml.Node) {
				r.Helplines = append(r.Helplines, o.helpline(item(key, i), n))
			})
		case "holiday_calendar":
			r.HolidayCalendar = o.str(v, key)
		case "volunteer_hours":
			r.VolunteerHours = o.text(v, key)
		case "holidays":
			r.Holidays = o.exceptions(v, key, holidayFields)
		case "districts":
			o.list(v, key, func(i int, n *yaml.Node) {
				r.Districts = append(r.Districts, o.district(item(key, i), n))
			})
		}
	})
	return r
}

func (o *origin) district(field string, n *yaml.Node) content.District {
	var d content.District
	hasGeo := false
	o.mapping(n, field, districtFields, func(key string, v *yaml.Node) {
		path := join(field, key)
		switch key {
		case "name":
			d.Name = o.text(v, path)
		case "aliases":
			d.Aliases = o.strs(v, path)
		case "geo":
			if g := o.geo(path, v); g != nil {
				d.Geo, hasGeo = *g, true
			}
		}
	})
	if !hasGeo && deref(n).Kind == yaml.MappingNode {
		o.fail(n, join(field, "geo"), "missing: a district needs its point (geo: {lat: …, lon: …})")
	}
	return d
}

func (o *origin) helpline(field string, n *yaml.Node) content.Helpline {
	var h content.Helpline
	o.mapping(n, field, helplineFields, func(key string, v *yaml.Node) {
		path := join(field, key)
		switch key {
		case "kind":
			h.Kind = o.str(v, path)
		case "name":
			h.Name = o.text(v, path)
		case "phone":
			h.Phone = o.str(v, path)
		case "hours":
			h.Hours = o.str(v, path)
		}
	})
	return h
}

// defaultRegions gives a pack without regions its implicit region, named
// after the pack, and intents and services without a region the root.
func (l *loader) defaultRegions(p *content.Pack) {
	if len(p.Regions) == 0 {
		r := &content.Region{ID: p.ID}
		l.origins[r] = l.origins[p]
		p.Regions = []*content.Region{r}
	}
	root := p.RootRegion()
	for _, in := range p.Intents {
		if in.Region == "" {
			in.Region = root
		}
	}
	for _, s := range p.Services {
		if s.Region == "" {
			s.Region = root
		}
	}
}

// readTopics reads topics.yaml into p. It reports whether the file was usable.
func (l *loader) readTopics(p *content.Pack) bool {
	root, ok := l.parse(topicsFile)
	if !ok {
		return false
	}
	o := newOrigin(topicsFile, "", root.Line, l.errs)
	if root.Kind != yaml.SequenceNode {
		o.fail(root, "", "must be a list of topics (- id: ...)")
		return false
	}
	o.list(root, "", func(i int, n *yaml.Node) {
		t := &content.Topic{}
		to := newOrigin(topicsFile, item("topics", i)+".", n.Line, l.errs)
		l.origins[t] = to
		to.mapping(n, "", topicFields, func(key string, v *yaml.Node) {
			switch key {
			case "id":
				t.ID = to.str(v, key)
			case "name":
				t.Name = to.text(v, key)
			}
		})
		p.Topics = append(p.Topics, t)
	})
	return true
}
