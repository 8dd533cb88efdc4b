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
	for _, r := range c.p.Regions {
		if r != nil {
			c.region(r)
		}
	}
}

func (c *checker) region(r *Region) {
	switch {
	case r.Parent == "":
	case c.regions[r.Parent] == nil:
		c.errf(r, "parent", "unknown region %q", r.Parent)
	case c.loops(r):
		c.errf(r, "parent", "regions must form a tree, but the parents of %q lead back to it", r.ID)
	}
	c.text(r, "name", r.Name)
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
		if strings.TrimSpace(r.Emergency[kind]) == "" {
			c.errf(r, join("emergency", kind), "needs a phone number")
		}
	}
	for i, h := range r.Helplines {
		f := item("helplines", i)
		if h.Kind == "" {
			c.errf(r, f+".kind", "must not be empty")
		} else {
			c.kind(r, f+".kind", h.Kind)
		}
		if strings.TrimSpace(h.Phone) == "" {
			c.errf(r, f+".phone", "needs a phone number")
		}
		c.text(r, f+".name", h.Name)
	}
}

func (c *checker) kind(obj any, field, kind string) {
	if !kindPattern.MatchString(kind) {
		c.errf(obj, field, `%q is not a valid kind: use lower-case letters, digits and "_" (like "police")`, kind)
	}
}

// loops reports whether following parents from r comes back to r.
func (c *checker) loops(r *Region) bool {
	id := r.Parent
	for range len(c.regions) {
		if id == r.ID {
			return true
		}
		p := c.regions[id]
		if p == nil {
			return false
		}
		id = p.Parent
	}
	return id == r.ID
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
