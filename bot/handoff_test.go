package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

// handoffWorld is an engine with a volunteer inbox (tickets in memory), a
// clock the test moves, and a channel "test" whose deliveries are kept.
type handoffWorld struct {
	t     *testing.T
	e     *Engine
	mu    sync.Mutex
	now   time.Time
	sent  []Reply
	sentT []Address
}

func newHandoffWorld(t *testing.T, bundledPack bool) *handoffWorld {
	w := &handoffWorld{t: t, now: fixtureNow}
	cfg := Config{NewMatcher: newKeywordMatcher, Now: w.clock, Tickets: NewMemoryTickets(), DefaultRegion: "at-graz"}
	p := loadFixture(t)
	if bundledPack {
		var err error
		if p, err = bundled.Load(); err != nil {
			t.Fatal(err)
		}
		cfg.NewMatcher = match.New
	}
	w.e = New(cfg)
	if err := w.e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	w.e.Connect("test", SenderFunc(func(_ context.Context, to Address, r Reply) error {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.sent, w.sentT = append(w.sent, r), append(w.sentT, to)
		return nil
	}), DefaultCapabilities)
	return w
}

func (w *handoffWorld) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

func (w *handoffWorld) later(d time.Duration) {
	w.mu.Lock()
	w.now = w.now.Add(d)
	w.mu.Unlock()
}

// say sends text (or a payload, if it starts with "1:") as user.
func (w *handoffWorld) say(user, text string) []Reply {
	w.t.Helper()
	m := Message{Channel: "test", UserID: user, ChatID: "chat-" + user, LangHint: "en"}
	if strings.HasPrefix(text, "1:") {
		m.Payload = text
	} else {
		m.Text = text
	}
	r, err := w.e.Handle(context.Background(), m)
	if err != nil {
		w.t.Fatalf("Handle(%q): %v", text, err)
	}
	return r
}

// press presses the button labelled label on the last of replies.
func (w *handoffWorld) press(user string, replies []Reply, label string) []Reply {
	w.t.Helper()
	for _, r := range replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Label == label {
					return w.say(user, b.Payload)
				}
			}
		}
	}
	w.t.Fatalf("no button %q in %+v", label, replies)
	return nil
}

// deliver runs the outbox once and returns what reached people.
func (w *handoffWorld) deliver() ([]Reply, []Address) {
	w.mu.Lock()
	w.sent, w.sentT = nil, nil
	w.mu.Unlock()
	w.e.deliverWaiting(context.Background(), DeliverOptions{}.withDefaults())
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.sent, w.sentT
}

func labels(r Reply) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, b.Label)
		}
	}
	return out
}

func TestHandle_TalkToPersonWithoutInboxIsHonest(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{NewMatcher: match.New, Now: func() time.Time { return fixtureNow }, DefaultRegion: "at-graz"})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	for _, m := range []Message{
		{Channel: "test", UserID: "u", ChatID: "c", LangHint: "fa", Payload: humanPayload().encode() + "@fa"},
		{Channel: "test", UserID: "u", ChatID: "c", LangHint: "fa", Text: "/person"},
	} {
		replies, err := e.Handle(context.Background(), m)
		if err != nil || len(replies) != 1 {
			t.Fatalf("Handle = %v, %v; want one reply", replies, err)
		}
		r := replies[0]
		if !strings.Contains(r.Text, tr("fa", "handoff_unavailable")) {
			t.Errorf("reply does not say in Persian that nobody is reachable:\n%s", r.Text)
		}
		for _, phone := range []string{"142", "0800 222 555"} {
			if !strings.Contains(r.Text, phone) {
				t.Errorf("reply lacks the helpline %s:\n%s", phone, r.Text)
			}
		}
	}
	if e.Inbox() != nil {
		t.Error("an engine without tickets has an inbox")
	}
}

