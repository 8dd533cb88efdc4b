package telegram

import (
	"strings"
	"testing"
	"unicode"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

func TestSplitHTML(t *testing.T) {
	para := strings.Repeat("word ", 10) // 50 visible
	tests := []struct {
		name  string
		doc   string
		limit int
		want  []string
	}{
		{"fits", "short", 10, []string{"short"}},
		{"blank gives nothing", " \n ", 10, nil},
		{"paragraph boundary first", "aaaa bbbb\n\ncccc", 12, []string{"aaaa bbbb", "cccc"}},
		{"line before word", "aaa bbb\nccc ddd", 10, []string{"aaa bbb", "ccc ddd"}},
		{"word when no line", "aaa bbb ccc", 8, []string{"aaa bbb", "ccc"}},
		{"characters when one long word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"entity never cut", "ab&amp;cd", 3, []string{"ab&amp;", "cd"}},
		{"tag closed and reopened", "<b>aaaa bbbb</b>", 5, []string{"<b>aaaa</b>", "<b>bbbb</b>"}},
		{"link reopened with href", `<a href="https://x.at">aaa bbb</a>`, 4,
			[]string{`<a href="https://x.at">aaa</a>`, `<a href="https://x.at">bbb</a>`}},
		{"surrogate pair counts two", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"short paragraph skipped for a fuller cut", "a\n\n" + para, 40,
			[]string{"a\n\nword word word word word word word", "word word word "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitHTML(tt.doc, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("splitHTML(%q, %d) = %q, want %q", tt.doc, tt.limit, got, tt.want)
			}
		})
	}
}

func TestSplitHTML_LongAnswerFitsTelegram(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 60; i++ {
		b.WriteString("Paragraph with <angle> & \"quotes\" and Umlaute äöü, Cyrillic ЖЗИ, Arabic مرحبا.\n")
		b.WriteString(strings.Repeat("filler text ", 20))
		b.WriteString("\n\n")
	}
	r := bot.Reply{Title: "Meldezettel", Text: b.String(), Links: []bot.Link{{Label: "Source", URL: "https://www.oesterreich.gv.at"}}}
	doc := renderHTML(r)
	chunks := splitHTML(doc, MaxMessageLen)
	if len(chunks) < 2 {
		t.Fatalf("a %d-character answer came out in %d chunk(s)", visibleWidth(doc), len(chunks))
	}
	checkChunks(t, doc, chunks, MaxMessageLen)
	for i, c := range chunks[:len(chunks)-1] {
		if !strings.HasSuffix(c, ".") && !strings.HasSuffix(c, "text") {
			t.Errorf("chunk %d does not end at a paragraph or line: ...%q", i, c[max(0, len(c)-30):])
		}
	}
}

// checkChunks asserts the splitter's promises: every chunk is valid
// Telegram HTML of at most limit characters, and together they hold every
// visible non-space character of doc, in order.
func checkChunks(t *testing.T, doc string, chunks []string, limit int) {
	t.Helper()
	want, err := telegramtest.ParseHTML(doc)
	if err != nil {
		t.Fatalf("test document is not valid HTML: %v", err)
	}
	var got strings.Builder
	for i, c := range chunks {
		text, err := telegramtest.ParseHTML(c)
		if err != nil {
			t.Fatalf("chunk %d is not valid Telegram HTML: %v\n%q", i, err, c)
		}
		if n := telegramtest.TextLen(text); n > limit {
			t.Fatalf("chunk %d has %d characters, limit %d", i, n, limit)
		}
		if strings.TrimSpace(text) == "" {
			t.Fatalf("chunk %d is blank", i)
		}
		got.WriteString(text)
	}
	if a, b := dropSpace(got.String()), dropSpace(want); a != b {
		t.Fatalf("text lost or changed:\n got %q\nwant %q", a, b)
	}
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func FuzzSplitHTML(f *testing.F) {
	f.Add("Title", "Some text\n\nwith paragraphs & <tags>", "https://a.at", 20)
	f.Add("", "😀😀😀 ЖЖЖ\nمرحبا", "", 3)
	f.Add("<b>", "&amp;&lt;", "javascript:x", 2)
	f.Add("T", strings.Repeat("ab ", 3000), "https://x.at/?a=1&b=2", 4096)
	f.Fuzz(func(t *testing.T, title, text, link string, limit int) {
		if limit < 2 || limit > 5000 {
			limit = 2 + abs(limit)%5000
		}
		r := bot.Reply{Title: title, Text: text}
		if link != "" {
			r.Links = []bot.Link{{Label: title, URL: link}}
		}
		doc := renderHTML(r)
		chunks := splitHTML(doc, limit)
		if !isBlankHTML(doc) && len(chunks) == 0 {
			t.Fatalf("non-blank document %q gave no chunks", doc)
		}
		checkChunks(t, doc, chunks, limit)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
