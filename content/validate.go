package content

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ValidatePack runs on an in-memory pack (built in code or loaded from the
// database) the same semantic checks packfile.Load runs on files: ids, language
// tags, references, region tree, opening hours, coordinates, URLs, time
// zones and empty texts. Errors name the object, e.g.
// "intent residence.registration (at-graz): translations.fa.answer: must not be empty".
// It returns nil or PackErrors.
func ValidatePack(p *Pack) error {
	if p == nil {
		return PackErrors{{Object: "pack", Msg: "no pack (nil)"}}
	}
	var errs PackErrors
	Validate(p, func(obj any, field, msg string) {
		errs = append(errs, PackError{Object: ObjectName(obj), Field: field, Msg: msg})
	})
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// ObjectName names an object of a pack (a *Region, *Topic, *Intent or
// *Service) for error messages, e.g. "intent health.find_doctor (at)".
func ObjectName(obj any) string {
	id := func(kind, id string) string {
		if id == "" {
			return kind + " (no id)"
		}
		return kind + " " + id
	}
	switch o := obj.(type) {
	case *Region:
		return id("region", o.ID)
	case *Topic:
		return id("topic", o.ID)
	case *Intent:
		return id("intent", o.ID) + " (" + o.Region + ")"
	case *Service:
		return id("service", o.ID)
	}
	return "pack"
}

// Patterns of ids. The spec fixes the pack's and topics'; region, service
// and intent-name ids may also use "_" or "-".
var (
	packIDPattern   = regexp.MustCompile(`^[a-z0-9-]+$`)
	topicIDPattern  = regexp.MustCompile(`^[a-z0-9_]+$`)
	intentIDPattern = regexp.MustCompile(`^[a-z0-9_]+\.[a-z0-9_-]+$`)
	digitPattern    = regexp.MustCompile(`[0-9]`)                 // phone numbers
	placeIDPattern  = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`) // regions, services
	kindPattern     = regexp.MustCompile(`^[a-z0-9_]+$`)          // emergency, helpline and service kinds
	calendarPattern = regexp.MustCompile(`^([a-z]{2}(-[a-z0-9]{1,8})?|none)$`)
)

// checker holds what the rules need to know about the whole pack.
type checker struct {
	p        *Pack
	report   func(obj any, field, msg string)
	langs    map[string]bool
	regions  map[string]*Region
	topics   map[string]bool
	services map[string]bool
}

func (c *checker) errf(obj any, field, format string, args ...any) {
	c.report(obj, field, fmt.Sprintf(format, args...))
}

// Validate checks p and reports each problem with the object (a *Pack,
// *Region, *Topic, *Intent or *Service) and field. The pack-file loader and
// ValidatePack share it, so the rules exist once.
func Validate(p *Pack, report func(obj any, field, msg string)) {
	c := &checker{p: p, report: report, langs: map[string]bool{}, regions: map[string]*Region{},
		topics: map[string]bool{}, services: map[string]bool{}}
	c.pack()
	c.regionTree()
	for i, t := range p.Topics {
		c.topic(i, t)
	}
	for _, s := range p.Services { // before intents, which refer to them
		if s != nil && s.ID != "" {
			c.services[s.ID] = true
		}
	}
	c.intents()
	c.servicesAll()
	c.emergencyPhrases()
}

// emergencyPhrases checks the pack's own emergency phrase lists: one per
// pack language, known kinds, no empty phrase.
func (c *checker) emergencyPhrases() {
	seen := map[string]bool{}
	for i, pl := range c.p.EmergencyPhrases {
		field := item("emergency_phrases", i)
		switch {
		case !c.langs[pl.Lang]:
			c.errf(c.p, field, "language %q is not one of the pack's languages", pl.Lang)
		case seen[pl.Lang]:
			c.errf(c.p, field, "a second list for %q", pl.Lang)
		}
		seen[pl.Lang] = true
		for _, ph := range pl.Phrases {
			if !slices.Contains(EmergencyKinds, ph.Kind) {
				c.errf(c.p, field, "line %d: kind %q is not one of %s", ph.Line, ph.Kind, strings.Join(EmergencyKinds, ", "))
			}
			if strings.Trim(ph.Text, "* ") == "" {
				c.errf(c.p, field, "line %d: empty phrase", ph.Line)
			}
		}
	}
}

func (c *checker) pack() {
	p := c.p
	c.id(p, "id", p.ID, packIDPattern, `lower-case letters, digits and "-" (like "graz")`)
	if len(p.Languages) == 0 {
		c.errf(p, "languages", "must list at least one language")
	}
	for i, l := range p.Languages {
		field := item("languages", i)
		if msg := tagProblem(l); msg != "" {
			c.errf(p, field, "%s", msg)
		} else if c.langs[l] {
			c.errf(p, field, "%q is listed twice", l)
		}
		c.langs[l] = true
	}
	if p.SourceLanguage != "" && !c.langs[p.SourceLanguage] {
		c.errf(p, "source_language", "%q is not one of the pack's languages (%s)", p.SourceLanguage, strings.Join(p.Languages, ", "))
	}
}

// id checks that an id is set and matches its pattern.
func (c *checker) id(obj any, field, id string, re *regexp.Regexp, want string) bool {
	switch {
	case id == "":
		c.errf(obj, field, "must not be empty")
	case !re.MatchString(id):
		c.errf(obj, field, "%q is not a valid id: use %s", id, want)
	default:
		return true
	}
	return false
}

func (c *checker) topic(i int, t *Topic) {
	if t == nil {
		c.errf(c.p, item("topics", i), "is missing (nil)")
		return
	}
	if c.id(t, "id", t.ID, topicIDPattern, `lower-case letters, digits and "_" (like "health")`) {
		if c.topics[t.ID] {
			c.errf(t, "id", "topic %q is defined twice", t.ID)
		}
		c.topics[t.ID] = true
	}
	if len(t.Name) == 0 {
		c.errf(t, "name", "a topic needs a name in at least one language")
	}
	c.text(t, "name", t.Name)
}

// text checks a name in several languages.
func (c *checker) text(obj any, field string, t Text) {
	for _, l := range t.Langs() {
		c.lang(obj, join(field, l), l)
		if strings.TrimSpace(t[l]) == "" {
			c.errf(obj, join(field, l), "must not be empty")
		}
	}
}

// lang checks that l is a valid tag listed in the pack's languages.
func (c *checker) lang(obj any, field, l string) bool {
	if msg := tagProblem(l); msg != "" {
		c.errf(obj, field, "%s", msg)
		return false
	}
	if len(c.langs) > 0 && !c.langs[l] { // no languages: reported once, on the pack
		c.errf(obj, field, "%q is not one of the pack's languages (%s)", l, strings.Join(c.p.Languages, ", "))
		return false
	}
	return true
}

// uniqueRefs checks a list of references: each known, none twice.
func (c *checker) uniqueRefs(obj any, field, kind string, refs []string, known map[string]bool) {
	seen := make(map[string]bool, len(refs))
	for i, r := range refs {
		switch {
		case !known[r]:
			c.errf(obj, item(field, i), "unknown %s %q", kind, r)
		case seen[r]:
			c.errf(obj, item(field, i), "%q is listed twice", r)
		}
		seen[r] = true
	}
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func item(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }
