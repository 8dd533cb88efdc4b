package main

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/content/bundled"
)

// person is someone chatting with the bot through the fake Bot API, with
// the name, username and id Telegram sends with every update.
type person struct {
	t     *testing.T
	fake  *telegramtest.Server
	id    int64
	lang  string
	first string
	last  string
	user  string
}

// identify adds what Telegram says about the person to an update.
func (p *person) identify(u map[string]any) map[string]any {
	for _, key := range []string{"message", "callback_query"} {
		if m, ok := u[key].(map[string]any); ok {
			from := m["from"].(map[string]any)
			from["first_name"], from["last_name"], from["username"] = p.first, p.last, p.user
			if chat, ok := m["chat"].(map[string]any); ok && key == "message" {
				chat["first_name"], chat["last_name"], chat["username"] = p.first, p.last, p.user
			}
		}
	}
	return u
}

// send writes text (or presses a button, for data "1:…") and waits until
// the bot has answered; it returns the messages the bot sent meanwhile.
func (p *person) send(text string) []telegramtest.Request {
	p.t.Helper()
	before := len(p.fake.Calls("sendMessage"))
	var u map[string]any
	if strings.HasPrefix(text, "1:") {
		u = telegramtest.CallbackUpdate(p.id, p.id, p.lang, text)
	} else {
		u = telegramtest.TextUpdate(p.id, p.id, p.lang, text)
	}
	id := p.fake.AddUpdate(p.identify(u))
	waitUntil(p.t, "the bot to answer "+strconv.Quote(text), func() bool { return p.fake.Confirmed() > id })
	var out []telegramtest.Request
	for _, c := range p.fake.Calls("sendMessage")[before:] {
		if c.ChatID == p.id {
			out = append(out, c)
		}
	}
	return out
}

// button returns the data of the button whose data starts with prefix.
func button(t *testing.T, msgs []telegramtest.Request, prefix string) string {
	t.Helper()
	for _, m := range msgs {
		for _, row := range m.Keyboard() {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					return b.Data
				}
			}
		}
	}
	t.Fatalf("no button %s… in %d messages", prefix, len(msgs))
	return ""
}

