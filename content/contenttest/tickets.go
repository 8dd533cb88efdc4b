package contenttest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

// ticketT0 is when the suite's tickets are made (microseconds, as
// PostgreSQL keeps them).
var ticketT0 = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// Draft is a draft ticket of person user at chat on channel "telegram".
func Draft(user, question string) content.Ticket {
	return content.Ticket{Channel: "telegram", ChatID: "chat-" + user, UserID: user, Lang: "ar", Region: "at-graz",
		Topic: "health", Question: question, Candidates: []string{"health.doctor", "health.insurance"},
		Created: ticketT0, Updated: ticketT0}
}

// TicketStoreSuite runs the behaviour every content.TicketStore must have
// against stores made by open (each subtest gets a new, empty one). The
// in-memory store (bot) and PostgreSQL (store) both run it, so that they
// agree.
func TicketStoreSuite(t *testing.T, open func(t *testing.T) content.TicketStore) {
	t.Run("Lifecycle", func(t *testing.T) { ticketLifecycle(t, open(t)) })
	t.Run("OneRequestPerPerson", func(t *testing.T) { ticketOnePerPerson(t, open(t)) })
	t.Run("ForgetAndChat", func(t *testing.T) { ticketForget(t, open(t)) })
	t.Run("IdleAndPurge", func(t *testing.T) { ticketIdlePurge(t, open(t)) })
	t.Run("Outbox", func(t *testing.T) { ticketOutbox(t, open(t)) })
	t.Run("BotNotes", func(t *testing.T) { ticketBotNotes(t, open(t)) })
	t.Run("Events", func(t *testing.T) { ticketEvents(t, open(t)) })
	t.Run("ExactlyOneOfManyClaimersWins", func(t *testing.T) { ticketClaimRace(t, open(t), 50) })
}

func mustAct(t *testing.T, s content.TicketStore, n int64, a content.TicketAction, who string, at time.Time, msg *content.TicketMessage, out *content.Delivery) content.Ticket {
	t.Helper()
	tk, err := s.Act(context.Background(), n, a, who, at, msg, out)
	if err != nil {
		t.Fatalf("%s by %q on #%d: %v", a, who, n, err)
	}
	return tk
}

// OpenTicket saves a draft for user and submits it.
func OpenTicket(t *testing.T, s content.TicketStore, user, question string) content.Ticket {
	t.Helper()
	d, err := s.SaveDraft(context.Background(), Draft(user, question))
	if err != nil {
		t.Fatalf("SaveDraft: %v", err)
	}
	return mustAct(t, s, d.Number, content.ActSubmit, "person", ticketT0, nil, nil)
}

