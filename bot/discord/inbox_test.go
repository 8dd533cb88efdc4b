package discord

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
)

const inboxChan = "520000000000000001"

var runs atomic.Int64

// outbox records what the engine sends to people on a test channel.
type outbox struct {
	mu    sync.Mutex
	sent  map[string][]bot.Reply // chat id → replies
	wake  chan struct{}
	chans string
}

func (o *outbox) Send(_ context.Context, to bot.Address, r bot.Reply) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent[to.ChatID] = append(o.sent[to.ChatID], r)
	return nil
}

func (o *outbox) to(chat string) []bot.Reply {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]bot.Reply(nil), o.sent[chat]...)
}

// person is someone on a test channel who asks the inbox engine for a
// human; their replies reach the outbox.
type person struct {
	t       *testing.T
	e       *bot.Engine
	channel string
	id      string
	lang    string
}

func (p person) say(text, payload string) []bot.Reply {
	p.t.Helper()
	r, err := p.e.Handle(context.Background(), bot.Message{Channel: p.channel, UserID: p.id, ChatID: p.id, LangHint: p.lang, Text: text, Payload: payload})
	if err != nil {
		p.t.Fatal(err)
	}
	return r
}

// askForAPerson goes through /person, the question and Send, and returns
// the ticket's number.
func (p person) askForAPerson(question string) int64 {
	p.t.Helper()
	p.say("/person", "")
	confirm := p.say(question, "")
	last := confirm[len(confirm)-1]
	if len(last.Buttons) == 0 {
		p.t.Fatalf("no confirmation: %+v", confirm)
	}
	sent := p.say("", last.Buttons[0][0].Payload)
	in := p.e.Inbox()
	views, err := in.List(context.Background())
	if err != nil || len(views) == 0 {
		p.t.Fatalf("no ticket after %q: %v %+v", sent[0].Text, err, views)
	}
	var n int64
	for _, v := range views {
		if v.Question == question {
			n = max(n, v.Number) // the newest: the engine is shared by runs of the test
		}
	}
	if n == 0 {
		p.t.Fatalf("no ticket with the question %q", question)
	}
	return n
}

// inboxSetup runs the inbox engine's deliverer for a fresh test channel,
// and the adapter over the gateway, keeping inboxChan.
func inboxSetup(t *testing.T, tune ...func(*Config)) (*discordtest.Server, *Adapter, *outbox, string) {
	t.Helper()
	e := inboxEngine(t)
	channel := "test-" + strconv.FormatInt(runs.Add(1), 10) // the engine is shared: fresh people each run
	box := &outbox{sent: map[string][]bot.Reply{}}
	e.Connect(channel, box, bot.DefaultCapabilities)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Deliver(ctx, bot.DeliverOptions{Sweep: 50 * time.Millisecond}); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	srv := newFake(t)
	srv.AddChannel(inboxChan, testGuild, "inbox")
	cfg := testConfig(srv, e)
	cfg.Inbox = inboxChan
	for _, f := range tune {
		f(&cfg)
	}
	a := newAdapter(t, cfg)
	runGateway(t, srv, a)
	return srv, a, box, channel
}

// ticketPost waits for the inbox message of ticket n to satisfy cond.
func ticketPost(t *testing.T, srv *discordtest.Server, n int64, what string, cond func(discordtest.Message) bool) discordtest.Message {
	t.Helper()
	var found discordtest.Message
	ok := srv.WaitFor(10*time.Second, func() bool {
		for _, m := range srv.ChannelMessages(inboxChan) {
			if len(m.Embeds) > 0 && strings.Contains(m.Embeds[0].Title, "#"+strconv.FormatInt(n, 10)) && cond(m) {
				found = m
				return true
			}
		}
		return false
	})
	if !ok {
		t.Fatalf("ticket #%d: no inbox message %s; channel: %s", n, what, pretty(srv.ChannelMessages(inboxChan)))
	}
	return found
}

