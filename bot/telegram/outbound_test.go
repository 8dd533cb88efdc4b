package telegram

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

func TestSend_DeliversToAnAddressEscapedAndSplit(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, &recorder{}))
	long := strings.Repeat("<b>a volunteer's & answer</b> ", 300) // > 4,096 characters once escaped
	r := bot.Reply{Text: long, Buttons: [][]bot.Button{{{Label: "Back", Payload: "1:h"}}}}
	if err := a.Send(context.Background(), bot.Address{Channel: Channel, ChatID: "4711"}, r); err != nil {
		t.Fatalf("Send: %v", err)
	}
	calls := srv.Calls("sendMessage")
	if len(calls) < 2 {
		t.Fatalf("%d messages, want the text split in at least 2", len(calls))
	}
	var got strings.Builder
	for i, c := range calls {
		if c.ChatID != 4711 {
			t.Errorf("message %d went to chat %d, want 4711", i, c.ChatID)
		}
		if n := telegramtest.TextLen(c.Text()); n > MaxMessageLen {
			t.Errorf("message %d has %d characters", i, n)
		}
		if kb := c.Keyboard(); (len(kb) > 0) != (i == len(calls)-1) {
			t.Errorf("message %d: keyboard %v; want it on the last message only", i, kb)
		}
		got.WriteString(c.Text() + " ")
	}
	if strings.Count(got.String(), "<b>a volunteer's & answer</b>") != 300 {
		t.Error("the text did not arrive whole, as text (markup must be escaped, not interpreted)")
	}
	if a.Stats().Outbound != 1 {
		t.Errorf("Stats().Outbound = %d, want 1", a.Stats().Outbound)
	}
}

func TestSend_BlockedChatIsReportedAsErrBlocked(t *testing.T) {
	srv := newFake(t)
	srv.Block(12)
	var reported []bot.Address
	cfg := testConfig(srv, &recorder{})
	cfg.OnBlocked = func(at bot.Address) { reported = append(reported, at) }
	a := newAdapter(t, cfg)
	err := a.Send(context.Background(), bot.Address{Channel: Channel, ChatID: "12"}, bot.Reply{Text: "hello"})
	if !errors.Is(err, bot.ErrBlocked) || relay.OutcomeOf(err) != relay.Blocked {
		t.Errorf("Send to a blocked chat: %v, want bot.ErrBlocked", err)
	}
	if len(reported) != 1 || reported[0] != (bot.Address{Channel: Channel, ChatID: "12"}) {
		t.Errorf("OnBlocked got %v", reported)
	}
	for _, bad := range []bot.Address{{Channel: "discord", ChatID: "12"}, {Channel: Channel, ChatID: "x"}} {
		if err := a.Send(context.Background(), bad, bot.Reply{Text: "hello"}); err == nil {
			t.Errorf("Send to %v succeeded", bad)
		}
	}
}
