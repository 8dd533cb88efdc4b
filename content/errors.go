package content

import (
	"strconv"
	"strings"
)

// PackError is one thing wrong in a content pack. Errors from files name the
// file (relative to the pack root, slash-separated) and the line; errors from
// ValidatePack name the Object instead, e.g. "intent health.find_doctor (at)".
type PackError struct {
	File   string // pack file, e.g. "intents/health/doctor.yaml"; "" when not from a file
	Line   int    // 1-based line in File; 0 when unknown
	Field  string // path of the field in the file, e.g. "translations.fa.answer"
	Msg    string // what is wrong
	Object string // the object, when File is "" (ValidatePack)
}

// Error prints "file:line: field: msg" (or "object: field: msg").
func (e PackError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "":
		b.WriteString(e.File)
		if e.Line > 0 {
			b.WriteString(":" + strconv.Itoa(e.Line))
		}
	case e.Object != "":
		b.WriteString(e.Object)
	default:
		b.WriteString("pack")
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// PackErrors is every error found in a pack, one per line when printed.
// Use errors.As to get it from the error packfile.Load or ValidatePack returns.
type PackErrors []PackError

func (es PackErrors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives each PackError, so errors.As also finds a single PackError.
func (es PackErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
