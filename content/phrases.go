package content

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// Phrase lists are plain-text data files, one per language, that the
// matcher reads besides the pack's intents: the emergency router's phrases
// (built into the binary, and added to by a pack for its languages) and
// small talk. One phrase a line, after its kind:
//
//	# Emergency phrases in Ukrainian (uk). Comments start with "#".
//	review: team
//	suicide: не хочу жити
//	violence: б'є мене
//
// The review line says who has read the list: see ReviewStatuses.

// Phrase is one line of a phrase list.
type Phrase struct {
	Lang string // the list's language
	Kind string // e.g. "suicide" or, for small talk, "greeting"
	Text string // as people type it; a trailing "*" on a word matches word beginnings (emergency phrases)
	Line int    // line in its file, for messages
}

// PhraseList is a parsed phrase file.
type PhraseList struct {
	Lang    string
	Review  string // one of ReviewStatuses
	Phrases []Phrase
}

// ReviewStatuses are the review states of a phrase list, from least to
// most trusted: "draft" (written without anyone who speaks the language;
// must be read by a native speaker before it is relied on), "team"
// (written by the team from knowledge of the language; not yet read by a
// native speaker), "reviewed" (a native speaker has read every line).
var ReviewStatuses = []string{"draft", "team", "reviewed"}

// EmergencyKinds are the kinds of emergency phrases, most urgent first.
var EmergencyKinds = []string{"suicide", "violence", "medical", "life"}

// ParsePhraseList reads a phrase file for lang. kinds lists the kinds
// allowed. Every problem is reported as "name:line: what", and a phrase
// listed twice in the file is one (the duplicate's line is named).
func ParsePhraseList(name, lang string, data []byte, kinds []string) (PhraseList, error) {
	pl := PhraseList{Lang: lang}
	var errs []string
	fail := func(n int, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", name, n, fmt.Sprintf(format, args...)))
	}
	if msg := tagProblem(lang); msg != "" {
		errs = append(errs, fmt.Sprintf("%s: language %s", name, msg))
	}
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<16)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, text, ok := strings.Cut(line, ":")
		key, text = strings.TrimSpace(key), strings.Join(strings.Fields(text), " ")
		switch {
		case !ok:
			fail(n, `want "kind: phrase", got %q`, line)
		case key == "review":
			if pl.Review != "" {
				fail(n, "review status given twice")
			} else if !slices.Contains(ReviewStatuses, text) {
				fail(n, "review status %q is not one of %s", text, strings.Join(ReviewStatuses, ", "))
			}
			pl.Review = text
		case !slices.Contains(kinds, key):
			fail(n, "kind %q is not one of %s", key, strings.Join(kinds, ", "))
		case strings.Trim(text, "* ") == "":
			fail(n, "empty phrase")
		default:
			if first, dup := seen[strings.ToLower(text)]; dup {
				fail(n, "%q repeats line %d", text, first)
				continue
			}
			seen[strings.ToLower(text)] = n
			pl.Phrases = append(pl.Phrases, Phrase{Lang: lang, Kind: key, Text: text, Line: n})
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if pl.Review == "" && len(errs) == 0 {
		errs = append(errs, fmt.Sprintf(`%s: no "review:" line (one of %s)`, name, strings.Join(ReviewStatuses, ", ")))
	}
	if len(errs) > 0 {
		return PhraseList{}, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return pl, nil
}
