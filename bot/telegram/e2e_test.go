package telegram

import (
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

var (
	engineOnce sync.Once
	engine     *bot.Engine
	engineErr  error
)

// newEngine is the real conversation engine on the bundled pack, built once
// (building the matcher takes seconds) and shared: tests use distinct chats.
func newEngine(t testing.TB) *bot.Engine {
	t.Helper()
	engineOnce.Do(func() {
		p, err := bundled.Load()
		if err != nil {
			engineErr = err
			return
		}
		engine = bot.New(bot.Config{NewMatcher: match.New})
		engineErr = engine.SetPack(p)
	})
	if engineErr != nil {
		t.Fatalf("engine on the bundled pack: %v", engineErr)
	}
	return engine
}

// chat drives one person's conversation through the fake Telegram server,
// the real SDK client, the adapter and the real engine.
type chat struct {
	t    *testing.T
	srv  *telegramtest.Server
	id   int64
	lang string
}

func startConversation(t *testing.T, id int64, lang string) *chat {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, newEngine(t)))
	poll(t, a)
	waitFor(t, "the poller to start", 5*time.Second, func() bool { return srv.Count("getUpdates") > 0 })
	return &chat{t: t, srv: srv, id: id, lang: lang}
}

// send delivers an update and returns the calls the bot made for it.
func (c *chat) send(u map[string]any) []telegramtest.Request {
	c.t.Helper()
	before := len(c.srv.Requests())
	id := c.srv.AddUpdate(u)
	waitFor(c.t, "update handled", 10*time.Second, confirmed(c.srv, id))
	var out []telegramtest.Request
	for _, r := range c.srv.Requests()[before:] {
		if r.Method != "getUpdates" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		c.t.Fatalf("the bot made no call for update %d", id)
	}
	for _, r := range out {
		if r.Method == "sendMessage" && r.ChatID != c.id {
			c.t.Errorf("message went to chat %d, want %d", r.ChatID, c.id)
		}
	}
	return out
}

func (c *chat) say(text string) []telegramtest.Request {
	return c.send(telegramtest.TextUpdate(c.id, c.id, c.lang, text))
}

func (c *chat) press(data string) []telegramtest.Request {
	c.t.Helper()
	calls := c.send(telegramtest.CallbackUpdate(c.id, c.id, c.lang, data))
	if calls[0].Method != "answerCallbackQuery" {
		c.t.Errorf("first call after a button press was %s, want answerCallbackQuery", calls[0].Method)
	}
	return calls
}

func (c *chat) share(lat, lon float64) []telegramtest.Request {
	return c.send(telegramtest.LocationUpdate(c.id, c.id, c.lang, lat, lon))
}

// lastMessage is the last sendMessage among calls.
// The prompt that only carries the share-my-location keyboard is skipped.
func lastMessage(t *testing.T, calls []telegramtest.Request) telegramtest.Request {
	t.Helper()
	for i := len(calls) - 1; i >= 0; i-- {
		if calls[i].Method == "sendMessage" && !isLocationPrompt(calls[i]) {
			return calls[i]
		}
	}
	t.Fatalf("no message among %d calls", len(calls))
	return telegramtest.Request{}
}

// isLocationPrompt reports whether m is the message of its own that carries
// the share-my-location keyboard (its text is the button's label).
func isLocationPrompt(m telegramtest.Request) bool {
	kb := m.ReplyKeyboard()
	return len(kb) == 1 && len(kb[0]) == 1 && kb[0][0].RequestLocation && m.Text() == kb[0][0].Text
}

// button finds the data of the button whose label contains label.
func button(t *testing.T, m telegramtest.Request, label string) string {
	t.Helper()
	for _, row := range m.Keyboard() {
		for _, b := range row {
			if strings.Contains(b.Text, label) {
				return b.Data
			}
		}
	}
	t.Fatalf("no button %q in keyboard %v", label, m.Keyboard())
	return ""
}

func buttonWithData(m telegramtest.Request, prefix string) (telegramtest.Button, bool) {
	for _, row := range m.Keyboard() {
		for _, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return b, true
			}
		}
	}
	return telegramtest.Button{}, false
}

func mostlyScript(s string, script *unicode.RangeTable) bool {
	in, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(script, r) {
				in++
			}
		}
	}
	return letters > 0 && in*2 > letters
}

func TestEndToEnd_ArabicRightToLeft(t *testing.T) {
	c := startConversation(t, 1001, "ar")
	welcome := lastMessage(t, c.say("/start"))
	if !mostlyScript(welcome.Text(), unicode.Arabic) {
		t.Errorf("welcome for an Arabic phone is not in Arabic: %q", welcome.Text())
	}
	menu := lastMessage(t, c.say("/language"))
	rows := menu.Keyboard()
	if len(rows) == 0 || len(rows[0]) < 3 {
		t.Fatalf("language keyboard = %v", rows)
	}
	// The engine lists languages in reading order (English, Deutsch,
	// العربية …); a right-to-left reader reads rows from the right.
	if first, last := rows[0][0].Text, rows[0][len(rows[0])-1].Text; !strings.Contains(first, "العربية") || last != "English" {
		t.Errorf("first row %v is not mirrored for right-to-left", rows[0])
	}
	choose := c.press(button(t, menu, "فارسی"))
	if len(choose) < 2 {
		t.Fatalf("choosing a language made %d calls", len(choose))
	}
	menu = lastMessage(t, c.say("/language"))
	if b := button(t, menu, "فارسی"); !strings.Contains(findLabel(menu, b), "✓") {
		t.Errorf("after choosing Farsi the menu marks %v", menu.Keyboard())
	}
}

