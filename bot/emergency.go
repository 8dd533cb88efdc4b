package bot

import (
	"slices"
	"strings"

	"github.com/compassbot/compass/content"
)

// emergencyOrder is the order the usual emergency numbers are listed in;
// other kinds follow alphabetically.
var emergencyOrder = []string{"general", "police", "ambulance", "fire", "health_advice"}

// helplineKinds says which helplines fit an emergency kind reported by the
// matcher.
var helplineKinds = map[string][]string{
	"suicide":  {"suicide"},
	"violence": {"violence", "children"},
	"medical":  {"medical", "poison"},
	"life":     {"suicide", "violence"},
}

// emergency lists the region's emergency numbers and the helplines that fit
// the kind of emergency, in the person's language.
func (c *conversation) emergency(kind string) Reply {
	p := c.st.pack
	lines := []string{tr(c.lang, "emergency_intro")}
	if r := p.RegionSetting(c.region(), func(r *content.Region) bool { return len(r.Emergency) > 0 }); r != nil {
		kinds := slices.Sorted(func(yield func(string) bool) {
			for k := range r.Emergency {
				if !slices.Contains(emergencyOrder, k) && !yield(k) {
					return
				}
			}
		})
		for _, k := range append(slices.Clone(emergencyOrder), kinds...) {
			if n, ok := r.Emergency[k]; ok {
				lines = append(lines, emergencyLabel(c.lang, k)+": "+n)
			}
		}
	} else {
		lines = append(lines, emergencyLabel(c.lang, "general")+": 112")
	}
	help := c.helplines(func(h string) bool { return slices.Contains(helplineKinds[kind], h) || h == kind })
	if len(help) > 0 {
		lines = append(lines, "", tr(c.lang, "helplines"))
		lines = append(lines, help...)
	}
	r := c.reply(strings.Join(lines, "\n"))
	r.Urgent = true // sent before ordinary replies waiting for the platform
	return r
}

// helplines lists, one per line, the region's helplines whose kind fits.
func (c *conversation) helplines(fits func(kind string) bool) []string {
	var lines []string
	r := c.st.pack.RegionSetting(c.region(), func(r *content.Region) bool { return len(r.Helplines) > 0 })
	if r == nil {
		return nil
	}
	for _, h := range r.Helplines {
		if fits(h.Kind) {
			line := h.Name.In(c.chain()...) + ": " + h.Phone
			if h.Hours != "" {
				line += " (" + h.Hours + ")"
			}
			lines = append(lines, line)
		}
	}
	return lines
}

// emergencyLabel names a kind of emergency number; kinds without a
// translation are shown as written in the pack.
func emergencyLabel(lang, kind string) string {
	if s := tr(lang, "em_"+kind); s != "em_"+kind {
		return s
	}
	return kind
}
