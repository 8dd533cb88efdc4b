package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"**bold** _it_ ~~s~~ `code` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`" + `code\` + "`" + ` \|\|spoiler\|\|`},
		{"# heading\n## sub\n-# small\ntext # not a heading", "\\# heading\n\\## sub\n\\-# small\ntext # not a heading"},
		{"> quote", `\> quote`},
		{"[click](https://evil.example)", `\[click\](<https://evil.example>)`},
		{"see https://www.oesterreich.gv.at/themen/leben_in_oesterreich.html.", "see <https://www.oesterreich.gv.at/themen/leben_in_oesterreich.html>."},
		{"@everyone and @here", "@\u200beveryone and @\u200bhere"},
		{"<@123> <@&456> <#789>", `\<@123\> \<@&456\> \<#789\>`},
		{`back\slash`, `back\\slash`},
		{"- list item\n1. numbered", "- list item\n1. numbered"},
		{"مرحبا بك في غراتس", "مرحبا بك في غراتس"},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("escapeMarkdown(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitText(t *testing.T) {
	para := strings.Repeat("word ", 100) // 500
	text := strings.Join([]string{para, para, para, para, para}, "\n\n")
	chunks := splitText(text, 1100)
	if len(chunks) != 3 {
		t.Fatalf("%d chunks, want 3 (two paragraphs each, at paragraph breaks)", len(chunks))
	}
	for _, c := range chunks {
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, "\n") {
			t.Errorf("chunk not trimmed: %q…", c[:20])
		}
	}
	// No break anywhere: cut between characters, never inside an escape.
	long := strings.Repeat(`\*`, 30)
	for _, c := range splitText(long, 7) {
		if escapedAt(c, len(c)) {
			t.Errorf("chunk %q ends in a lone backslash", c)
		}
	}
	// UTF-16: emoji count twice.
	emoji := strings.Repeat("😀", 1500)
	for _, c := range splitText(emoji, 2000) {
		if textLen(c) > 2000 {
			t.Errorf("chunk of %d UTF-16 units", textLen(c))
		}
	}
}

// FuzzSplitText: never a chunk over the limit, never an empty one, no
// visible text lost or reordered, valid UTF-8 kept valid.
func FuzzSplitText(f *testing.F) {
	f.Add("Hello world\n\nSecond paragraph", 10)
	f.Add(strings.Repeat(`\_`, 50), 5)
	f.Add("😀😀😀 a b", 3)
	f.Add("x", 1)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if limit < 2 || limit > 5000 || !utf8.ValidString(s) {
			return
		}
		chunks := splitText(s, limit)
		var all strings.Builder
		for _, c := range chunks {
			if textLen(c) > limit {
				t.Fatalf("chunk of %d > %d", textLen(c), limit)
			}
			if strings.TrimSpace(c) == "" {
				t.Fatalf("empty chunk")
			}
			if !utf8.ValidString(c) {
				t.Fatalf("invalid UTF-8 chunk %q", c)
			}
			all.WriteString(c)
		}
		if strip(all.String()) != strip(s) {
			t.Fatalf("text changed:\n%q\n%q", strip(s), strip(all.String()))
		}
	})
}

// strip removes whitespace: splitting may drop the whitespace it cuts at.
func strip(s string) string { return strings.Join(strings.Fields(s), "") }

// FuzzEscapeMarkdown: the escaped text never lets markdown through: every
// special character is escaped or inside a <url>, and nothing is lost.
func FuzzEscapeMarkdown(f *testing.F) {
	f.Add("**bold** [x](https://a.b) @everyone <@1>")
	f.Add("# title\n> quote")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out := escapeMarkdown(s)
		if unescaped(out) != s {
			t.Fatalf("escapeMarkdown(%q) = %q reads back as %q", s, out, unescaped(out))
		}
	})
}

// unescaped reads escaped text back the way Discord shows it: backslash
// escapes dropped, <url> brackets dropped, the zero-width space after @
// dropped.
func unescaped(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case s[i] == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 && urlPattern.MatchString(s[i+1:i+j]) {
				b.WriteString(s[i+1 : i+j])
				i += j
				continue
			}
			b.WriteByte(s[i])
		case strings.HasPrefix(s[i:], "@\u200b"):
			b.WriteByte('@')
			i += len("\u200b")
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
