package telegramtest

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf16"
)

// allowedTags are the tags Telegram's HTML parse mode accepts.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "a": true, "code": true, "pre": true, "tg-spoiler": true,
	"span": true, "blockquote": true, "tg-emoji": true,
}

// ParseHTML parses text the way Telegram's HTML parse mode does and returns
// the visible text. It fails for unknown or unbalanced tags, a '<' or '>'
// outside a tag, and a '&' that does not start a supported entity (&lt;
// &gt; &amp; &quot; and numeric ones).
func ParseHTML(text string) (string, error) {
	var out strings.Builder
	var open []string
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '<':
			j := strings.IndexByte(text[i:], '>')
			if j < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := text[i+1 : i+j]
			if strings.HasPrefix(tag, "/") {
				name := strings.ToLower(strings.TrimSpace(tag[1:]))
				if len(open) == 0 || open[len(open)-1] != name {
					return "", fmt.Errorf("unmatched end tag \"%s\" at byte offset %d", name, i)
				}
				open = open[:len(open)-1]
			} else {
				name, attrs, _ := strings.Cut(tag, " ")
				name = strings.ToLower(name)
				if !allowedTags[name] {
					return "", fmt.Errorf("unsupported start tag \"%s\" at byte offset %d", name, i)
				}
				if strings.ContainsAny(attrs, "<") || strings.Count(attrs, `"`)%2 != 0 {
					return "", fmt.Errorf("bad attributes of tag \"%s\" at byte offset %d", name, i)
				}
				if name == "a" && !strings.HasPrefix(strings.TrimSpace(attrs), `href="`) {
					return "", fmt.Errorf("tag \"a\" without href at byte offset %d", i)
				}
				open = append(open, name)
			}
			i += j + 1
		case '>':
			return "", fmt.Errorf("unexpected '>' at byte offset %d", i)
		case '&':
			j := strings.IndexByte(text[i:], ';')
			if j < 0 || j > 10 {
				return "", fmt.Errorf("unescaped '&' at byte offset %d", i)
			}
			ent := text[i : i+j+1]
			switch {
			case ent == "&lt;" || ent == "&gt;" || ent == "&amp;" || ent == "&quot;":
			case strings.HasPrefix(ent, "&#") && html.UnescapeString(ent) != ent:
			default:
				return "", fmt.Errorf("unsupported entity %q at byte offset %d", ent, i)
			}
			out.WriteString(html.UnescapeString(ent))
			i += j + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if len(open) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag \"%s\"", open[len(open)-1])
	}
	return out.String(), nil
}

// TextLen is the length of s as Telegram counts it: UTF-16 code units.
func TextLen(s string) int { return len(utf16.Encode([]rune(s))) }