func ticketLifecycle(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	first := Draft("u1", "")
	first.Topic, first.Candidates = "", nil // nothing known yet
	d, err := s.SaveDraft(ctx, first)
	if err != nil || d.Number == 0 || d.State != content.TicketDraft || d.Topic != "" || len(d.Candidates) != 0 {
		t.Fatalf("SaveDraft = %+v, %v", d, err)
	}
	again := Draft("u1", "Where do I find a doctor who speaks Arabic?")
	d2, err := s.SaveDraft(ctx, again)
	if err != nil || d2.Number != d.Number || d2.Question != again.Question {
		t.Fatalf("second SaveDraft = %+v, %v; want the same draft with the question", d2, err)
	}
	if open, _ := s.List(ctx, content.TicketOpen); len(open) != 0 {
		t.Errorf("a draft is listed as open: %+v", open)
	}
	if _, err := s.Act(ctx, d.Number, content.ActClaim, "v1", ticketT0, nil, nil); !errors.Is(err, content.ErrTicketState) {
		t.Errorf("claiming a draft: %v, want ErrTicketState", err)
	}
	t1 := ticketT0.Add(time.Minute)
	tk := mustAct(t, s, d.Number, content.ActSubmit, "person", t1, nil, nil)
	if tk.State != content.TicketOpen || !tk.Opened.Equal(t1) {
		t.Errorf("after submit: %+v", tk)
	}
	tk = mustAct(t, s, d.Number, content.ActClaim, "v1", t1, nil, nil)
	if tk.State != content.TicketClaimed || tk.Volunteer != "v1" {
		t.Errorf("after claim: state %s volunteer %q", tk.State, tk.Volunteer)
	}
	if _, err := s.Act(ctx, d.Number, content.ActClaim, "v2", t1, nil, nil); !errors.Is(err, content.ErrTicketTaken) {
		t.Errorf("claim by another volunteer: %v, want ErrTicketTaken", err)
	}
	if _, err := s.Act(ctx, d.Number, content.ActReply, "v2", t1, &content.TicketMessage{From: content.FromVolunteer, Volunteer: "v2", Text: "x", At: t1}, nil); !errors.Is(err, content.ErrTicketTaken) {
		t.Errorf("reply by another volunteer: %v, want ErrTicketTaken", err)
	}
	t2 := ticketT0.Add(2 * time.Minute)
	reply := &content.TicketMessage{From: content.FromVolunteer, Volunteer: "v1", Signature: "Maria", Text: "Try the clinic on Main Square.", At: t2}
	tk = mustAct(t, s, d.Number, content.ActReply, "v1", t2, reply, nil)
	if tk.State != content.TicketAnswered || !tk.Updated.Equal(t2) {
		t.Errorf("after reply: %+v", tk)
	}
	follow := &content.TicketMessage{From: content.FromPerson, Text: "Thank you! Do I need an appointment?", At: t2}
	tk = mustAct(t, s, d.Number, content.ActFollowUp, "person", t2, follow, nil)
	if tk.State != content.TicketAnswered {
		t.Errorf("a follow-up changed the state to %s", tk.State)
	}
	tk = mustAct(t, s, d.Number, content.ActRelease, "v1", t2, nil, nil)
	if tk.State != content.TicketOpen || tk.Volunteer != "" {
		t.Errorf("after release: state %s volunteer %q", tk.State, tk.Volunteer)
	}
	mustAct(t, s, d.Number, content.ActReply, "v2", t2, &content.TicketMessage{From: content.FromVolunteer, Volunteer: "v2", Text: "Yes.", At: t2}, nil)
	got, err := s.Get(ctx, d.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Volunteer != "v2" || len(got.Messages) != 3 || got.Messages[0].Signature != "Maria" ||
		got.Messages[1].From != content.FromPerson || got.Messages[1].Text != follow.Text || got.Messages[2].Seq != 3 {
		t.Errorf("Get = %+v", got)
	}
	if got.Question != again.Question || fmt.Sprint(got.Candidates) != "[health.doctor health.insurance]" || got.Lang != "ar" || got.Region != "at-graz" || got.Topic != "health" {
		t.Errorf("Get lost what the person shared: %+v", got)
	}
	t3 := ticketT0.Add(3 * time.Minute)
	tk = mustAct(t, s, d.Number, content.ActClose, "volunteer", t3, nil, nil)
	if tk.State != content.TicketClosed || tk.ClosedBy != "volunteer" || !tk.Closed.Equal(t3) {
		t.Errorf("after close: %+v", tk)
	}
	if _, err := s.Act(ctx, d.Number, content.ActFollowUp, "person", t3, nil, nil); !errors.Is(err, content.ErrTicketClosed) {
		t.Errorf("a step on a closed ticket: %v, want ErrTicketClosed", err)
	}
	if _, err := s.Active(ctx, "telegram", "u1"); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Active after close: %v, want ErrNotFound", err)
	}
	if _, err := s.Act(ctx, 999999, content.ActClaim, "v1", t3, nil, nil); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("a step on an unknown ticket: %v, want ErrNotFound", err)
	}
	if _, err := s.Get(ctx, 999999); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("Get of an unknown ticket: %v, want ErrNotFound", err)
	}
	next, err := s.SaveDraft(ctx, Draft("u1", "again"))
	if err != nil || next.Number == d.Number {
		t.Errorf("a new draft after closing = %+v, %v; want a new number", next, err)
	}
}

func ticketOnePerPerson(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	tk := OpenTicket(t, s, "u2", "question")
	if _, err := s.SaveDraft(ctx, Draft("u2", "another")); !errors.Is(err, content.ErrTicketState) {
		t.Errorf("a draft beside an open ticket: %v, want ErrTicketState", err)
	}
	active, err := s.Active(ctx, "telegram", "u2")
	if err != nil || active.Number != tk.Number {
		t.Errorf("Active = %+v, %v; want #%d", active, err, tk.Number)
	}
	other := OpenTicket(t, s, "u3", "someone else")
	list, err := s.List(ctx, content.TicketOpen, content.TicketClaimed)
	if err != nil || len(list) != 2 || list[0].Number != tk.Number || list[1].Number != other.Number {
		t.Errorf("List = %+v, %v; want #%d and #%d, oldest first", list, err, tk.Number, other.Number)
	}
	if err := s.DeleteDraft(ctx, tk.Number); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, tk.Number); err != nil {
		t.Errorf("DeleteDraft deleted an open ticket: %v", err)
	}
}

