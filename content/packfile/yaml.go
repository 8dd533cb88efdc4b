package packfile

import (
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// origin is where one object (the pack, a region, a topic, an intent, a
// service) was read from: its file, its field prefix in that file and the
// line of each field, so that later checks can point at the right line.
type origin struct {
	file   string
	prefix string // "regions[1]." for a region in pack.yaml; "" for a whole file
	line   int
	lines  map[uint64]int32 // field path (without prefix), by fieldKey → line
	errs   *errorList
}

func newOrigin(file, prefix string, line int, errs *errorList) *origin {
	return &origin{file: file, prefix: prefix, line: line, lines: map[uint64]int32{}, errs: errs}
}

// fieldKey is a field path as origin.lines keeps it: a 64-bit hash, not
// the path, for a large pack has hundreds of paths in each of thousands
// of files until it is checked.
func fieldKey(field string) uint64 { return maphash.String(fieldSeed, field) }

var fieldSeed = maphash.MakeSeed()

// setLine records the line of field.
func (o *origin) setLine(field string, line int) { o.lines[fieldKey(field)] = int32(line) }

// fail reports an error at node n about field.
func (o *origin) fail(n *yaml.Node, field, format string, args ...any) {
	line := o.line
	if n != nil {
		line = n.Line
	}
	o.errs.addf(content.PackError{File: o.file, Line: line, Field: o.prefix + field}, format, args...)
}

// failAt reports an error about field at the field's line.
func (o *origin) failAt(field, format string, args ...any) {
	o.errs.addf(content.PackError{File: o.file, Line: o.at(field), Field: o.prefix + field}, format, args...)
}

// at returns the line of field, else of the nearest enclosing field that
// has one, else of the object.
func (o *origin) at(field string) int {
	for field != "" {
		if l, ok := o.lines[fieldKey(field)]; ok {
			return int(l)
		}
		i := strings.LastIndexAny(field, ".[")
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return o.line
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func item(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// deref follows aliases (bounded, so a hostile alias chain cannot loop).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "something else"
}

// mapping calls fn for each key of the mapping n, in file order. Unknown and
// duplicate keys are errors. A null node is an empty mapping. It reports
// whether n was a mapping.
func (o *origin) mapping(n *yaml.Node, field string, known []string, fn func(key string, v *yaml.Node)) bool {
	n = deref(n)
	if isNull(n) {
		return true
	}
	if n.Kind != yaml.MappingNode {
		o.fail(n, field, "must be a mapping (key: value), not %s", kindName(n))
		return false
	}
	seen := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), n.Content[i+1]
		if k == nil || k.Kind != yaml.ScalarNode {
			o.fail(n.Content[i], field, "keys must be single values")
			continue
		}
		key, path := k.Value, join(field, k.Value)
		switch {
		case known != nil && !contains(known, key):
			o.fail(k, join(field, shownKey(key)), "unknown field (known fields: %s)", strings.Join(known, ", "))
		case seen[key]:
			o.fail(k, path, "duplicate key")
		default:
			seen[key] = true
			o.setLine(path, k.Line)
			fn(key, v)
		}
	}
	return true
}

// shownKey is an unknown key as an error shows it: a typo of a field name
// as written, anything else (a line of some other file) not at all.
func shownKey(key string) string {
	if len(key) > 40 || strings.IndexFunc(key, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.' || r == ' ')
	}) >= 0 {
		return fmt.Sprintf("(a key of %d characters that is no field name)", utf8.RuneCountInString(key))
	}
	return key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// str returns a single value as text; null is "".
func (o *origin) str(n *yaml.Node, field string) string {
	n = deref(n)
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		o.fail(n, field, "must be a single value, not %s", kindName(n))
		return ""
	}
	return n.Value
}

// list calls fn for each item of the sequence n; null is empty.
func (o *origin) list(n *yaml.Node, field string, fn func(i int, v *yaml.Node)) {
	n = deref(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		o.fail(n, field, "must be a list, not %s", kindName(n))
		return
	}
	for i, v := range n.Content {
		o.setLine(item(field, i), v.Line)
		fn(i, v)
	}
}

// strs returns a list of single values; an empty list is nil.
func (o *origin) strs(n *yaml.Node, field string) []string {
	var out []string
	if l := deref(n); l != nil && l.Kind == yaml.SequenceNode && len(l.Content) > 0 {
		out = make([]string, 0, len(l.Content)) // no room to grow: a pack keeps hundreds of thousands
	}
	o.list(n, field, func(i int, v *yaml.Node) { out = append(out, o.str(v, item(field, i))) })
	return out
}

// strMap returns a mapping of single values with any keys; empty is nil.
func (o *origin) strMap(n *yaml.Node, field string) map[string]string {
	var out map[string]string
	o.mapping(n, field, nil, func(k string, v *yaml.Node) {
		if out == nil {
			out = map[string]string{}
		}
		out[k] = o.str(v, join(field, k))
	})
	return out
}

func (o *origin) text(n *yaml.Node, field string) content.Text {
	return content.Text(o.strMap(n, field))
}

func (o *origin) boolean(n *yaml.Node, field string) bool {
	n = deref(n)
	if isNull(n) {
		return false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		o.fail(n, field, "must be true or false")
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

func (o *origin) float(n *yaml.Node, field string) float64 {
	n = deref(n)
	if n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "!!float" || n.Tag == "!!int") {
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) {
			return f
		}
	}
	o.fail(n, field, "must be a number")
	return 0
}

// date reads YYYY-MM-DD as midnight UTC; null is the zero time.
func (o *origin) date(n *yaml.Node, field string) time.Time {
	s := o.str(n, field)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		o.fail(n, field, "must be a date written YYYY-MM-DD, not %q", s)
	}
	return t
}
