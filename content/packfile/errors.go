package packfile

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/compassbot/compass/content"
)

// errorList collects errors while a pack is read or checked.
type errorList struct{ errs content.PackErrors }

func (l *errorList) addf(e content.PackError, format string, args ...any) {
	e.Msg = fmt.Sprintf(format, args...)
	l.errs = append(l.errs, e)
}

// err returns the collected errors sorted by file (pack.yaml and
// topics.yaml first) and line, or nil.
func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(l.errs, func(a, b content.PackError) int {
		return cmp.Or(
			cmp.Compare(fileRank(a.File), fileRank(b.File)),
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line))
	})
	// The implicit region shares the pack's lines: drop repeated errors.
	l.errs = slices.Compact(l.errs)
	return l.errs
}

func fileRank(file string) int {
	switch file {
	case packFile:
		return 0
	case topicsFile:
		return 1
	}
	return 2
}
