package packfile

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/compassbot/compass/content"
)

// errorList collects errors while a pack is read or checked. It keeps at
// most perFile errors of one file (0: all) and counts the rest, so that a
// file that is no pack file at all (a copied log, a password file) is not
// printed line by line.
type errorList struct {
	errs    content.PackErrors
	perFile int
	count   map[string]int // errors per file, kept or not
}

func (l *errorList) addf(e content.PackError, format string, args ...any) {
	if l.perFile > 0 && e.File != "" {
		if l.count == nil {
			l.count = map[string]int{}
		}
		if l.count[e.File]++; l.count[e.File] > l.perFile {
			return
		}
	}
	e.Msg = fmt.Sprintf(format, args...)
	l.errs = append(l.errs, e)
}

// err returns the collected errors sorted by file (pack.yaml and
// topics.yaml first) and line, or nil. A file with more errors than were
// kept ends with one that says how many more it has.
func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	for file, n := range l.count {
		if n > l.perFile {
			l.errs = append(l.errs, content.PackError{File: file, Line: math.MaxInt,
				Msg: fmt.Sprintf("%d more errors in this file not listed (is it a content pack file?)", n-l.perFile)})
		}
	}
	slices.SortStableFunc(l.errs, func(a, b content.PackError) int {
		return cmp.Or(
			cmp.Compare(fileRank(a.File), fileRank(b.File)),
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line))
	})
	for i := range l.errs {
		if l.errs[i].Line == math.MaxInt {
			l.errs[i].Line = 0
		}
	}
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
