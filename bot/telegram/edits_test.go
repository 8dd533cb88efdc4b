package telegram

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

// Telegram is never asked for edited messages: the original was answered,
// so answering the edit would answer twice. One delivered anyway (queued
// before allowed_updates changed) is confirmed without a reply.
func TestPoll_DoesNotAskForEditedMessagesAndIgnoresStrayOnes(t *testing.T) {
	srv := newFake(t)
	rec := &recorder{}
	a := newAdapter(t, testConfig(srv, rec))
	srv.AddUpdate(readFixture(t, "edited_message.json"))
	last := srv.AddUpdate(telegramtest.TextUpdate(501, 501, "en", "bank account"))
	stop := poll(t, a)
	waitFor(t, "updates confirmed", 5*time.Second, confirmed(srv, last))
	stop()

	calls := srv.Calls("getUpdates")
	if len(calls) == 0 {
		t.Fatal("no getUpdates call recorded")
	}
	for i, c := range calls {
		var types []string
		if err := json.Unmarshal([]byte(c.Form.Get("allowed_updates")), &types); err != nil {
			t.Fatalf("getUpdates #%d: allowed_updates %q is not a JSON array: %v", i, c.Form.Get("allowed_updates"), err)
		}
		if slices.Contains(types, "edited_message") || !slices.Contains(types, "message") || !slices.Contains(types, "callback_query") {
			t.Errorf("getUpdates #%d asks for %v, want message and callback_query but not edited_message", i, types)
		}
	}
	if got := rec.messages(); len(got) != 1 || got[0].Text != "bank account" {
		t.Errorf("engine was asked %+v, want only the new message", got)
	}
	if n := len(srv.Calls("sendMessage")); n != 1 {
		t.Errorf("sent %d messages, want 1 (none for the edit)", n)
	}
	if st := a.Stats(); st.Ignored != 1 {
		t.Errorf("Stats().Ignored = %d, want 1 (the edit)", st.Ignored)
	}
}