func TestHandoff_AskConfirmSendFollowUpReplyBack(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	ask := w.say("u1", "/person")
	if len(ask) != 1 || ask[0].Text != tr("en", "handoff_ask") || !slices.Equal(labels(ask[0]), []string{"Cancel"}) {
		t.Fatalf("/person = %+v; want the request for a question with Cancel", ask)
	}
	confirm := w.say("u1", "Where can I find a doctor who speaks Arabic?")
	if len(confirm) != 1 || !slices.Equal(labels(confirm[0]), []string{"Send", "Cancel"}) {
		t.Fatalf("confirmation = %+v; want Send first, Cancel second", confirm)
	}
	for _, want := range []string{tr("en", "handoff_confirm"), "Where can I find a doctor who speaks Arabic?", "Language: English", "Region: Graz"} {
		if !strings.Contains(confirm[0].Text, want) {
			t.Errorf("the confirmation does not show %q:\n%s", want, confirm[0].Text)
		}
	}
	if list, _ := w.e.Inbox().List(ctx); len(list) != 0 {
		t.Fatalf("volunteers see a ticket before the person sent it: %+v", list)
	}
	sent := w.press("u1", confirm, "Send")
	if len(sent) != 1 || !strings.Contains(sent[0].Text, "#1") || !strings.Contains(sent[0].Text, "weekdays from 9 to 17") ||
		!slices.Equal(labels(sent[0]), []string{"Back to the bot"}) {
		t.Fatalf("after Send: %+v; want the number, the region's volunteer hours and Back to the bot", sent)
	}
	list, err := w.e.Inbox().List(ctx)
	if err != nil || len(list) != 1 || list[0].Question != "Where can I find a doctor who speaks Arabic?" || list[0].State != "open" {
		t.Fatalf("inbox = %+v, %v", list, err)
	}

	added := w.say("u1", "I have a Meldezettel already.")
	if len(added) != 1 || added[0].Text != tr("en", "handoff_added", "number", "#1") {
		t.Errorf("a follow-up got %+v; want it added to the ticket", added)
	}
	if again := w.press("u1", ask, "Cancel"); again[0].Text != tr("en", "handoff_already", "number", "#1") {
		t.Errorf("an old Cancel button of a sent ticket got %q", again[0].Text)
	}

	view, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:maria"}, "Try the Caritas clinic <b>on Main Square</b>.")
	if err != nil || view.State != "answered" || view.Volunteer != "test:maria" || len(view.Messages) != 2 {
		t.Fatalf("Reply = %+v, %v", view, err)
	}
	got, to := w.deliver()
	if len(got) != 1 || to[0] != (Address{Channel: "test", ChatID: "chat-u1"}) {
		t.Fatalf("delivered %+v to %v; want one reply to chat-u1", got, to)
	}
	if !strings.HasPrefix(got[0].Text, tr("en", "volunteer_reply", "number", "#1")) || !strings.Contains(got[0].Text, "<b>on Main Square</b>") {
		t.Errorf("the reply reached the person as %q", got[0].Text)
	}
	if again, _ := w.deliver(); len(again) != 0 {
		t.Errorf("a reply was delivered twice: %+v", again)
	}
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:other"}, "me too"); !errors.Is(err, ErrTicketTaken) {
		t.Errorf("a second volunteer replied to a held ticket: %v", err)
	}

	back := w.press("u1", got, "Back to the bot")
	if back[0].Text != tr("en", "handoff_back", "number", "#1") {
		t.Errorf("Back to the bot: %q", back[0].Text)
	}
	if v, _ := w.e.Inbox().Get(ctx, 1); v.State != "closed" || v.ClosedBy != "person" {
		t.Errorf("after Back to the bot the ticket is %s (by %s)", v.State, v.ClosedBy)
	}
	if a := w.say("u1", "Wo bekomme ich einen Meldezettel?"); len(a) == 0 || a[0].Title == "" {
		t.Errorf("after Back to the bot, a question is not answered by the bot: %+v", a)
	}
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:maria"}, "late"); !errors.Is(err, ErrTicketClosed) {
		t.Errorf("a reply to a closed ticket: %v, want ErrTicketClosed", err)
	}
}

