package discord

import (
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageLen is Discord's limit for a message's content.
const MaxMessageLen = 2000

// textLen counts as Discord's limits do, in UTF-16 code units (never fewer
// than characters, so a text within it is within Discord's count).
func textLen(s string) int { return len(utf16.Encode([]rune(s))) }

var urlPattern = regexp.MustCompile(`https?://[^\s<>]+[^\s<>.,;:!?)\]'"]`)

// escapeMarkdown makes Discord show text as written: no bold or italics,
// no code, spoilers, quotes or headings, no masked links, no mentions of
// users, roles, channels, @everyone or @here (allowed_mentions keeps them
// from pinging anyway; this keeps them from even looking like one). URLs
// stay clickable and are wrapped in <> so that they do not unfold into
// previews.
func escapeMarkdown(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range urlPattern.FindAllStringIndex(s, -1) {
		escapePlain(&b, s[last:m[0]], last == 0 || s[last-1] == '\n')
		b.WriteString("<" + s[m[0]:m[1]] + ">")
		last = m[1]
	}
	escapePlain(&b, s[last:], last == 0 || s[last-1] == '\n')
	return b.String()
}

// markdownChars are escaped wherever they appear.
const markdownChars = "\\*_~`|[]<>"

func escapePlain(b *strings.Builder, s string, lineStart bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.ContainsRune(markdownChars, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '#' && lineStart, r == '-' && lineStart && strings.HasPrefix(s[i:], "-#"):
			b.WriteByte('\\') // "# heading", "-# subtext"
			b.WriteRune(r)
		case r == '@' && (strings.HasPrefix(s[i+1:], "everyone") || strings.HasPrefix(s[i+1:], "here")):
			b.WriteString("@\u200b")
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
		i += size
	}
}

// splitText cuts text into chunks of at most limit (textLen): at a
// paragraph break, else a line break, else between words, else between
// characters, never just after a backslash that escapes the next one.
// Chunks are trimmed of the whitespace they were cut at; no visible text
// is lost.
func splitText(s string, limit int) []string {
	var out []string
	s = strings.TrimSpace(s)
	for textLen(s) > limit {
		head := prefixWithin(s, limit)
		cut := -1
		for _, sep := range []string{"\n\n", "\n", " "} {
			if i := strings.LastIndex(head, sep); i > 0 {
				cut = i
				break
			}
		}
		if cut < 0 {
			cut = len(head)
			for cut > 1 && escapedAt(head, cut) {
				_, size := utf8.DecodeLastRuneInString(head[:cut])
				cut -= size
			}
		}
		if chunk := strings.TrimSpace(s[:cut]); chunk != "" {
			out = append(out, chunk)
		}
		s = strings.TrimSpace(s[cut:])
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// prefixWithin is the longest prefix of s, at a character boundary, of at
// most limit UTF-16 units.
func prefixWithin(s string, limit int) string {
	n := 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if w < 0 {
			w = 1
		}
		if n+w > limit {
			return s[:i]
		}
		n += w
	}
	return s
}

// escapedAt reports whether cutting s at i would separate a backslash from
// the character it escapes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// clip shortens s to at most limit UTF-16 units, ending in "…" when cut.
func clip(s string, limit int) string {
	if textLen(s) <= limit {
		return s
	}
	return strings.TrimSpace(prefixWithin(s, limit-1)) + "…"
}
