package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxTextBytes is how much of a message the engine reads. Longer messages
// are cut (at a character boundary) before matching: nobody's question
// needs more, and it bounds the work one message can cause.
const MaxTextBytes = 4096

// cleanText makes typed text safe to match and to echo: it is cut to
// MaxTextBytes, invalid UTF-8 is dropped, control characters become
// spaces and bidirectional overrides (which can disguise text) are removed.
// Zero-width (non-)joiners stay: Persian and Indic scripts need them.
func cleanText(s string) string {
	if len(s) > MaxTextBytes {
		s = s[:MaxTextBytes]
	}
	return cleanChars(s)
}

// cleanChars is cleanText without the cut: for text of any length (a
// volunteer's reply).
func cleanChars(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == utf8.RuneError:
			return -1
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// parseCommand splits "/start@compassbot at-graz" into ("start", "at-graz").
// Text that does not start with a slash and a command name is no command.
func parseCommand(text string) (name, arg string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	first, rest, _ := strings.Cut(text, " ")
	if i := strings.IndexAny(first, "\n\t"); i >= 0 {
		first, rest = first[:i], first[i+1:]+" "+rest
	}
	name, _, _ = strings.Cut(first[1:], "@")
	if name == "" || len(name) > 32 {
		return "", "", false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return "", "", false
		}
	}
	return strings.ToLower(name), strings.TrimSpace(rest), true
}