func ticketForget(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	closed := OpenTicket(t, s, "u4", "first")
	mustAct(t, s, closed.Number, content.ActClose, "person", ticketT0, nil, nil)
	tk := OpenTicket(t, s, "u4", "second")
	mustAct(t, s, tk.Number, content.ActReply, "v1", ticketT0, &content.TicketMessage{From: content.FromVolunteer, Text: "hi", At: ticketT0},
		&content.Delivery{Channel: "telegram", ChatID: "chat-u4", Body: []byte(`{"text":"hi"}`)})
	keep := OpenTicket(t, s, "u5", "not me")
	at, err := s.At(ctx, "telegram", "chat-u4")
	if err != nil || len(at) != 1 || at[0].Number != tk.Number {
		t.Errorf("At = %+v, %v; want only the open #%d", at, err, tk.Number)
	}
	n, err := s.DeleteFor(ctx, "telegram", "u4")
	if err != nil || n != 2 {
		t.Errorf("DeleteFor = %d, %v; want both tickets", n, err)
	}
	for _, num := range []int64{closed.Number, tk.Number} {
		if _, err := s.Get(ctx, num); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("#%d still there after DeleteFor: %v", num, err)
		}
	}
	if _, err := s.Next(ctx, []string{"telegram"}, time.Minute); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("a delivery of a deleted ticket is still waiting: %v", err)
	}
	if _, err := s.Get(ctx, keep.Number); err != nil {
		t.Errorf("another person's ticket went too: %v", err)
	}
}

