package packfile

import (
	"errors"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/compassbot/compass/content"
)

// emergencyDir holds a pack's own emergency phrases: one file per pack
// language, emergency/<lang>.txt, in the phrase-list format (see
// content.ParsePhraseList). They add to the router's built-in lists.
const emergencyDir = "emergency"

// readEmergencyPhrases reads emergency/*.txt, in lexical order; other
// files are skipped. A missing directory is no error.
func (l *loader) readEmergencyPhrases() []content.PhraseList {
	if _, err := checkLinks(l.fsys, emergencyDir); err != nil {
		l.errs.addf(content.PackError{File: emergencyDir}, "%v", err)
		return nil
	}
	entries, err := fs.ReadDir(l.fsys, emergencyDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.errs.addf(content.PackError{File: emergencyDir}, "cannot read: %v", err)
		return nil
	}
	var out []content.PhraseList
	for _, e := range entries {
		name := path.Join(emergencyDir, e.Name())
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || path.Ext(name) != ".txt" {
			continue
		}
		data, ok := l.readText(name)
		if !ok {
			continue
		}
		pl, err := content.ParsePhraseList(name, strings.TrimSuffix(e.Name(), ".txt"), data, content.EmergencyKinds)
		if err != nil {
			for _, msg := range strings.Split(err.Error(), "\n") {
				// "name:line: what" → the line, then what.
				msg = strings.TrimPrefix(msg, name)
				line := 0
				if rest, ok := strings.CutPrefix(msg, ":"); ok {
					n, what, _ := strings.Cut(rest, ":")
					if l, err := strconv.Atoi(n); err == nil {
						line, msg = l, what
					}
				}
				l.errs.addf(content.PackError{File: name, Line: line}, "%s", strings.TrimSpace(strings.TrimPrefix(msg, ":")))
			}
			continue
		}
		out = append(out, pl)
		l.phrases = append(l.phrases, name)
	}
	return out
}

// phraseFile returns the file of the phrase list a rule names by the
// field emergency_phrases[i].
func (l *loader) phraseFile(field string) (string, bool) {
	rest, ok := strings.CutPrefix(field, "emergency_phrases[")
	if !ok {
		return "", false
	}
	n, _, _ := strings.Cut(rest, "]")
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(l.phrases) {
		return "", false
	}
	return l.phrases[i], true
}

// readText reads a small text file of the pack, with the checks and
// limits of every pack file (readFile).
func (l *loader) readText(name string) ([]byte, bool) {
	if l.full || l.ctx.Err() != nil {
		return nil, false
	}
	data, err := l.readFile(name)
	if err != nil {
		l.errs.addf(content.PackError{File: name}, "%s", errOpen(err))
		return nil, false
	}
	return data, true
}