func shownText(m discordtest.Message) string {
	var b strings.Builder
	for _, e := range m.Embeds {
		b.WriteString(e.Title + "\n" + e.Description + "\n")
		for _, f := range e.Fields {
			b.WriteString(f.Name + ": " + f.Value + "\n")
		}
	}
	return b.String()
}

// The whole inbox on Discord: a ticket is posted with what volunteers need,
// two volunteers claim at once and one wins, the loser is told, a reply
// typed in the form reaches the person and shows in the thread, a
// follow-up from the person shows in the thread, /close closes it.
func TestInbox_TicketClaimReplyFollowUpClose(t *testing.T) {
	srv, a, box, channel := inboxSetup(t)
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1001", lang: "ar"}
	n := p.askForAPerson("أين أجد طبيبا يتكلم العربية؟")
	num := strconv.FormatInt(n, 10)

	post := ticketPost(t, srv, n, "with Claim", func(m discordtest.Message) bool { return len(m.Components) == 1 })
	text := shownText(post)
	for _, want := range []string{"#" + num, "أين أجد طبيبا يتكلم العربية؟", "(ar)", "Graz", word("de", "state_open")} {
		if !strings.Contains(text, want) {
			t.Errorf("ticket message lacks %q:\n%s", want, text)
		}
	}
	claim := buttonID(t, post, word("de", "btn_claim"))

	// Two volunteers press Claim at the same moment.
	vols := []discordtest.Member{inboxVolunteer("701", "de"), inboxVolunteer("702", "en-US")}
	var wg sync.WaitGroup
	sents := make([]*discordtest.Sent, 2)
	for i, v := range vols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Both saw the button; one press may arrive after the other changed the message.
			s, err := srv.PressAny(v, post.ID, claim)
			if err != nil {
				t.Error(err)
			}
			sents[i] = s
		}()
	}
	wg.Wait()
	winner, notes := "", map[string]bool{}
	for i, s := range sents {
		ms, err := s.WaitMessages(1, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if kind, _ := s.Answered(); kind != 7 && kind != 6 {
			t.Errorf("claim answered with %d, want an update of the ticket message", kind)
		}
		for _, m := range ms {
			if !m.Ephemeral() {
				continue
			}
			notes[m.Content] = true
			if m.Content == escapeMarkdown(word(string(vols[i].Locale), "claimed", "number", num)) {
				winner = vols[i].User.ID
			}
		}
	}
	if winner == "" || !notes[escapeMarkdown(word("de", "taken", "number", num))] && !notes[escapeMarkdown(word("en", "taken", "number", num))] {
		t.Fatalf("want one winner and one 'taken'; notes: %v", notes)
	}
	post = ticketPost(t, srv, n, "claimed by the winner", func(m discordtest.Message) bool {
		return strings.Contains(shownText(m), "<@"+winner+">")
	})
	if strings.Contains(labels(post), word("de", "btn_claim")) {
		t.Errorf("a claimed ticket still offers Claim: %s", labels(post))
	}

	// The winner replies through the form.
	winnerMember := vols[0]
	if winner == vols[1].User.ID {
		winnerMember = vols[1]
	}
	sent, err := srv.Press(winnerMember, post.ID, buttonID(t, post, word("de", "btn_reply")))
	if err != nil {
		t.Fatal(err)
	}
	if kind, _ := sent.Wait(5 * time.Second); kind != 9 || sent.Modal() == nil {
		t.Fatalf("Reply opened %d, want a modal", kind)
	}
	const reply = "Die Caritas-Ambulanz am Hauptplatz hat dienstags eine Ärztin, die Arabisch spricht."
	sent, err = srv.Submit(winnerMember, sent.Modal().CustomID, map[string]string{"text": reply})
	if note := answered(t, sent, err, 1)[0]; note.Content != escapeMarkdown(word(winnerMember.Locale, "replied", "number", num)) || !note.Ephemeral() {
		t.Errorf("after the form: %q", note.Content)
	}
	if !srv.WaitFor(10*time.Second, func() bool { return len(box.to(p.id)) > 0 }) {
		t.Fatal("the reply did not reach the person")
	}
	if got := box.to(p.id)[0].Text; !strings.Contains(got, reply) {
		t.Errorf("the person got %q", got)
	}
	ticketPost(t, srv, n, "answered", func(m discordtest.Message) bool {
		return strings.Contains(shownText(m), "<@"+winner+">") && m.Edits > 0
	})

	// The person writes again: it shows in the ticket's thread, with the reply.
	p.say("شكرا، هل أحتاج إلى موعد؟", "")
	if !srv.WaitFor(10*time.Second, func() bool { return len(srv.ChannelMessages(post.ID)) >= 2 }) {
		t.Fatalf("thread: %s", pretty(srv.ChannelMessages(post.ID)))
	}
	thread := srv.ChannelMessages(post.ID)
	if !strings.Contains(thread[0].Content, "Caritas") || !strings.Contains(thread[1].Content, "هل أحتاج إلى موعد") {
		t.Errorf("thread:\n%s\n---\n%s", thread[0].Content, thread[1].Content)
	}

	// /close with the number as text.
	sent, err = srv.Slash(winnerMember, cmdClose, discordtest.Opt{Name: optTicket, Type: 3, Value: "#" + num})
	ms := answered(t, sent, err, 1)
	if ms[0].Content != escapeMarkdown(word(winnerMember.Locale, "closed_now", "number", num)) {
		t.Errorf("/close: %q", ms[0].Content)
	}
	ticketPost(t, srv, n, "closed, without buttons", func(m discordtest.Message) bool { return len(m.Components) == 0 })
	if !srv.WaitFor(10*time.Second, func() bool { return len(box.to(p.id)) >= 2 }) {
		t.Error("the person was not told that the request closed")
	}
	checkNoMentions(t, srv)
	_ = a
}

