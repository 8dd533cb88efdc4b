package telegram

import (
	"net/url"
	"strings"

	"github.com/compassbot/compass/bot"
)

// htmlEscaper escapes what Telegram's HTML parse mode requires in text and
// in attribute values.
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escapeHTML makes s safe as text or as a quoted attribute value. Invalid
// UTF-8, which Telegram refuses, becomes U+FFFD.
func escapeHTML(s string) string { return htmlEscaper.Replace(strings.ToValidUTF8(s, "\uFFFD")) }

// renderHTML formats a reply's title, text and links as one HTML document
// for parse_mode=HTML: the title bold, paragraphs as they are, each link on
// its own line below the text.
func renderHTML(r bot.Reply) string {
	var b strings.Builder
	title := strings.TrimSpace(r.Title)
	text := strings.TrimSpace(normalizeNewlines(r.Text))
	if title != "" {
		b.WriteString("<b>")
		b.WriteString(escapeHTML(title))
		b.WriteString("</b>")
		if text != "" || len(r.Links) > 0 {
			b.WriteString("\n\n")
		}
	}
	b.WriteString(escapeHTML(text))
	for i, l := range r.Links {
		if i == 0 && (title != "" || text != "") {
			b.WriteString("\n\n")
		} else if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(renderLink(l))
	}
	return b.String()
}

// renderLink returns an <a> element for web and tg:// links, and plain
// escaped text for anything else (a javascript: URL never becomes a link).
func renderLink(l bot.Link) string {
	label := strings.TrimSpace(l.Label)
	u, err := url.Parse(strings.TrimSpace(l.URL))
	if err != nil || !allowedScheme(u.Scheme) || (u.Scheme != "tg" && u.Host == "") {
		if label == "" {
			return escapeHTML(l.URL)
		}
		return escapeHTML(label + ": " + l.URL)
	}
	if label == "" {
		label = u.String()
	}
	return `<a href="` + escapeHTML(u.String()) + `">` + escapeHTML(label) + "</a>"
}

func allowedScheme(s string) bool {
	switch strings.ToLower(s) {
	case "http", "https", "tg":
		return true
	}
	return false
}

func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
