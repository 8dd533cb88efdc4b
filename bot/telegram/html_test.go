package telegram

import (
	"testing"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
		want  string
	}{
		{"plain text", bot.Reply{Text: "Hello"}, "Hello"},
		{"escapes text", bot.Reply{Text: `a < b && c > "d"`}, "a &lt; b &amp;&amp; c &gt; &quot;d&quot;"},
		{"title bold and escaped", bot.Reply{Title: "Q&A <1>", Text: "x"}, "<b>Q&amp;A &lt;1&gt;</b>\n\nx"},
		{"title only", bot.Reply{Title: "T"}, "<b>T</b>"},
		{"links below text", bot.Reply{Text: "See", Links: []bot.Link{{Label: "oesterreich.gv.at", URL: "https://www.oesterreich.gv.at/a?x=1&y=2"}}},
			"See\n\n<a href=\"https://www.oesterreich.gv.at/a?x=1&amp;y=2\">oesterreich.gv.at</a>"},
		{"two links one per line", bot.Reply{Text: "t", Links: []bot.Link{{Label: "a", URL: "https://a.at"}, {Label: "b", URL: "https://b.at"}}},
			"t\n\n<a href=\"https://a.at\">a</a>\n<a href=\"https://b.at\">b</a>"},
		{"quote in URL escaped", bot.Reply{Links: []bot.Link{{Label: "x", URL: `https://e.at/"onmouseover="x`}}},
			"<a href=\"https://e.at/%22onmouseover=%22x\">x</a>"},
		{"javascript URL is text", bot.Reply{Links: []bot.Link{{Label: "click", URL: "javascript:alert(1)"}}}, "click: javascript:alert(1)"},
		{"link without label", bot.Reply{Links: []bot.Link{{Label: "", URL: "https://a.at/x"}}}, "<a href=\"https://a.at/x\">https://a.at/x</a>"},
		{"CRLF normalised", bot.Reply{Text: "a\r\n\r\nb"}, "a\n\nb"},
		{"right to left text untouched", bot.Reply{Text: "مرحبا <بك>", RTL: true}, "مرحبا &lt;بك&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderHTML(tt.reply)
			if got != tt.want {
				t.Errorf("renderHTML = %q, want %q", got, tt.want)
			}
			if _, err := telegramtest.ParseHTML(got); err != nil {
				t.Errorf("Telegram would refuse %q: %v", got, err)
			}
		})
	}
}
