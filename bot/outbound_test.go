package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

func buttons(labels ...string) []Button {
	out := make([]Button, len(labels))
	for i, l := range labels {
		out[i] = Button{Label: l, Payload: "1:h"}
	}
	return out
}

func layout(rows [][]Button) string {
	var parts []string
	for _, row := range rows {
		var ls []string
		for _, b := range row {
			ls = append(ls, b.Label)
		}
		parts = append(parts, strings.Join(ls, " "))
	}
	return strings.Join(parts, " | ")
}

func TestFitButtons(t *testing.T) {
	tests := []struct {
		name string
		rows [][]Button
		caps Capabilities
		want string
	}{
		{"no limits", [][]Button{buttons("a", "b", "c", "d", "e", "f")}, Capabilities{}, "a b c d e f"},
		{"long row wrapped", [][]Button{buttons("a", "b", "c", "d", "e", "f", "g")}, Capabilities{MaxButtonsPerRow: 5}, "a b c d e | f g"},
		{"too many rows: small neighbours joined",
			[][]Button{buttons("1"), buttons("2"), buttons("3"), buttons("4"), buttons("5"), buttons("6"), buttons("nav", "more")},
			Capabilities{MaxButtonsPerRow: 5, MaxButtonRows: 5}, "1 2 | 3 4 | 5 | 6 | nav more"},
		{"nothing fits together: the last row is kept",
			[][]Button{buttons("a", "b"), buttons("c", "d"), buttons("e", "f"), buttons("nav")},
			Capabilities{MaxButtonsPerRow: 2, MaxButtonRows: 2}, "a b | nav"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := layout(fitButtons(tt.rows, tt.caps)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// discordLike are Discord's limits: no location sharing, 5 rows of 5.
var discordLike = Capabilities{MaxButtonsPerRow: 5, MaxButtonRows: 5, MaxTextLen: 2000, MaxPayloadBytes: 100, Formatting: FormatMarkdown}

func TestHandle_OffersOnlyWhatTheChannelCan(t *testing.T) {
	e := newBundledEngine(t)
	e.cfg.DefaultRegion = "at-graz"
	e.Connect("discordlike", nil, discordLike)
	ctx := context.Background()
	for _, text := range []string{"/region", "/language", "/topics", "/start"} {
		replies, err := e.Handle(ctx, Message{Channel: "discordlike", UserID: "u", ChatID: "c", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range replies {
			if len(r.Buttons) > 5 {
				t.Errorf("%s: %d rows of buttons, Discord allows 5", text, len(r.Buttons))
			}
			for _, row := range r.Buttons {
				if len(row) > 5 {
					t.Errorf("%s: a row of %d buttons, Discord allows 5", text, len(row))
				}
			}
		}
	}
	// A channel without location sharing is never asked to share one.
	rel := func(channel string) Reply {
		r, err := e.Handle(ctx, Message{Channel: channel, UserID: "u2", ChatID: "c2", Text: "Wo bekomme ich einen Meldezettel?"})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range r[len(r)-1].Buttons {
			for _, b := range row {
				if b.Label == tr("de", "btn_related") {
					s, _ := e.Handle(ctx, Message{Channel: channel, UserID: "u2", ChatID: "c2", Payload: b.Payload})
					return s[0]
				}
			}
		}
		t.Fatalf("no related-services button on %s", channel)
		return Reply{}
	}
	if r := rel("discordlike"); strings.Contains(r.Text, tr("de", "share_location")) || r.ShareLocation != "" {
		t.Errorf("a channel without location sharing is asked to share one (button %q):\n%s", r.ShareLocation, r.Text)
	}
	if r := rel("cli"); !strings.Contains(r.Text, tr("de", "share_location")) || r.ShareLocation != tr("de", "btn_share_location") {
		t.Errorf("a channel with location sharing is not offered to share one (button %q):\n%s", r.ShareLocation, r.Text)
	}
}

type recordingSender struct {
	got []string
	err error
}

func (s *recordingSender) Send(_ context.Context, to Address, r Reply) error {
	s.got = append(s.got, fmt.Sprintf("%s/%s: %s (%d rows)", to.Channel, to.ChatID, r.Text, len(r.Buttons)))
	return s.err
}

func TestEngineSend_RoutesByChannelWithinItsLimits(t *testing.T) {
	e := newTestEngine(t)
	tg, dc := &recordingSender{}, &recordingSender{}
	e.Connect("telegram", tg, Capabilities{})
	e.Connect("discord", dc, Capabilities{MaxButtonsPerRow: 5, MaxButtonRows: 1})
	ctx := context.Background()
	r := Reply{Text: "hello", Buttons: [][]Button{buttons("a", "b", "c", "d", "e", "f")}}
	if err := e.Send(ctx, Address{"telegram", "42"}, r); err != nil {
		t.Fatal(err)
	}
	if err := e.Send(ctx, Address{"discord", "7"}, r); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tg.got) != "[telegram/42: hello (1 rows)]" || fmt.Sprint(dc.got) != "[discord/7: hello (1 rows)]" {
		t.Errorf("telegram got %v, discord got %v", tg.got, dc.got)
	}
	if err := e.Send(ctx, Address{"matrix", "1"}, r); !errors.Is(err, ErrNoChannel) {
		t.Errorf("send to an unconnected channel: %v, want ErrNoChannel", err)
	}
	if got := e.Capabilities("matrix"); got != DefaultCapabilities {
		t.Errorf("capabilities of an unconnected channel = %+v, want the defaults", got)
	}
}

func TestBlocked_ForgetsTheSession(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	if _, err := e.Handle(ctx, Message{Channel: "telegram", UserID: "55", ChatID: "55", Text: "/language"}); err != nil {
		t.Fatal(err)
	}
	if err := e.cfg.Sessions.Put(ctx, content.Session{Channel: "telegram", UserID: "55", Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	e.Blocked(ctx, Address{"telegram", "55"})
	if _, err := e.cfg.Sessions.Get(ctx, "telegram", "55"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("session of a chat that blocked the bot still there: %v", err)
	}
}