// /reply takes the number as an integer or as text ("#12"), claims an open
// ticket for the one who replies, and refuses a ticket another holds.
func TestInbox_ReplyCommand(t *testing.T) {
	srv, _, box, channel := inboxSetup(t)
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1002", lang: "uk"}
	n := p.askForAPerson("Де знайти лікаря?")
	num := strconv.FormatInt(n, 10)
	ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })

	sent, err := srv.Slash(inboxVolunteer("711", "uk"), cmdReply, discordtest.Int(optTicket, int(n)), discordtest.String(optText, "Спробуйте Caritas."))
	ms := answered(t, sent, err, 1)
	if ms[0].Content != escapeMarkdown(word("uk", "replied", "number", num)) || !ms[0].Ephemeral() {
		t.Errorf("/reply: %q", ms[0].Content)
	}
	ticketPost(t, srv, n, "answered by the one who replied", func(m discordtest.Message) bool {
		return strings.Contains(shownText(m), "<@711>")
	})
	sent, err = srv.Slash(inboxVolunteer("712", "de"), cmdReply, discordtest.Opt{Name: optTicket, Type: 3, Value: "#" + num}, discordtest.String(optText, "Ich auch."))
	ms = answered(t, sent, err, 1)
	if ms[0].Content != escapeMarkdown(word("de", "taken", "number", num)) {
		t.Errorf("second volunteer: %q", ms[0].Content)
	}
	sent, err = srv.Slash(inboxVolunteer("712", "de"), cmdReply, discordtest.Int(optTicket, 999999), discordtest.String(optText, "x"))
	if ms = answered(t, sent, err, 1); ms[0].Content != escapeMarkdown(word("de", "no_ticket", "number", "999999")) {
		t.Errorf("unknown ticket: %q", ms[0].Content)
	}
	if !srv.WaitFor(10*time.Second, func() bool { return len(box.to(p.id)) == 1 }) || !strings.Contains(box.to(p.id)[0].Text, "Caritas") {
		t.Errorf("the person got %+v", box.to(p.id))
	}
	sent, err = srv.Autocomplete(inboxVolunteer("712", "de"), cmdClose, discordtest.Opt{Name: optTicket, Type: 4, Value: num, Focused: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sent.Wait(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if c := sent.Choices(); len(c) == 0 || !strings.HasPrefix(c[0].Name, "#"+num+" · uk") {
		t.Errorf("ticket choices %+v", c)
	}
}

// A person who asks to be forgotten takes the ticket's message and its
// thread with them; a keeper started again finds its messages and does
// not post a ticket twice.
func TestInbox_ForgetRemovesTheTicketAndRestartDoesNotRepost(t *testing.T) {
	srv, _, _, channel := inboxSetup(t)
	e := inboxEngine(t)
	keep := person{t: t, e: e, channel: channel, id: "p-1003", lang: "fa"}
	gone := person{t: t, e: e, channel: channel, id: "p-1004", lang: "ru"}
	kept := keep.askForAPerson("کجا می‌توانم زبان آلمانی یاد بگیرم؟")
	forgotten := gone.askForAPerson("Где учить немецкий?")
	post := ticketPost(t, srv, forgotten, "posted", func(discordtest.Message) bool { return true })
	gone.say("Ещё вопрос: это бесплатно?", "")
	if !srv.WaitFor(10*time.Second, func() bool { return len(srv.ChannelMessages(post.ID)) == 1 }) {
		t.Fatal("the follow-up did not reach the thread")
	}
	gone.say("/forget", "")
	if !srv.WaitFor(10*time.Second, func() bool {
		_, msg := srv.MessageByID(post.ID)
		return !msg && len(srv.ChannelMessages(post.ID)) == 0
	}) {
		t.Fatalf("the forgotten ticket is still shown: %s", pretty(srv.ChannelMessages(inboxChan)))
	}
	keptPost := ticketPost(t, srv, kept, "posted", func(discordtest.Message) bool { return true })

	cfg := testConfig(srv, e)
	cfg.Inbox = inboxChan
	again := newAdapter(t, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- again.KeepInbox(ctx) }()
	srv.WaitFor(2*time.Second, func() bool { return false })
	cancel()
	<-done
	n := 0
	for _, m := range srv.ChannelMessages(inboxChan) {
		if len(m.Embeds) > 0 && strings.Contains(m.Embeds[0].Title, "#"+strconv.FormatInt(kept, 10)) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("ticket #%d shown %d times after a restart", kept, n)
	}
	if m, _ := srv.MessageByID(keptPost.ID); m.Edits == 0 {
		t.Error("the restarted keeper did not bring the existing message up to date")
	}
}

// Once the bot forgets a closed ticket's text (COMPASS_TICKET_RETENTION),
// the inbox channel forgets it too: its message and thread go.
func TestInbox_RetentionRemovesClosedTickets(t *testing.T) {
	srv, _, _, channel := inboxSetup(t, func(c *Config) { c.InboxSweep = 100 * time.Millisecond })
	e := inboxEngine(t)
	p := person{t: t, e: e, channel: channel, id: "p-1005", lang: "tr"}
	n := p.askForAPerson("Almanca kursunu nerede bulurum?")
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })
	p.say("Ücretsiz mi?", "")
	if !srv.WaitFor(10*time.Second, func() bool { return len(srv.ChannelMessages(post.ID)) == 1 }) {
		t.Fatal("the follow-up did not reach the thread")
	}
	if _, err := e.Inbox().Close(context.Background(), n, bot.Volunteer{ID: "discord:790"}); err != nil {
		t.Fatal(err)
	}
	ticketPost(t, srv, n, "closed", func(m discordtest.Message) bool { return len(m.Components) == 0 })
	time.Sleep(300 * time.Millisecond) // a few sweeps: a closed ticket with its text stays
	if _, ok := srv.MessageByID(post.ID); !ok {
		t.Fatal("a closed ticket was removed before its retention ended")
	}
	if _, err := e.TidyTickets(context.Background(), bot.TicketJobs{Retention: time.Nanosecond}); err != nil {
		t.Fatal(err)
	}
	if !srv.WaitFor(10*time.Second, func() bool {
		_, shown := srv.MessageByID(post.ID)
		return !shown && len(srv.ChannelMessages(post.ID)) == 0
	}) {
		t.Fatal("the purged ticket is still shown in the inbox")
	}
}

