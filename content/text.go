package content

import "sort"

// Text is a short string in several languages, keyed by BCP 47 tag.
type Text map[string]string

// In returns the text in the first of langs that has one, then in any
// language (the lexically first tag, so the choice is stable), or "".
func (t Text) In(langs ...string) string {
	for _, l := range langs {
		if s, ok := t[l]; ok && s != "" {
			return s
		}
	}
	for _, l := range t.Langs() {
		if t[l] != "" {
			return t[l]
		}
	}
	return ""
}

// Langs returns the tags that have a text, sorted.
func (t Text) Langs() []string {
	out := make([]string, 0, len(t))
	for l := range t {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}