func TestHandoff_OnlyInAPrivateChat(t *testing.T) {
	w := newHandoffWorld(t, false)
	w.say("u8", "/person")
	w.press("u8", w.say("u8", "my private question"), "Send")
	group := Message{Channel: "test", UserID: "u8", ChatID: "group-1", Group: true, Text: "/person"}
	for _, text := range []string{"/person", "hello everyone"} {
		group.Text = text
		r, err := w.e.Handle(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		if text == "/person" && r[0].Text != tr("en", "handoff_private_only") {
			t.Errorf("a request for a person in a group got %q", r[0].Text)
		}
		if strings.Contains(r[len(r)-1].Text, "#1") {
			t.Errorf("%q in a group was added to the person's private ticket", text)
		}
	}
	if v, _ := w.e.Inbox().Get(context.Background(), 1); len(v.Messages) != 0 {
		t.Errorf("group messages reached the ticket: %+v", v.Messages)
	}
}

func TestHandoff_EmergencyIsAnsweredFirstWhileATicketIsOpen(t *testing.T) {
	w := newHandoffWorld(t, false)
	w.say("u2", "/person")
	w.press("u2", w.say("u2", "I need help with my flat."), "Send")
	got := w.say("u2", "my husband hits me")
	if len(got) != 2 || !strings.HasPrefix(got[0].Text, tr("en", "emergency_intro")) || got[1].Text != tr("en", "handoff_added", "number", "#1") {
		t.Fatalf("while a ticket is open, an emergency got %+v; want the numbers first, then the message added", got)
	}
	v, err := w.e.Inbox().Get(context.Background(), 1)
	if err != nil || len(v.Messages) != 1 || v.Messages[0].Text != "my husband hits me" {
		t.Errorf("the volunteers do not see the message: %+v, %v", v, err)
	}
}

func TestHandoff_AskingInWordsInEveryLanguage(t *testing.T) {
	w := newHandoffWorld(t, false)
	for i, text := range []string{"I want to talk to a person", "أريد التحدث مع شخص من فضلك", "Ich möchte mit einem Menschen sprechen",
		"Хочу поговорити з людиною", "Je voudrais parler à une personne"} {
		user := "w" + string(rune('a'+i))
		got := w.say(user, text)
		if len(got) != 1 || !slices.Equal(labels(got[0]), []string{tr(got[0].Lang, "btn_cancel")}) {
			t.Errorf("%q got %+v; want the request for a question", text, got)
		}
	}
	if got := w.say("wz", "أريد التحدث مع شخص"); got[0].Lang != "ar" || !got[0].RTL {
		t.Errorf("an Arabic request is answered in %s", got[0].Lang)
	}
}

func TestHandoff_CancelAndLeavingSendNothing(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	confirm := w.say("u3", "/person")
	confirm = w.say("u3", "my question")
	if c := w.press("u3", confirm, "Cancel"); c[0].Text != tr("en", "handoff_cancelled") {
		t.Errorf("Cancel: %q", c[0].Text)
	}
	if stale := w.press("u3", confirm, "Send"); stale[0].Text != tr("en", "handoff_none") {
		t.Errorf("Send after Cancel: %q", stale[0].Text)
	}
	w.say("u3", "/person")
	w.say("u3", "/topics") // doing something else drops the draft
	if got := w.say("u3", "Wo bekomme ich einen Meldezettel?"); len(got) == 0 || strings.Contains(got[0].Text, tr("en", "handoff_confirm")) {
		t.Errorf("after leaving the draft a question went to it: %+v", got)
	}
	if list, _ := w.e.Inbox().List(ctx); len(list) != 0 {
		t.Errorf("volunteers see %d tickets; nothing was sent", len(list))
	}
	// A draft left for longer than draftTTL is forgotten too.
	w.say("u3", "/person")
	w.later(draftTTL + time.Minute)
	if got := w.say("u3", "Wo bekomme ich einen Meldezettel?"); strings.Contains(got[0].Text, tr("en", "handoff_confirm")) {
		t.Errorf("an old draft took a new question")
	}
}

func TestHandoff_SecondRequestAndForget(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u4", "/person")
	w.press("u4", w.say("u4", "first question"), "Send")
	if again := w.say("u4", "/person"); again[0].Text != tr("en", "handoff_already", "number", "#1") {
		t.Errorf("a second request while one is open: %q", again[0].Text)
	}
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, "an answer"); err != nil {
		t.Fatal(err)
	}
	forgot := w.say("u4", "/forget")
	if !strings.Contains(forgot[0].Text, tr("en", "forgot_tickets")) {
		t.Errorf("/forget does not say the requests are deleted: %q", forgot[0].Text)
	}
	if _, err := w.e.Inbox().Get(ctx, 1); !errors.Is(err, ErrNoTicket) {
		t.Errorf("the ticket survived /forget: %v", err)
	}
	if got, _ := w.deliver(); len(got) != 0 {
		t.Errorf("a reply to a forgotten person was still delivered: %+v", got)
	}
}

