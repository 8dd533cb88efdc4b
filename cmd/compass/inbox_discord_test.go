package main

import (
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/bot/telegram/telegramtest"
)

const discordInbox = "520000000000000009"

// A person on Telegram, who the bot knows by id, name and username.
var amira = struct {
	id                      int64
	first, last, user, lang string
}{5550001234, "Amira", "Haddad", "amira_haddad_77", "ar"}

// tgUpdate is an update from Amira (or a button she pressed), in the
// Bot API's wire format, with everything Telegram says about her.
func tgUpdate(n int, text, callbackData string) map[string]any {
	from := map[string]any{"id": amira.id, "is_bot": false, "first_name": amira.first, "last_name": amira.last,
		"username": amira.user, "language_code": amira.lang}
	chat := map[string]any{"id": amira.id, "type": "private", "first_name": amira.first, "last_name": amira.last, "username": amira.user}
	msg := map[string]any{"message_id": 100 + n, "date": time.Now().Unix(), "chat": chat, "from": from, "text": text}
	if callbackData == "" {
		if strings.HasPrefix(text, "/") {
			msg["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(text)}}
		}
		return map[string]any{"message": msg}
	}
	msg["from"] = map[string]any{"id": 7000001, "is_bot": true, "first_name": "Compass"}
	return map[string]any{"callback_query": map[string]any{"id": "cb" + strconv.Itoa(n), "from": from, "message": msg,
		"chat_instance": "ci1", "data": callbackData}}
}

// End to end, both platforms through their real SDKs in one compass
// serve, Discord over HTTP interactions on COMPASS_LISTEN: Amira asks for
// a person on Telegram; the ticket appears in the Discord inbox channel;
// two volunteers press Claim at once and one wins; the winner answers
// with /reply; the text reaches Amira's chat and no other. Nothing the
// bot sent to Discord carries her id, name or username. (Discord over the
// gateway: TestServe_DiscordAloneOverTheGateway.)
func TestServe_TelegramPersonDiscordVolunteers(t *testing.T) {
	tg := telegramtest.NewServer(serveToken)
	defer tg.Close()
	dc := newDiscordFake(t)
	dc.AddChannel(discordInbox, discordGuild, "inbox")
	addr := freeAddr(t)
	stop := startServe(t, map[string]string{
		"TELEGRAM_TOKEN": serveToken, "TELEGRAM_API_URL": tg.URL,
		"DISCORD_TOKEN": discordToken, "DISCORD_API_URL": dc.APIURL(), "DISCORD_PUBLIC_KEY": hex.EncodeToString(dc.PublicKey),
		"DISCORD_INBOX_CHANNEL": discordInbox, "COMPASS_REGION": "at-graz", "COMPASS_LISTEN": addr,
	})
	base := "http://" + addr
	waitUntil(t, "/readyz", func() bool { // ready once both Telegram and Discord take updates
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	if n := len(dc.Commands("")); n != 9 {
		t.Errorf("%d global commands, want 9 (with /reply and /close: there is an inbox)", n)
	}
	endpoint := base + "/discord/interactions"
	if status, body, err := dc.Ping(endpoint); err != nil || status != 200 || !strings.Contains(string(body), `"type":1`) {
		t.Fatalf("PING: %d %s %v", status, body, err)
	}
	if status, _, _ := discordtest.PostSigned(endpoint, []byte(`{"type":1}`), "", ""); status != http.StatusUnauthorized {
		t.Errorf("unsigned request: %d, want 401", status)
	}
	dc.DeliverTo(endpoint)
	// A second person on Telegram, to prove the reply goes to Amira only.
	tg.AddUpdate(telegramtest.TextUpdate(4242, 4242, "de", "/start"))

	say := func(n int, text, data string) {
		t.Helper()
		before := tg.Count("sendMessage")
		id := tg.AddUpdate(tgUpdate(n, text, data))
		waitUntil(t, "Telegram update "+strconv.Itoa(id), func() bool { return tg.Confirmed() > id && tg.Count("sendMessage") > before })
	}
	say(1, "/person", "")
	question := "أين أجد طبيبا يتكلم العربية في غراتس؟"
	say(2, question, "")
	confirm := tg.Messages()[len(tg.Messages())-1]
	kb := confirm.Keyboard()
	if len(kb) == 0 || confirm.ChatID != amira.id {
		t.Fatalf("no confirmation for Amira: %q %v", confirm.Text(), kb)
	}
	send := ""
	for _, b := range kb[0] {
		if b.Text == "إرسال" { // "Send" (the row is mirrored for Arabic)
			send = b.Data
		}
	}
	say(3, "", send)

	var post discordtest.Message
	waitUntil(t, "the ticket in the Discord inbox", func() bool {
		for _, m := range dc.ChannelMessages(discordInbox) {
			if len(m.Embeds) == 1 && strings.Contains(m.Embeds[0].Description, question) {
				post = m
				return true
			}
		}
		return false
	})
	var claim string
	for _, b := range post.Components[0].Components {
		if strings.HasPrefix(b.CustomID, "c1:t:claim:") {
			claim = b.CustomID
		}
	}
	number := strings.TrimPrefix(claim, "c1:t:claim:")
	if !strings.Contains(post.Embeds[0].Title, "#"+number) {
		t.Errorf("the ticket message is titled %q, want #%s", post.Embeds[0].Title, number)
	}

	vols := []discordtest.Member{
		{User: discordtest.User{ID: "801", Username: "lena"}, GuildID: discordGuild, ChannelID: discordInbox, Locale: "de"},
		{User: discordtest.User{ID: "802", Username: "omar"}, GuildID: discordGuild, ChannelID: discordInbox, Locale: "de"},
	}
	var wg sync.WaitGroup
	notes := make([]string, 2)
	for i, v := range vols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Both saw the button; one press may arrive after the other changed the message.
			sent, err := dc.PressAny(v, post.ID, claim)
			if err != nil {
				t.Error(err)
				return
			}
			ms, err := sent.WaitMessages(1, 10*time.Second)
			if err != nil {
				t.Error(err)
				return
			}
			notes[i] = ms[len(ms)-1].Content
		}()
	}
	wg.Wait()
	winner := -1
	for i, n := range notes {
		if strings.Contains(n, "übernommen. Antworte") {
			if winner >= 0 {
				t.Fatalf("two volunteers claimed #%s: %q", number, notes)
			}
			winner = i
		}
	}
	if winner < 0 || !strings.Contains(notes[1-winner], "schon jemand anderes") {
		t.Fatalf("want one claim and one 'taken': %q", notes)
	}

	const reply = "Die Caritas-Ambulanz hat dienstags eine Ärztin, die Arabisch spricht."
	discordTicket := discordtest.Int("ticket", atoi(t, number))
	sent, err := dc.Slash(vols[winner], "reply", discordTicket, discordtest.String("text", reply))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sent.WaitMessages(1, 10*time.Second); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the reply on Telegram", func() bool {
		for _, m := range tg.Messages() {
			if strings.Contains(m.Text(), reply) {
				return true
			}
		}
		return false
	})
	for _, m := range tg.Messages() {
		if strings.Contains(m.Text(), reply) && m.ChatID != amira.id {
			t.Errorf("the reply went to chat %d", m.ChatID)
		}
	}

	for _, r := range dc.Requests() {
		body := string(r.Body) + " " + r.Path
		for _, secret := range []string{strconv.FormatInt(amira.id, 10), amira.first, amira.last, amira.user} {
			if strings.Contains(body, secret) {
				t.Errorf("%s carries %q: %s", r.Route, secret, body)
			}
		}
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
}

func atoi(t *testing.T, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("ticket number %q: %v", s, err)
	}
	return n
}
