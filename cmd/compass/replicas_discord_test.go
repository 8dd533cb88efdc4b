package main

import (
	"context"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
)

// Two replicas over HTTP interactions name the same Discord inbox channel:
// each ticket is posted there once (one replica keeps the channel, the
// one holding its lock), the other takes the volunteers' /reply from the
// channel, and when the keeper stops, the other keeps the channel.
func TestReplicas_DiscordInboxKeptOnce(t *testing.T) {
	url := smallPackDatabase(t)
	dc := newDiscordFake(t)
	dc.AddChannel(discordInbox, discordGuild, "inbox")
	type replica struct {
		addr   string
		stop   func() (int, string)
		logged func() string
	}
	var rs []replica
	for range 2 {
		addr := freeAddr(t)
		stop, logged := startServeLogged(t, map[string]string{
			"DATABASE_URL": url, "DISCORD_TOKEN": discordToken, "DISCORD_API_URL": dc.APIURL(),
			"DISCORD_PUBLIC_KEY": hex.EncodeToString(dc.PublicKey), "DISCORD_INBOX_CHANNEL": discordInbox, "COMPASS_LISTEN": addr,
		})
		rs = append(rs, replica{addr, stop, logged})
	}
	for _, r := range rs {
		waitUntil(t, "ready", func() bool { code, _ := readyz(r.addr); return code == http.StatusOK })
	}
	db, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	open := func(user, question string) int64 {
		t.Helper()
		now := time.Now()
		d, err := db.Tickets().SaveDraft(context.Background(), content.Ticket{Channel: "telegram", ChatID: user, UserID: user,
			Lang: "en", Region: "at-graz", Question: question, Created: now, Updated: now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Tickets().Act(context.Background(), d.Number, content.ActSubmit, "person", now, nil, nil); err != nil {
			t.Fatal(err)
		}
		return d.Number
	}
	posts := func(n int64) int {
		count := 0
		for _, m := range dc.ChannelMessages(discordInbox) {
			if len(m.Embeds) > 0 && strings.Contains(m.Embeds[0].Title, "#"+strconv.FormatInt(n, 10)) {
				count++
			}
		}
		return count
	}
	keeps := func(r replica) bool {
		return strings.Contains(r.logged(), "this replica keeps the Discord inbox channel")
	}

	first := open("9001", "Where do I register my address?")
	waitUntil(t, "the first ticket in the inbox", func() bool { return posts(first) > 0 })
	time.Sleep(2 * time.Second) // the other replica would have posted it by now
	if n := posts(first); n != 1 {
		t.Fatalf("ticket #%d posted %d times by two replicas", first, n)
	}
	keeper, other := rs[0], rs[1]
	if !keeps(keeper) {
		keeper, other = rs[1], rs[0]
	}
	if !keeps(keeper) || keeps(other) {
		t.Fatalf("want exactly one keeper; logs:\n%s\n---\n%s", rs[0].logged(), rs[1].logged())
	}

	// The other replica takes a volunteer's /reply in the inbox channel.
	dc.DeliverTo("http://" + other.addr + "/discord/interactions")
	vol := discordtest.Member{User: discordtest.User{ID: "805", Username: "lena"}, GuildID: discordGuild, ChannelID: discordInbox, Locale: "en-US"}
	sent, err := dc.Slash(vol, "reply", discordtest.Int("ticket", int(first)), discordtest.String("text", "At the Bürgerservice, Monday to Friday."))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := sent.WaitMessages(1, 10*time.Second)
	if err != nil || !strings.Contains(ms[0].Content, "on its way") {
		t.Fatalf("/reply on the replica that does not keep the channel: %v %+v", err, ms)
	}

	// The keeper stops: the other keeps the channel.
	keeper.stop()
	second := open("9002", "Where is the nearest doctor?")
	waitUntil(t, "the second ticket in the inbox, from the other replica", func() bool { return posts(second) > 0 })
	time.Sleep(time.Second)
	if n := posts(second); n != 1 {
		t.Errorf("ticket #%d posted %d times", second, n)
	}
}
