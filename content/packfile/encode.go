package packfile

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// encoder renders pack objects as YAML in the canonical form: fields in the
// order of the *Fields lists, languages in the pack's order, block style
// for objects and long lists, flow style for names and short lists, and
// literal blocks (|) for multi-line answers, double quotes where quotes are
// needed, and no line wrapping.
type encoder struct {
	langs []string // the pack's languages, in order
}

func (e *encoder) file(root *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc, err := yaml.NewDumper(&buf, yaml.WithIndent(2), yaml.WithCompactSeqIndent(false),
		yaml.WithLineWidth(-1), yaml.WithUnicode(true), yaml.WithQuotePreference(yaml.QuoteDouble))
	if err != nil {
		return nil, err
	}
	if err := enc.Dump(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// node is a mapping under construction; empty values are left out.
type node struct{ *yaml.Node }

func block() node { return node{&yaml.Node{Kind: yaml.MappingNode}} }
func flow() node  { return node{&yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}} }

func (n node) add(key string, v *yaml.Node) node {
	if v != nil {
		n.Content = append(n.Content, str(key), v)
	}
	return n
}

// str is a text value, a literal block when it has several lines; "" is nil.
func str(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func plain(tag, s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s} }

func number(f float64) *yaml.Node { return plain("!!float", strconv.FormatFloat(f, 'f', -1, 64)) }

func date(t time.Time) *yaml.Node {
	if t.IsZero() {
		return nil
	}
	return plain("!!timestamp", t.Format(time.DateOnly))
}

// list is a sequence of texts; nil when empty.
func list(items []string, style yaml.Style) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: style}
	for _, s := range items {
		v := str(s)
		if v == nil {
			v = plain("!!str", "")
		}
		n.Content = append(n.Content, v)
	}
	return n
}

// order returns keys in the pack's language order, others sorted after.
func (e *encoder) order(keys []string) []string {
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := slices.Index(e.langs, a), slices.Index(e.langs, b)
		switch {
		case ia >= 0 && ib >= 0:
			return ia - ib
		case ia >= 0:
			return -1
		case ib >= 0:
			return 1
		}
		return strings.Compare(a, b)
	})
	return keys
}

// text is a flow mapping language → text; nil when empty.
func (e *encoder) text(t content.Text) *yaml.Node {
	if len(t) == 0 {
		return nil
	}
	n := flow()
	for _, l := range e.order(t.Langs()) {
		n.add(l, plain("!!str", t[l]))
	}
	return n.Node
}

func (e *encoder) pack(p *content.Pack) *yaml.Node {
	n := block().add("id", str(p.ID)).add("name", str(p.Name)).
		add("source_language", str(p.SourceLanguage)).add("languages", list(p.Languages, yaml.FlowStyle))
	if implicit := len(p.Regions) == 1 && isImplicitRegion(p.Regions[0], p.ID); !implicit && len(p.Regions) > 0 {
		regions := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range p.Regions {
			regions.Content = append(regions.Content, e.region(r))
		}
		n.add("regions", regions)
	}
	return n.Node
}

// isImplicitRegion reports whether r is what Load makes for a pack
// without regions, so that Write leaves it out again.
func isImplicitRegion(r *content.Region, packID string) bool {
	return r.ID == packID && r.Parent == "" && len(r.Name) == 0 && r.LocalLanguage == "" &&
		r.Timezone == "" && len(r.Emergency) == 0 && len(r.Helplines) == 0 && r.HolidayCalendar == "" &&
		len(r.Holidays) == 0 && len(r.Districts) == 0 && len(r.VolunteerHours) == 0
}

func (e *encoder) region(r *content.Region) *yaml.Node {
	n := block().add("id", str(r.ID)).add("parent", str(r.Parent)).add("name", e.text(r.Name)).
		add("local_language", str(r.LocalLanguage)).add("timezone", str(r.Timezone))
	if len(r.Emergency) > 0 {
		em := flow()
		for _, k := range emergencyOrder(r.Emergency) {
			em.add(k, plain("!!str", r.Emergency[k]))
		}
		n.add("emergency", em.Node)
	}
	if len(r.Helplines) > 0 {
		hl := &yaml.Node{Kind: yaml.SequenceNode}
		for _, h := range r.Helplines {
			hl.Content = append(hl.Content, block().add("kind", str(h.Kind)).add("name", e.text(h.Name)).
				add("phone", str(h.Phone)).add("hours", str(h.Hours)).Node)
		}
		n.add("helplines", hl)
	}
	n.add("holiday_calendar", str(r.HolidayCalendar)).add("holidays", e.exceptions(r.Holidays, "name"))
	if len(r.Districts) > 0 {
		ds := &yaml.Node{Kind: yaml.SequenceNode}
		for _, d := range r.Districts {
			ds.Content = append(ds.Content, block().add("name", e.text(d.Name)).
				add("aliases", list(d.Aliases, yaml.FlowStyle)).add("geo", geo(d.Geo)).Node)
		}
		n.add("districts", ds)
	}
	n.add("volunteer_hours", e.text(r.VolunteerHours))
	return n.Node
}

func geo(g content.Geo) *yaml.Node {
	return flow().add("lat", number(g.Lat)).add("lon", number(g.Lon)).Node
}

// exceptions renders dated exceptions: "date" for one day, else "from" and
// "to"; then hours, then the text under noteKey ("note", or "name" for a
// region's holidays). nil when there are none.
func (e *encoder) exceptions(list []content.Exception, noteKey string) *yaml.Node {
	if len(list) == 0 {
		return nil
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, x := range list {
		n := flow()
		if x.From == x.To {
			n.add("date", plain("!!str", x.From.String()))
		} else {
			n.add("from", plain("!!str", x.From.String())).add("to", plain("!!str", x.To.String()))
		}
		n.add("hours", ranges(x.Hours)).add(noteKey, e.text(x.Note))
		seq.Content = append(seq.Content, n.Node)
	}
	return seq
}

// ranges renders opening hours as a flow list; nil when empty.
func ranges(rs []content.TimeRange) *yaml.Node {
	var out []string
	for _, r := range rs {
		out = append(out, r.String())
	}
	return list(out, yaml.FlowStyle)
}

// emergencyOrder lists the kinds general, police, ambulance, fire first (as
// people know them), then the others alphabetically.
func emergencyOrder(m map[string]string) []string {
	first := []string{"general", "police", "ambulance", "fire"}
	keys := content.Text(m).Langs()
	slices.SortStableFunc(keys, func(a, b string) int {
		ia, ib := slices.Index(first, a), slices.Index(first, b)
		if ia < 0 {
			ia = len(first)
		}
		if ib < 0 {
			ib = len(first)
		}
		return ia - ib
	})
	return keys
}

func (e *encoder) topics(ts []*content.Topic) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, t := range ts {
		n.Content = append(n.Content, block().add("id", str(t.ID)).add("name", e.text(t.Name)).Node)
	}
	return n
}