func TestTidyTickets_IdleTicketsCloseWithAPoliteMessageAndTextIsPurged(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u5", "/person")
	w.press("u5", w.say("u5", "Where is the Meldeamt?"), "Send")
	w.say("u6", "/person") // a draft, left
	w.later(6 * 24 * time.Hour)
	if done, err := w.e.TidyTickets(ctx, TicketJobs{}); err != nil || done.Idle != 0 || done.Drafts != 1 {
		t.Errorf("after 6 days: %+v, %v; want the draft deleted and the ticket still open", done, err)
	}
	w.later(24 * time.Hour)
	done, err := w.e.TidyTickets(ctx, TicketJobs{})
	if err != nil || done.Idle != 1 {
		t.Fatalf("after 7 days: %+v, %v; want the ticket closed", done, err)
	}
	got, to := w.deliver()
	if len(got) != 1 || to[0].ChatID != "chat-u5" || got[0].Text != tr("en", "handoff_closed_idle", "number", "#1", "days", "7") {
		t.Errorf("the person was told %+v", got)
	}
	if v, _ := w.e.Inbox().Get(ctx, 1); v.State != "closed" || v.ClosedBy != "idle" {
		t.Errorf("the idle ticket is %s by %s", v.State, v.ClosedBy)
	}
	w.later(DefaultTicketRetention + time.Minute)
	if done, err := w.e.TidyTickets(ctx, TicketJobs{}); err != nil || done.Purged != 1 {
		t.Errorf("after the retention period: %+v, %v; want the text purged", done, err)
	}
	if v, _ := w.e.Inbox().Get(ctx, 1); v.Question != "" {
		t.Errorf("the question of a closed ticket survived the retention period: %q", v.Question)
	}
}

func TestBlocked_ClosesTheTicketsOfTheChat(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u7", "/person")
	w.press("u7", w.say("u7", "question"), "Send")
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, "answer"); err != nil {
		t.Fatal(err)
	}
	blocked := SenderFunc(func(context.Context, Address, Reply) error { return errBlockedForTest })
	w.e.Connect("test", blocked, DefaultCapabilities)
	w.e.deliverWaiting(ctx, DeliverOptions{}.withDefaults())
	if v, _ := w.e.Inbox().Get(ctx, 1); v.State != "closed" || v.ClosedBy != "blocked" {
		t.Errorf("the ticket of a chat that blocked the bot is %s (by %s)", v.State, v.ClosedBy)
	}
	if _, err := w.e.cfg.Tickets.Next(ctx, []string{"test"}, time.Minute); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("the undeliverable reply is still waiting: %v", err)
	}
}

type blockedForTest struct{}

func (blockedForTest) Error() string        { return "403 blocked" }
func (blockedForTest) Is(target error) bool { return target == ErrBlocked }

var errBlockedForTest error = blockedForTest{}

// TestInbox_ViewsCannotCarryIdentity: the types handed to volunteer
// channels have only these fields. A new field needs a look at this test:
// nothing that identifies a person (an address, a user or chat id, a name,
// a phone number, a photo) may ever be one of them.
func TestInbox_ViewsCannotCarryIdentity(t *testing.T) {
	allowed := map[string][]string{
		"TicketView": {"Number", "State", "Lang", "LangName", "Region", "RegionName", "Topic", "TopicName", "Question",
			"Guesses", "Volunteer", "ClosedBy", "Opened", "Updated", "Closed", "Messages", "ViewLang"},
		"Guess":      {"Intent", "Title"},
		"Entry":      {"Seq", "From", "Volunteer", "Text", "At"},
		"InboxEvent": {"Kind", "Ticket", "Message"},
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[TicketView](), reflect.TypeFor[Guess](), reflect.TypeFor[Entry](), reflect.TypeFor[InboxEvent]()} {
		var fields []string
		for f := range typ.Fields() {
			fields = append(fields, f.Name)
		}
		if !slices.Equal(fields, allowed[typ.Name()]) {
			t.Errorf("%s has fields %v; allowed: %v", typ.Name(), fields, allowed[typ.Name()])
		}
	}
}