func findLabel(m telegramtest.Request, data string) string {
	for _, row := range m.Keyboard() {
		for _, b := range row {
			if b.Data == data {
				return b.Text
			}
		}
	}
	return ""
}

func TestEndToEnd_RussianQuestionAnswerAndGermanForTheCounter(t *testing.T) {
	c := startConversation(t, 1002, "ru")
	answer := lastMessage(t, c.say("где сделать Meldezettel?"))
	html := answer.Form.Get("text")
	if answer.Form.Get("parse_mode") != "HTML" || !strings.HasPrefix(html, "<b>") {
		t.Errorf("answer is not HTML with a bold title: %.80q", html)
	}
	if !strings.Contains(html, `<a href="https://www.oesterreich.gv.at/`) {
		t.Errorf("answer does not link the official source: %q", html)
	}
	if !mostlyScript(answer.Text(), unicode.Cyrillic) {
		t.Errorf("answer is not in Russian: %.100q", answer.Text())
	}
	local, ok := buttonWithData(answer, "1:b:") // "show it in the region's language"
	if !ok {
		t.Fatalf("no button to show the answer in German: %v", answer.Keyboard())
	}
	german := lastMessage(t, c.press(local.Data))
	if mostlyScript(german.Text(), unicode.Cyrillic) || !strings.Contains(german.Text(), "Meldezettel") {
		t.Errorf("the German version is not German: %.100q", german.Text())
	}
}

func TestEndToEnd_UkrainianBrowsesTopics(t *testing.T) {
	c := startConversation(t, 1003, "uk")
	topics := lastMessage(t, c.say("/topics"))
	if !mostlyScript(topics.Text(), unicode.Cyrillic) || len(topics.Keyboard()) < 3 {
		t.Fatalf("topics menu: %q %v", topics.Text(), topics.Keyboard())
	}
	if rows := topics.Keyboard(); !strings.Contains(rows[0][0].Text, "Прибуття") {
		t.Errorf("left-to-right rows must keep their order, first row %v", rows[0])
	}
	questions := lastMessage(t, c.press(topics.Keyboard()[0][0].Data))
	q := questions.Keyboard()[0][0]
	answer := lastMessage(t, c.press(q.Data))
	if !strings.Contains(answer.Text(), q.Text) {
		t.Errorf("answer to %q starts %.60q", q.Text, answer.Text())
	}
	for _, m := range []telegramtest.Request{topics, questions, answer} {
		for _, row := range m.Keyboard() {
			for _, b := range row {
				if len(b.Data) > 64 {
					t.Errorf("callback_data %q over 64 bytes", b.Data)
				}
				if data, _, _ := strings.Cut(b.Data, "@"); strings.HasSuffix(data, ":") || strings.Contains(data, "::") {
					t.Errorf("button %q carries an empty argument: %q", b.Text, b.Data) // was "1:n:" on browsed answers
				}
			}
		}
	}
}

func TestEndToEnd_TurkishLocationFindsAServiceAndSendsAVenue(t *testing.T) {
	c := startConversation(t, 1004, "tr")
	answer := lastMessage(t, c.say("e-card nasıl alınır?"))
	if !strings.Contains(answer.Text(), "e-card") {
		t.Fatalf("answer: %.80q", answer.Text())
	}
	graz := [2]float64{47.0707, 15.4395}
	reply := lastMessage(t, c.share(graz[0], graz[1]))
	if b, ok := buttonWithData(reply, "1:r:"); ok { // the engine offers to switch region first
		c.press(b.Data)
		reply = lastMessage(t, c.share(graz[0], graz[1]))
	}
	venue, ok := buttonWithData(reply, "1:v:")
	if !ok {
		t.Fatalf("no service to show as a venue near Graz: %q %v", reply.Text(), reply.Keyboard())
	}
	calls := c.press(venue.Data)
	var sent []telegramtest.Request
	for _, r := range calls {
		if r.Method == "sendVenue" {
			sent = append(sent, r)
		}
	}
	if len(sent) != 1 {
		t.Fatalf("pressing %q made calls %v, want one sendVenue", venue.Text, methods(calls))
	}
	if sent[0].Form.Get("title") == "" || sent[0].Form.Get("latitude") == "" {
		t.Errorf("venue without title or position: %v", sent[0].Form)
	}
}

func methods(calls []telegramtest.Request) []string {
	var out []string
	for _, r := range calls {
		out = append(out, r.Method)
	}
	return out
}

func TestEndToEnd_StaleAndForgedButtonsArePolite(t *testing.T) {
	c := startConversation(t, 1005, "de")
	for _, data := range []string{"1:i:zzzzzzzz", "2:x", "1:t:", "<script>", "1:l:xx"} {
		calls := c.press(data)
		if len(calls) < 2 {
			t.Errorf("button %q: calls %v, want the answer to the press and a message", data, methods(calls))
			continue
		}
		if msg := lastMessage(t, calls).Text(); strings.TrimSpace(msg) == "" {
			t.Errorf("button %q: empty reply", data)
		}
	}
}