// inboxVolunteer is a volunteer in the inbox channel.
func inboxVolunteer(id, locale string) discordtest.Member {
	m := volunteer(id, locale)
	m.ChannelID = inboxChan
	return m
}

// What people share reaches only the volunteers who can see the inbox
// channel: in any other channel of the server (where anyone may read
// along, or use the bot's commands) /reply and /close refuse, and the
// ticket choices of autocomplete are empty. In the inbox channel and in a
// ticket's thread they work.
func TestInbox_OnlyInTheInboxChannel(t *testing.T) {
	srv, _, box, channel := inboxSetup(t)
	e := inboxEngine(t)
	p := person{t: t, e: e, channel: channel, id: "p-1006", lang: "en"}
	const question = "Where can I find a lawyer for my asylum case?"
	n := p.askForAPerson(question)
	num := strconv.FormatInt(n, 10)
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })

	outsider := volunteer("731", "en-US") // a member in another channel of the server
	sent, err := srv.Autocomplete(outsider, cmdClose, discordtest.Opt{Name: optTicket, Type: 4, Value: "", Focused: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sent.Wait(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if c := sent.Choices(); len(c) != 0 {
		t.Errorf("autocomplete outside the inbox lists tickets: %+v", c)
	}
	sent, err = srv.Slash(outsider, cmdReply, discordtest.Int(optTicket, int(n)), discordtest.String(optText, "I am a volunteer, tell me your name and address."))
	if ms := answered(t, sent, err, 1); ms[0].Content != escapeMarkdown(word("en", "inbox_only")) || !ms[0].Ephemeral() {
		t.Errorf("/reply outside the inbox: %q", ms[0].Content)
	}
	sent, err = srv.Slash(outsider, cmdClose, discordtest.Int(optTicket, int(n)))
	if ms := answered(t, sent, err, 1); ms[0].Content != escapeMarkdown(word("en", "inbox_only")) {
		t.Errorf("/close outside the inbox: %q", ms[0].Content)
	}
	if v, err := e.Inbox().Get(context.Background(), n); err != nil || v.State != "open" || len(v.Messages) != 0 {
		t.Errorf("after steps from outside the inbox: %v %+v", err, v)
	}
	reads := 0
	for _, r := range srv.Calls("GET /channels/{channel}") {
		if strings.HasSuffix(r.Path, "/channels/"+testChan) {
			reads++
		}
	}
	if reads != 1 {
		t.Errorf("the outsider's channel was read %d times from Discord, want once (it is remembered)", reads)
	}

	// In the inbox channel autocomplete lists the ticket; in its thread /reply works.
	sent, err = srv.Autocomplete(inboxVolunteer("732", "en-US"), cmdClose, discordtest.Opt{Name: optTicket, Type: 4, Value: num, Focused: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sent.Wait(5 * time.Second); err != nil {
		t.Fatal(err)
	}
	if c := sent.Choices(); len(c) != 1 || !strings.HasPrefix(c[0].Name, "#"+num+" · en") {
		t.Errorf("ticket choices in the inbox: %+v", c)
	}
	p.say("It is urgent, my hearing is next week.", "")
	if !srv.WaitFor(10*time.Second, func() bool { return len(srv.ChannelMessages(post.ID)) == 1 }) {
		t.Fatal("the follow-up did not reach the thread")
	}
	inThread := volunteer("732", "en-US")
	inThread.ChannelID = post.ID // a thread started from a message has its id
	sent, err = srv.Slash(inThread, cmdReply, discordtest.Int(optTicket, int(n)), discordtest.String(optText, "Try the Diakonie refugee counselling."))
	if ms := answered(t, sent, err, 1); ms[0].Content != escapeMarkdown(word("en", "replied", "number", num)) {
		t.Errorf("/reply in the ticket's thread: %q", ms[0].Content)
	}
	if !srv.WaitFor(10*time.Second, func() bool { return len(box.to(p.id)) == 1 }) || !strings.Contains(box.to(p.id)[0].Text, "Diakonie") {
		t.Errorf("the person got %+v", box.to(p.id))
	}
}

// A person who asks to be forgotten while the inbox's keeper is down (a
// restart, a deploy) is removed from the inbox channel when it starts
// again, not an hour later at the first sweep.
func TestInbox_ForgottenWhileDownIsRemovedAtStart(t *testing.T) {
	e := inboxEngine(t)
	channel := "test-" + strconv.FormatInt(runs.Add(1), 10)
	srv := newFake(t)
	srv.AddChannel(inboxChan, testGuild, "inbox")
	cfg := testConfig(srv, e)
	cfg.Inbox = inboxChan
	keep := func() (stop func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- newAdapter(t, cfg).KeepInbox(ctx) }()
		return func() { cancel(); <-done }
	}
	p := person{t: t, e: e, channel: channel, id: "p-1007", lang: "en"}
	stop := keep()
	n := p.askForAPerson("My landlord keeps my deposit, what can I do?")
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })
	stop()

	p.say("/forget", "")
	stop = keep()
	defer stop()
	if !srv.WaitFor(5*time.Second, func() bool { _, shown := srv.MessageByID(post.ID); return !shown }) {
		t.Fatal("the ticket of a person forgotten while the keeper was down is still shown after it started again")
	}
}

// A question longer than a ticket message shows (an embed holds 4,096
// characters) is in the ticket's thread in full: Discord's volunteers
// read all the person wrote.
func TestInbox_LongQuestionIsInTheThreadInFull(t *testing.T) {
	srv, _, _, channel := inboxSetup(t)
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1008", lang: "en"}
	p.say("/person", "")
	parts := []string{
		strings.Repeat("My landlord keeps my deposit. ", 100),
		strings.Repeat("He says the flat was dirty. ", 100),
		"The last thing I need to say: I move out on Friday.",
	}
	var confirm []bot.Reply
	for _, part := range parts {
		confirm = p.say(part, "")
	}
	last := confirm[len(confirm)-1]
	p.say("", last.Buttons[0][0].Payload)
	views, err := p.e.Inbox().List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, v := range views {
		if strings.HasPrefix(v.Question, "My landlord keeps my deposit.") {
			n = v.Number
		}
	}
	if n == 0 {
		t.Fatal("no ticket")
	}
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })
	if strings.Contains(post.Embeds[0].Description, "I move out on Friday") {
		t.Fatal("the test's question must be longer than a ticket message shows")
	}
	if !srv.WaitFor(10*time.Second, func() bool {
		var all strings.Builder
		for _, m := range srv.ChannelMessages(post.ID) {
			all.WriteString(m.Content)
		}
		return strings.Contains(all.String(), "I move out on Friday") && strings.Contains(all.String(), "He says the flat was dirty.")
	}) {
		t.Fatalf("the end of a long question is nowhere in Discord; thread: %s", pretty(srv.ChannelMessages(post.ID)))
	}
}

