package packfile

import (
	"maps"
	"slices"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// intent renders an intent; the topic (the id's prefix) and the root
// region are left out.
func (e *encoder) intent(in *content.Intent, root string) *yaml.Node {
	n := block().add("id", str(in.ID))
	if in.Region != root {
		n.add("region", str(in.Region))
	}
	n.add("source", str(in.Source)).add("reviewed", date(in.Reviewed)).
		add("services", list(in.Services, yaml.FlowStyle))
	tr := block()
	for _, l := range e.order(slices.Collect(maps.Keys(in.Translations))) {
		t := in.Translations[l]
		tr.add(l, block().add("title", str(t.Title)).
			add("examples", list(t.Examples, 0)).
			add("keywords", list(t.Keywords, yaml.FlowStyle)).
			add("status", str(string(t.Status))).
			add("answer", str(t.Answer)).Node)
	}
	return n.add("translations", tr.Node).Node
}

// service renders a service; the root region is left out, and
// by_appointment unless true.
func (e *encoder) service(s *content.Service, root string) *yaml.Node {
	n := block().add("id", str(s.ID))
	if s.Region != root {
		n.add("region", str(s.Region))
	}
	n.add("topics", list(s.Topics, yaml.FlowStyle)).add("name", e.text(s.Name)).
		add("address", str(s.Address))
	if s.Geo != nil {
		n.add("geo", flow().add("lat", number(s.Geo.Lat)).add("lon", number(s.Geo.Lon)).Node)
	}
	n.add("phone", str(s.Phone)).add("url", str(s.URL)).
		add("languages", list(s.Languages, yaml.FlowStyle))
	if s.ByAppointment {
		n.add("by_appointment", plain("!!bool", "true"))
	}
	if !s.Hours.Empty() {
		h := block()
		for _, key := range content.WeekdayKeys {
			var ranges []string
			for _, r := range s.Hours[weekdayOf(key)] {
				ranges = append(ranges, r.String())
			}
			h.add(key, list(ranges, yaml.FlowStyle))
		}
		n.add("hours", h.Node)
	}
	return n.Node
}
