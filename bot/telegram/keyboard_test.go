package telegram

import (
	"strings"
	"testing"

	"github.com/compassbot/compass/bot"
)

func labels(rows [][]bot.Button) [][]string {
	var out [][]string
	for _, r := range rows {
		var line []string
		for _, b := range r {
			line = append(line, b.Label)
		}
		out = append(out, line)
	}
	return out
}

func TestKeyboard(t *testing.T) {
	btn := func(l string) bot.Button { return bot.Button{Label: l, Payload: "1:l:" + l} }
	tests := []struct {
		name string
		rows [][]bot.Button
		rtl  bool
		want string // rows joined by "/", buttons by ","
	}{
		{"rows kept", [][]bot.Button{{btn("a"), btn("b")}, {btn("c")}}, false, "a,b/c"},
		{"mirrored for right to left", [][]bot.Button{{btn("1"), btn("2"), btn("3")}, {btn("4")}}, true, "3,2,1/4"},
		{"long row wrapped at four", [][]bot.Button{{btn("a"), btn("b"), btn("c"), btn("d"), btn("e"), btn("f")}}, false, "a,b,c,d/e,f"},
		{"wide labels wrapped earlier", [][]bot.Button{{btn("Deutsch (Österreich)"), btn("English (United Kingdom)"), btn("Українська")}}, false,
			"Deutsch (Österreich)/English (United Kingdom)/Українська"},
		{"wrapped rows mirrored too", [][]bot.Button{{btn("a"), btn("b"), btn("c"), btn("d"), btn("e")}}, true, "d,c,b,a/e"},
		{"unusable buttons dropped", [][]bot.Button{{{Label: "", Payload: "x"}, {Label: "no data"}, {Label: "too long", Payload: strings.Repeat("x", 65)}, btn("ok")}}, false, "ok"},
		{"nothing left", [][]bot.Button{{{Label: "x"}}}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kb := keyboard(tt.rows, tt.rtl)
			var rows []string
			if kb != nil {
				for _, r := range kb.InlineKeyboard {
					var line []string
					for _, b := range r {
						line = append(line, b.Text)
						if b.CallbackData == nil || len(*b.CallbackData) > maxCallbackData {
							t.Errorf("button %q has bad callback data", b.Text)
						}
					}
					rows = append(rows, strings.Join(line, ","))
				}
			}
			if got := strings.Join(rows, "/"); got != tt.want {
				t.Errorf("keyboard(%v, rtl=%v) = %q, want %q", labels(tt.rows), tt.rtl, got, tt.want)
			}
		})
	}
}