// An inbox channel the bot cannot find (a mistyped id, a channel it may
// not see) stops the start with an error that names the setting: else
// every request for a person would be posted nowhere, and people would
// wait for answers nobody sees.
func TestNew_InboxChannelMustBeThere(t *testing.T) {
	srv := newFake(t)
	cfg := testConfig(srv, inboxEngine(t))
	cfg.Inbox = "520000000000000999"
	if _, err := New(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "DISCORD_INBOX_CHANNEL") {
		t.Errorf("New with an inbox channel Discord does not know: %v, want an error naming DISCORD_INBOX_CHANNEL", err)
	}
	srv.AddChannel(cfg.Inbox, testGuild, "inbox")
	if _, err := New(context.Background(), cfg); err != nil {
		t.Errorf("New with the inbox channel there: %v", err)
	}
}

// When Discord fails to delete the message of a ticket whose person asked
// to be forgotten (an outage longer than the retries), a later sweep
// deletes it: the person's words are not left in the channel for good.
func TestInbox_ForgottenTicketGoesAfterAFailedDelete(t *testing.T) {
	srv, _, _, channel := inboxSetup(t, func(c *Config) { c.InboxSweep = 200 * time.Millisecond })
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1009", lang: "en"}
	n := p.askForAPerson("My husband hits me, where can I go with my children?")
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })
	outage := longOutage()
	srv.FailNext("DELETE /channels/{channel}/messages/{message}", outage...)
	p.say("/forget", "")
	if !srv.WaitFor(15*time.Second, func() bool { _, shown := srv.MessageByID(post.ID); return !shown }) {
		t.Fatal("the forgotten ticket's message stays in the inbox after a failed delete")
	}
}