// TestHandoff_EndToEnd is the story through the fake Bot API, the
// real SDK, compass serve and compass inbox on one PostgreSQL: a person
// writes in Arabic, asks for a person, confirms; the ticket appears in the
// inbox; two volunteers race to claim it and one wins; the reply reaches
// that chat and no other; the person's follow-up lands in the ticket; the
// emergency router still answers first; /forget removes the ticket. Nothing
// the inbox prints names the person.
func TestHandoff_EndToEnd(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, url := inboxDatabase(t, p)
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	stop := startServe(t, map[string]string{
		"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "DATABASE_URL": url,
		"COMPASS_INBOX": "terminal", "COMPASS_REGION": "at-graz",
	})
	amira := &person{t: t, fake: fake, id: 5550101, lang: "ar", first: "Amira", last: "Khalil", user: "amira_k_graz"}
	other := &person{t: t, fake: fake, id: 5550202, lang: "uk", first: "Oksana", last: "Bondar", user: "oksana_b"}
	inbox := func(stdin string, args ...string) cliResult {
		return runCLI(t, stdin, map[string]string{"DATABASE_URL": url}, append([]string{"inbox"}, args...)...)
	}
	var printed strings.Builder // everything the inbox showed volunteers

	amira.send("مرحبا")
	ask := amira.send("أريد التحدث مع شخص")
	button(t, ask, "1:x:c:") // the question is asked for, with Cancel
	confirm := amira.send("أحتاج طبيبا يتكلم العربية في غراتس. لدي ألم في الظهر.")
	// Send first, Cancel second in reading order: for Arabic the row is
	// mirrored, so Send is the rightmost button.
	kb := confirm[len(confirm)-1].Keyboard()
	if len(kb) != 1 || len(kb[0]) != 2 || !strings.HasPrefix(kb[0][1].Data, "1:x:s:") || !strings.HasPrefix(kb[0][0].Data, "1:x:c:") {
		t.Fatalf("the confirmation's buttons are %+v; want Send read first (right), Cancel second (left)", kb)
	}
	send := kb[0][1].Data
	if !strings.Contains(confirm[len(confirm)-1].Text(), "أحتاج طبيبا يتكلم العربية في غراتس") {
		t.Errorf("the confirmation does not show the question:\n%s", confirm[len(confirm)-1].Text())
	}
	if r := inbox(""); !strings.Contains(r.stdout, "No open tickets") {
		t.Errorf("the inbox shows a ticket before the person sent it:\n%s", r.stdout)
	}
	sent := amira.send(send)
	number := strings.TrimPrefix(send, "1:x:s:")
	number, _, _ = strings.Cut(number, "@")
	if len(sent) != 1 || !strings.Contains(sent[0].Text(), "#"+number) {
		t.Fatalf("after Send the person got %d messages: %+v", len(sent), sent)
	}

	other.send("/start")
	list := inbox("")
	printed.WriteString(list.stdout)
	if list.code != 0 || !strings.Contains(list.stdout, "#"+number) || !strings.Contains(list.stdout, "أحتاج طبيبا يتكلم العربية") {
		t.Fatalf("compass inbox: exit %d\n%s%s", list.code, list.stdout, list.stderr)
	}

	// Two volunteers race to claim it: one wins.
	var wg sync.WaitGroup
	results := make([]cliResult, 2)
	for i, name := range []string{"maria", "jonas"} {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = inbox("", "--as", name, "claim", number) }()
	}
	wg.Wait()
	winner, loser := "maria", "jonas"
	switch {
	case results[0].code == 0 && results[1].code == 1:
	case results[0].code == 1 && results[1].code == 0:
		winner, loser = loser, winner
	default:
		t.Fatalf("claims: %+v; want exactly one to win", results)
	}
	if r := inbox("", "--as", loser, "reply", number, "me too"); r.code != 1 || !strings.Contains(r.stderr, "taken by terminal:"+winner) {
		t.Errorf("the loser replied: exit %d %s", r.code, r.stderr)
	}

	// The winner's reply reaches that chat and no other.
	const answer = "مرحبا! عيادة كاريتاس في غراتس فيها طبيب يتكلم العربية أيام الثلاثاء. <b>احضري بطاقة التأمين</b>."
	if r := inbox("", "--as", winner, "reply", number, answer); r.code != 0 {
		t.Fatalf("reply: exit %d %s", r.code, r.stderr)
	}
	waitUntil(t, "the volunteer's reply in the person's chat", func() bool {
		for _, c := range fake.Calls("sendMessage") {
			if strings.Contains(c.Text(), "احضري بطاقة التأمين") {
				return true
			}
		}
		return false
	})
	for _, c := range fake.Calls("sendMessage") {
		if strings.Contains(c.Text(), "احضري بطاقة التأمين") && c.ChatID != amira.id {
			t.Errorf("the reply reached chat %d too", c.ChatID)
		}
		if strings.Contains(c.Text(), "احضري") && !strings.Contains(c.Text(), "<b>احضري بطاقة التأمين</b>") {
			t.Errorf("the reply's markup was not escaped as text: %q", c.Text())
		}
	}

	// The person's follow-up lands in the ticket.
	amira.send("شكرا! هل أحتاج موعدا؟")
	show := inbox("", "show", number)
	printed.WriteString(show.stdout)
	if !strings.Contains(show.stdout, "هل أحتاج موعدا؟") || !strings.Contains(show.stdout, "terminal:"+winner) {
		t.Errorf("the follow-up is not in the ticket:\n%s%s", show.stdout, show.stderr)
	}

	// The emergency router answers first while the ticket is open.
	danger := amira.send("زوجي يضربني")
	if len(danger) < 2 || !strings.Contains(danger[0].Text(), "133") || !strings.Contains(danger[len(danger)-1].Text(), "#"+number) {
		t.Errorf("while a ticket is open, danger got %d messages, first %.60q; want the emergency numbers first, then the note that it was added", len(danger), danger[0].Text())
	}
	for _, format := range [][]string{{"--json"}, {"--json", "show", number}} {
		r := inbox("", format...)
		printed.WriteString(r.stdout)
	}

	// Nothing the inbox showed names the person.
	for _, secret := range []string{strconv.FormatInt(amira.id, 10), amira.first, amira.last, amira.user} {
		if strings.Contains(printed.String(), secret) {
			t.Errorf("the inbox showed volunteers %q", secret)
		}
	}

	// /forget removes the ticket.
	amira.send("/forget")
	if r := inbox("", "show", number); r.code != 1 || !strings.Contains(r.stderr, "no ticket") {
		t.Errorf("after /forget: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	} else if strings.Contains(stderr, "احضري") || strings.Contains(stderr, "أحتاج طبيبا") {
		t.Error("the log contains message text")
	}
}

func TestServe_InboxNeedsTheDatabase(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"TELEGRAM_TOKEN": "x", "COMPASS_INBOX": "discordia"}, "COMPASS_INBOX"},
		{map[string]string{"TELEGRAM_TOKEN": "x", "COMPASS_TICKET_RETENTION": "soon"}, "COMPASS_TICKET_RETENTION"},
	} {
		if r := runCLI(t, "", tt.env, "serve"); r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d %q", tt.env, r.code, r.stderr)
		}
	}
	fake := telegramtest.NewServer(serveToken)
	defer fake.Close()
	r := runCLI(t, "", map[string]string{"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": fake.URL, "COMPASS_INBOX": "terminal"}, "serve")
	if r.code != 2 || !strings.Contains(r.stderr, "DATABASE_URL") {
		t.Errorf("a terminal inbox without a database: exit %d %q", r.code, r.stderr)
	}
}

func TestHandoffConfig_WhereTicketsLive(t *testing.T) {
	bundledOnly := &contentSource{Origin: "the bundled pack"}
	for _, tt := range []struct {
		name string
		h    handoffConfig
		want string // "", "memory", "error"
	}{
		{"no inbox: no handoff", handoffConfig{}, ""},
		{"terminal inbox without a database", handoffConfig{inbox: inboxTerminal}, "error"},
		{"an adapter's inbox in this process, no database", handoffConfig{adapterInbox: "discord"}, "memory"},
	} {
		ts, err := tt.h.tickets(bundledOnly)
		got := ""
		switch {
		case err != nil:
			got = "error"
		case ts != nil:
			got = "memory"
		}
		if got != tt.want {
			t.Errorf("%s: got %s (%v), want %s", tt.name, got, err, tt.want)
		}
	}
}
