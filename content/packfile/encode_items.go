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
	n.add("topics", list(s.Topics, yaml.FlowStyle)).add("kinds", list(s.Kinds, yaml.FlowStyle)).
		add("name", e.text(s.Name)).add("address", str(s.Address))
	if s.Geo != nil {
		n.add("geo", geo(*s.Geo))
	}
	n.add("phone", str(s.Phone)).add("url", str(s.URL)).add("source", str(s.Source)).
		add("languages", list(s.Languages, yaml.FlowStyle))
	if s.ByAppointment {
		n.add("by_appointment", plain("!!bool", "true"))
	}
	if !s.Hours.Empty() || len(s.HolidayHours) > 0 {
		h := block()
		for _, key := range content.WeekdayKeys {
			h.add(key, ranges(s.Hours[weekdayOf(key)]))
		}
		h.add(content.HolidayKey, ranges(s.HolidayHours))
		n.add("hours", h.Node)
	}
	return n.add("exceptions", e.exceptions(s.Exceptions, "note")).Node
}