// A ticket Discord would not take when it opened (an outage past the
// retries) is posted at a later sweep: else nobody would ever see the
// request, and the person would wait for nothing.
func TestInbox_TicketPostedAfterAFailedPost(t *testing.T) {
	srv, _, _, channel := inboxSetup(t, func(c *Config) { c.InboxSweep = 200 * time.Millisecond })
	outage := longOutage()
	srv.FailNext("POST /channels/{channel}/messages", outage...)
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1010", lang: "en"}
	n := p.askForAPerson("I lost my residence card, what now?")
	ticketPost(t, srv, n, "posted after the outage", func(discordtest.Message) bool { return true })
}

// A follow-up Discord would not take (an outage past the retries) is
// posted to the ticket's thread later, in order, with the follow-ups after
// it: volunteers on Discord do not miss what the person added.
func TestInbox_FollowUpPostedAfterAFailedPost(t *testing.T) {
	srv, _, _, channel := inboxSetup(t, func(c *Config) { c.InboxSweep = 200 * time.Millisecond })
	p := person{t: t, e: inboxEngine(t), channel: channel, id: "p-1011", lang: "en"}
	n := p.askForAPerson("Can I work while my asylum case is open?")
	post := ticketPost(t, srv, n, "posted", func(discordtest.Message) bool { return true })
	outage := longOutage()
	srv.FailNext("POST /channels/{channel}/messages/{message}/threads", outage...)
	p.say("I have a job offer starting on Monday.", "")
	time.Sleep(300 * time.Millisecond)
	p.say("The employer needs an answer by Friday.", "")
	if !srv.WaitFor(15*time.Second, func() bool { return len(srv.ChannelMessages(post.ID)) == 2 }) {
		t.Fatalf("the thread after the outage: %s", pretty(srv.ChannelMessages(post.ID)))
	}
	thread := srv.ChannelMessages(post.ID)
	if !strings.Contains(thread[0].Content, "job offer") || !strings.Contains(thread[1].Content, "by Friday") {
		t.Errorf("the follow-ups in the thread, out of order or lost:\n%s\n---\n%s", thread[0].Content, thread[1].Content)
	}
}

// longOutage is more server errors in a row than a call's retries take:
// the call fails, and only a later sweep can make up for it.
func longOutage() []discordtest.Failure {
	outage := make([]discordtest.Failure, 12)
	for i := range outage {
		outage[i] = discordtest.ServerError
	}
	return outage
}