func ticketIdlePurge(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	old := OpenTicket(t, s, "u6", "old question")
	mustAct(t, s, old.Number, content.ActFollowUp, "person", ticketT0, &content.TicketMessage{From: content.FromPerson, Text: "more", At: ticketT0}, nil)
	fresh := OpenTicket(t, s, "u7", "fresh question")
	later := ticketT0.Add(7 * 24 * time.Hour)
	mustAct(t, s, fresh.Number, content.ActFollowUp, "person", later, nil, nil)
	idle, err := s.Idle(ctx, ticketT0.Add(time.Hour))
	if err != nil || len(idle) != 1 || idle[0].Number != old.Number {
		t.Errorf("Idle = %+v, %v; want only #%d", idle, err, old.Number)
	}
	mustAct(t, s, old.Number, content.ActClose, "idle", ticketT0.Add(2*time.Hour), nil, nil)
	if n, err := s.Purge(ctx, ticketT0.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("Purge before the ticket closed = %d, %v; want 0", n, err)
	}
	if n, err := s.Purge(ctx, later); err != nil || n != 1 {
		t.Errorf("Purge = %d, %v; want 1", n, err)
	}
	got, err := s.Get(ctx, old.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Question != "" || got.ChatID != "" || got.UserID != "" || len(got.Messages) != 0 {
		t.Errorf("a purged ticket still holds text or its person: %+v", got)
	}
	if got.Lang != "ar" || got.Region != "at-graz" || got.State != content.TicketClosed {
		t.Errorf("a purged ticket lost its statistics: %+v", got)
	}
	if n, _ := s.Purge(ctx, later); n != 0 {
		t.Errorf("a second Purge purged %d again", n)
	}
	if f, _ := s.Get(ctx, fresh.Number); f.Question != "fresh question" {
		t.Errorf("Purge touched an open ticket: %+v", f)
	}
}

func ticketOutbox(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	tk := OpenTicket(t, s, "u8", "q")
	body := []byte(`{"text": "hello"}`)
	mustAct(t, s, tk.Number, content.ActReply, "v1", ticketT0, &content.TicketMessage{From: content.FromVolunteer, Text: "hello", At: ticketT0},
		&content.Delivery{Channel: "telegram", ChatID: "chat-u8", Body: body})
	if _, err := s.Next(ctx, []string{"discord"}, time.Minute); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("a Telegram delivery offered to Discord: %v", err)
	}
	d, err := s.Next(ctx, []string{"discord", "telegram"}, time.Minute)
	if err != nil || d.Ticket != tk.Number || d.ChatID != "chat-u8" || d.Attempts != 1 || len(d.Body) == 0 {
		t.Fatalf("Next = %+v, %v", d, err)
	}
	if _, err := s.Next(ctx, []string{"telegram"}, time.Minute); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("a leased delivery was offered again: %v", err)
	}
	if err := s.Postpone(ctx, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	d2, err := s.Next(ctx, []string{"telegram"}, time.Minute)
	if err != nil || d2.ID != d.ID || d2.Attempts != 2 {
		t.Fatalf("Next after Postpone = %+v, %v; want the same delivery, second attempt", d2, err)
	}
	if err := s.Delivered(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Postpone(ctx, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Next(ctx, []string{"telegram"}, time.Minute); !errors.Is(err, content.ErrNotFound) {
		t.Errorf("a delivered message is offered again: %v", err)
	}
}

// ticketBotNotes: the bot's notice for volunteers (a reply given up on) is
// a message of its own author that leaves state and activity as they were;
// a closed ticket takes it too (the reply was given up on hours after the
// volunteer closed it), a draft none.
func ticketBotNotes(t *testing.T, s content.TicketStore) {
	ctx := context.Background()
	tk := OpenTicket(t, s, "u1", "q")
	reply := &content.TicketMessage{From: content.FromVolunteer, Volunteer: "v1", Text: "answer", At: ticketT0}
	mustAct(t, s, tk.Number, content.ActReply, "v1", ticketT0, reply, nil)
	later := ticketT0.Add(time.Hour)
	note := &content.TicketMessage{From: content.FromBot, Text: content.NoteUndelivered, At: later}
	after := mustAct(t, s, tk.Number, content.ActNote, "bot", later, note, nil)
	got, err := s.Get(ctx, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.Messages); n != 2 || got.Messages[1].From != content.FromBot || got.Messages[1].Text != content.NoteUndelivered || got.Messages[1].Seq != 2 {
		t.Fatalf("messages after the note: %+v", got.Messages)
	}
	if after.State != content.TicketAnswered || after.Volunteer != "v1" || !got.Updated.Equal(ticketT0) {
		t.Errorf("the note changed the ticket: state %s, volunteer %q, updated %v (want %v)", after.State, after.Volunteer, got.Updated, ticketT0)
	}
	d, err := s.SaveDraft(ctx, Draft("u2", "draft"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Act(ctx, d.Number, content.ActNote, "bot", later, note, nil); !errors.Is(err, content.ErrTicketState) {
		t.Errorf("a note on a draft: %v, want ErrTicketState", err)
	}
	mustAct(t, s, tk.Number, content.ActClose, "v1", later, nil, nil)
	closed := mustAct(t, s, tk.Number, content.ActNote, "bot", later.Add(time.Hour), note, nil)
	got, err = s.Get(ctx, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	if closed.State != content.TicketClosed || len(got.Messages) != 3 || got.Messages[2].From != content.FromBot || !got.Updated.Equal(later) {
		t.Errorf("a note on a closed ticket: state %s, %d messages, updated %v (want closed, 3, %v)", closed.State, len(got.Messages), got.Updated, later)
	}
}

func ticketEvents(t *testing.T, s content.TicketStore) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	events := s.Events(ctx)
	time.Sleep(50 * time.Millisecond) // listening has started (PostgreSQL)
	d, err := s.SaveDraft(ctx, Draft("u9", "q"))
	if err != nil {
		t.Fatal(err)
	}
	mustAct(t, s, d.Number, content.ActSubmit, "person", ticketT0, nil, nil)
	mustAct(t, s, d.Number, content.ActReply, "v1", ticketT0, &content.TicketMessage{From: content.FromVolunteer, Text: "a", At: ticketT0},
		&content.Delivery{Channel: "telegram", ChatID: "chat-u9", Body: []byte(`{}`)})
	if _, err := s.DeleteFor(ctx, "telegram", "u9"); err != nil {
		t.Fatal(err)
	}
	want := []content.TicketEvent{
		{Kind: content.EventOpened, Number: d.Number},
		{Kind: content.EventMessage, Number: d.Number, Seq: 1},
		{Kind: content.EventState, Number: d.Number},
		{Kind: content.EventOutbox, Number: d.Number},
		{Kind: content.EventDeleted, Number: d.Number},
	}
	var got []content.TicketEvent
	timeout := time.After(10 * time.Second)
	for len(got) < len(want) {
		select {
		case ev := <-events:
			got = append(got, ev)
		case <-timeout:
			t.Fatalf("events %v, want %v", got, want)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events %v, want %v", got, want)
	}
	cancel()
	for range events { // closed when ctx ends
	}
}

func ticketClaimRace(t *testing.T, s content.TicketStore, claimers int) {
	tk := OpenTicket(t, s, "u10", "who takes me?")
	var wg sync.WaitGroup
	errs := make([]error, claimers)
	start := make(chan struct{})
	for i := range claimers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = s.Act(context.Background(), tk.Number, content.ActClaim, fmt.Sprintf("volunteer-%d", i), ticketT0, nil, nil)
		}()
	}
	close(start)
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Errorf("volunteer-%d and volunteer-%d both claimed #%d", winner, i, tk.Number)
		case err == nil:
			winner = i
		case !errors.Is(err, content.ErrTicketTaken):
			t.Errorf("volunteer-%d: %v, want ErrTicketTaken", i, err)
		}
	}
	got, err := s.Get(context.Background(), tk.Number)
	if winner < 0 || err != nil || got.Volunteer != fmt.Sprintf("volunteer-%d", winner) || got.State != content.TicketClaimed {
		t.Errorf("winner %d; ticket %+v, %v", winner, got, err)
	}
}
