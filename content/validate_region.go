package content

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	_ "time/tzdata" // time zones work in static images without zoneinfo
)

// regionTree checks the regions: ids, parents, loops, names, languages,
// time zones, emergency numbers and helplines.
func (c *checker) regionTree() {
	for i, r := range c.p.Regions {
		if r == nil {
			c.errf(c.p, item("regions", i), "is missing (nil)")
			continue
		}
		if c.id(r, "id", r.ID, placeIDPattern, `lower-case letters, digits, "-" and "_" (like "at-graz")`) {
			if c.regions[r.ID] != nil {
				c.errf(r, "id", "region %q is defined twice", r.ID)
				continue
			}
			c.regions[r.ID] = r
		}
	}
	loops := c.inLoops()
	for _, r := range c.p.Regions {
		if r != nil {
			c.region(r, loops[r.ID])
		}
	}
}

func (c *checker) region(r *Region, inLoop bool) {
	switch {
	case r.Parent == "":
	case c.regions[r.Parent] == nil:
		c.errf(r, "parent", "unknown region %q", r.Parent)
	case inLoop:
		c.errf(r, "parent", "regions must form a tree, but the parents of %q lead back to it", r.ID)
	}
	c.text(r, "name", r.Name)
	c.text(r, "volunteer_hours", r.VolunteerHours)
	if r.LocalLanguage != "" {
		c.lang(r, "local_language", r.LocalLanguage)
	}
	if r.Timezone != "" {
		if msg := zoneProblem(r.Timezone); msg != "" {
			c.errf(r, "timezone", "%s", msg)
		}
	}
	for _, kind := range Text(r.Emergency).Langs() {
		c.kind(r, join("emergency", kind), kind)
		c.phone(r, join("emergency", kind), r.Emergency[kind], true)
	}
	for i, h := range r.Helplines {
		f := item("helplines", i)
		if h.Kind == "" {
			c.errf(r, f+".kind", "must not be empty")
		} else {
			c.kind(r, f+".kind", h.Kind)
		}
		c.phone(r, f+".phone", h.Phone, true)
		if len(h.Name) == 0 {
			c.errf(r, f+".name", "a helpline needs a name in at least one language")
		}
		c.text(r, f+".name", h.Name)
	}
	if cal := r.HolidayCalendar; cal != "" && !calendarPattern.MatchString(cal) {
		c.errf(r, "holiday_calendar", `%q is not a calendar id: use a country code like "at", a state like "de-by", or "none"`, cal)
	}
	c.exceptions(r, "holidays", r.Holidays, false)
	for i, d := range r.Districts {
		f := item("districts", i)
		if len(d.Name) == 0 {
			c.errf(r, f+".name", "a district needs a name in at least one language")
		}
		c.text(r, f+".name", d.Name)
		c.nonEmpty(r, f+".aliases", d.Aliases)
		c.geo(r, f+".geo", d.Geo)
	}
}

func (c *checker) kind(obj any, field, kind string) {
	if !kindPattern.MatchString(kind) {
		c.errf(obj, field, `%q is not a valid kind: use lower-case letters, digits and "_" (like "police")`, kind)
	}
}

// phone checks a phone number: it must have digits; required says that an
// empty one is an error too.
func (c *checker) phone(obj any, field, number string, required bool) {
	switch {
	case strings.TrimSpace(number) == "" && required:
		c.errf(obj, field, "needs a phone number")
	case number != "" && !digitPattern.MatchString(number):
		c.errf(obj, field, "%q is not a phone number (it has no digits)", number)
	}
}

// inLoops returns the regions whose parent chain comes back to them, in
// time linear in the number of regions (a hostile pack may hold many).
func (c *checker) inLoops() map[string]bool {
	loops := map[string]bool{}
	done := map[string]bool{}
	for _, r := range c.p.Regions {
		if r == nil {
			continue
		}
		pos := map[string]int{} // region on the current walk → its index
		var walk []string
		for id := r.ID; id != "" && !done[id] && c.regions[id] != nil; id = c.regions[id].Parent {
			if i, seen := pos[id]; seen {
				for _, x := range walk[i:] {
					loops[x] = true
				}
				break
			}
			pos[id] = len(walk)
			walk = append(walk, id)
		}
		for _, x := range walk {
			done[x] = true
		}
	}
	return loops
}

// tagProblem says what is wrong with a BCP 47 language tag, or "".
func tagProblem(tag string) string {
	t, err := language.Raw.Parse(tag)
	switch {
	case tag == "":
		return "language tag must not be empty"
	case err != nil:
		return "\"" + tag + "\" is not a valid BCP 47 language tag (like \"en\", \"fa\" or \"sr-Latn\")"
	case t.String() != tag:
		return "write the language tag \"" + tag + "\" as \"" + t.String() + "\""
	}
	return ""
}

var zones sync.Map // name → problem ("" if fine); loading a zone is slow

// zoneProblem says what is wrong with an IANA time zone name, or "".
func zoneProblem(name string) string {
	if v, ok := zones.Load(name); ok {
		return v.(string)
	}
	msg := ""
	if _, err := time.LoadLocation(name); err != nil || name == "Local" {
		msg = "unknown time zone \"" + name + "\": use an IANA name like \"Europe/Vienna\""
	}
	zones.Store(name, msg)
	return msg
}