// TestInbox_NothingHandedToVolunteersNamesThePerson serialises everything
// the inbox hands out (lists, tickets, step results, events) and looks for
// the people's ids and chats.
func TestInbox_NothingHandedToVolunteersNamesThePerson(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := w.e.Inbox()
	events := in.Subscribe(ctx)
	var handed []any
	const person = "user-73914265"
	w.say(person, "/person")
	w.press(person, w.say(person, "I need a lawyer for my asylum appeal."), "Send")
	w.say(person, "It is urgent.")
	for _, step := range []func() (TicketView, error){
		func() (TicketView, error) { return in.Claim(ctx, 1, Volunteer{ID: "test:a"}) },
		func() (TicketView, error) {
			return in.Reply(ctx, 1, Volunteer{ID: "test:a", Name: "Anna"}, "Call the legal aid line.")
		},
		func() (TicketView, error) { return in.Release(ctx, 1, Volunteer{ID: "test:a"}) },
		func() (TicketView, error) { return in.Get(ctx, 1) },
		func() (TicketView, error) { return in.Close(ctx, 1, Volunteer{ID: "test:b"}) },
	} {
		v, err := step()
		if err != nil {
			t.Fatal(err)
		}
		handed = append(handed, v)
	}
	list, _ := in.List(ctx)
	handed = append(handed, list)
	w.say(person, "/forget")
	for n := 0; n < 8; n++ { // opened, message, claimed, message, state, released, closed, deleted
		select {
		case ev := <-events:
			handed = append(handed, ev)
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d events", n)
		}
	}
	blob, err := json.Marshal(handed)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"73914265", "chat-" + person, `"test"`} {
		if strings.Contains(string(blob), secret) {
			t.Errorf("something handed to volunteers contains %q:\n%s", secret, blob)
		}
	}
	if !strings.Contains(string(blob), "asylum appeal") || !strings.Contains(string(blob), `"deleted"`) {
		t.Errorf("the inspection saw too little to be worth anything:\n%s", blob)
	}
}

// A reply as long as a volunteer channel's form allows (Discord's reply
// form: 4,000 characters) is taken in any script: 4,000 characters of
// Tigrinya are 10,000 bytes. Refusing it loses what the volunteer typed.
func TestInbox_ReplyAsLongAsTheFormAllowsInAnyScript(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u9", "/person")
	w.press("u9", w.say("u9", "ሰላም፣ ሓኪም ኣበይ ክረክብ?"), "Send")
	reply := strings.Repeat("ሰላም ", 1000) // 4,000 characters
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, reply); err != nil {
		t.Fatalf("a reply of 4,000 characters (%d bytes): %v", len(reply), err)
	}
	got, _ := w.deliver()
	if len(got) != 1 || !strings.Contains(got[0].Text, strings.TrimSpace(reply)) {
		t.Errorf("the person did not get the whole reply")
	}
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, strings.Repeat("ሰ", MaxReplyBytes)); !errors.Is(err, ErrReplyTooLong) {
		t.Errorf("a reply of %d bytes: %v, want ErrReplyTooLong", 3*MaxReplyBytes, err)
	}
}

// A question written in several long messages keeps up to twice what one
// message holds (maxQuestionBytes), not just its first message.
func TestHandoff_LongQuestionInSeveralMessagesKeepsItsParts(t *testing.T) {
	w := newHandoffWorld(t, false)
	w.say("u10", "/person")
	parts := []string{
		strings.Repeat("My landlord keeps my deposit. ", 100), // 3,000 bytes each
		strings.Repeat("He says the flat was dirty. ", 107),
		strings.Repeat("I have photos from the day I left. ", 86),
	}
	var confirm []Reply
	for _, p := range parts {
		confirm = w.say("u10", p)
	}
	w.press("u10", confirm, "Send")
	v, err := w.e.Inbox().Get(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Question, "He says the flat was dirty.") || len(v.Question) < maxQuestionBytes-100 || len(v.Question) > maxQuestionBytes {
		t.Errorf("the question kept %d bytes of %d (bound %d); the second message is lost", len(v.Question), len(strings.Join(parts, "\n\n")), maxQuestionBytes)
	}
}

// A volunteer's reply the outbox gives up on (the platform refused it for
// good, or it failed for hours) never reaches the person: the operator's
// metrics hear of it, not only a log line, and the ticket's volunteers
// read in the ticket that the person does not have it.
func TestDeliver_GivingUpIsObserved(t *testing.T) {
	w := newHandoffWorld(t, false)
	obs := &recordingObserver{}
	w.e.observe = obs
	ctx := context.Background()
	w.say("u11", "/person")
	w.press("u11", w.say("u11", "question"), "Send")
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, "answer"); err != nil {
		t.Fatal(err)
	}
	refused := SenderFunc(func(context.Context, Address, Reply) error { return fmt.Errorf("400 bad request: %w", ErrRefused) })
	w.e.Connect("test", refused, DefaultCapabilities)
	w.e.deliverWaiting(ctx, DeliverOptions{}.withDefaults())
	obs.mu.Lock()
	defer obs.mu.Unlock()
	if obs.givenUp != 1 {
		t.Errorf("deliveries given up, as observed: %d, want 1", obs.givenUp)
	}
	v, err := w.e.Inbox().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(v.Messages); n != 2 || v.Messages[1].From != string(content.FromBot) || v.Messages[1].Text != content.NoteUndelivered {
		t.Errorf("the ticket's messages after the reply was given up: %+v, want the reply and the bot's note %q", v.Messages, content.NoteUndelivered)
	}
	if v.State != string(content.TicketAnswered) || !v.Updated.Equal(v.Messages[0].At) {
		t.Errorf("the note changed the ticket: state %s, updated %v (reply at %v)", v.State, v.Updated, v.Messages[0].At)
	}
}

// A reply given up on after the volunteer closed the ticket (replies are
// retried for hours) is noted in the closed ticket too: the volunteer who
// replied and closed would otherwise believe the person has it.
func TestDeliver_GivingUpOnAClosedTicketIsNoted(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u12", "/person")
	w.press("u12", w.say("u12", "question"), "Send")
	if _, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, "answer"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.Inbox().Close(ctx, 1, Volunteer{ID: "test:v"}); err != nil {
		t.Fatal(err)
	}
	refused := SenderFunc(func(context.Context, Address, Reply) error { return fmt.Errorf("400 bad request: %w", ErrRefused) })
	w.e.Connect("test", refused, DefaultCapabilities)
	w.e.deliverWaiting(ctx, DeliverOptions{}.withDefaults())
	v, err := w.e.Inbox().Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	for _, m := range v.Messages {
		if m.From == string(content.FromBot) && m.Text == content.NoteUndelivered {
			notes++
		}
	}
	if v.State != string(content.TicketClosed) || notes == 0 {
		t.Errorf("closed ticket after its reply was given up: state %s, %d notes, messages %+v", v.State, notes, v.Messages)
	}
}

// What a volunteer writes reaches other volunteers' terminals (compass
// inbox show) and the person: control characters (terminal escapes) and
// bidirectional overrides (which disguise text) are taken out, as from
// what people write; lines and tabs stay.
func TestInbox_ReplyCarriesNoControlCharacters(t *testing.T) {
	w := newHandoffWorld(t, false)
	ctx := context.Background()
	w.say("u12", "/person")
	w.press("u12", w.say("u12", "question"), "Send")
	v, err := w.e.Inbox().Reply(ctx, 1, Volunteer{ID: "test:v"}, "Call\t0316 123\n\x1b]52;c;ZXZpbA==\x07 \x1b[2J and visit \u202egro.elpmaxe")
	if err != nil {
		t.Fatal(err)
	}
	got := v.Messages[len(v.Messages)-1].Text
	if strings.ContainsAny(got, "\x1b\x07\u202e") || !strings.Contains(got, "Call\t0316 123\n") {
		t.Errorf("the reply as kept: %q", got)
	}
}
