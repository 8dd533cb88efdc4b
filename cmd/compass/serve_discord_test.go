package main

import (
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/discord/discordtest"
)

const (
	discordToken = "discord-serve-token"
	discordApp   = "910000000000000001"
	discordGuild = "410000000000000001"
	discordChan  = "510000000000000001"
)

func newDiscordFake(t *testing.T) *discordtest.Server {
	srv := discordtest.NewServer(discordToken, discordApp)
	srv.AddChannel(discordChan, discordGuild, "help")
	t.Cleanup(srv.Close)
	return srv
}

var discordVolunteer = discordtest.Member{User: discordtest.User{ID: "800", Username: "v"}, GuildID: discordGuild, ChannelID: discordChan, Locale: "de"}

func TestServe_DiscordMisconfigured(t *testing.T) {
	for name, tt := range map[string]struct {
		env  map[string]string
		want string
	}{
		"discord settings without token": {map[string]string{"TELEGRAM_TOKEN": "x", "DISCORD_GUILD_ID": "1"}, "DISCORD_TOKEN"},
		"public key not hex":             {map[string]string{"DISCORD_TOKEN": "x", "DISCORD_PUBLIC_KEY": "xyz"}, "DISCORD_PUBLIC_KEY"},
		"guild id not a number":          {map[string]string{"DISCORD_TOKEN": "x", "DISCORD_GUILD_ID": "my-server"}, "DISCORD_GUILD_ID"},
		"inbox channel without token":    {map[string]string{"TELEGRAM_TOKEN": "x", "DISCORD_INBOX_CHANNEL": "1"}, "DISCORD_TOKEN"},
	} {
		r := runCLI(t, "", tt.env, "serve")
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and a hint about %s", name, r.code, r.stderr, tt.want)
		}
	}
}

// Discord alone, over the gateway: the commands are registered in the
// guild, a volunteer's /ask is answered, Ctrl-C stops it cleanly.
func TestServe_DiscordAloneOverTheGateway(t *testing.T) {
	fake := newDiscordFake(t)
	stop := startServe(t, map[string]string{"DISCORD_TOKEN": discordToken, "DISCORD_API_URL": fake.APIURL(), "DISCORD_GUILD_ID": discordGuild})
	waitUntil(t, "the gateway", func() bool { return fake.GatewaySessions() > 0 })
	if _, ok := fake.Command(discordGuild, "ask"); !ok {
		t.Fatal("/ask is not registered in the guild")
	}
	sent, err := fake.Slash(discordVolunteer, "ask", discordtest.String("question", "Wo bekomme ich einen Meldezettel?"))
	if err != nil {
		t.Fatal(err)
	}
	ms, err := sent.WaitMessages(1, 10*time.Second)
	if err != nil || !strings.Contains(ms[0].Content, "Meldezettel") {
		t.Fatalf("answer %v, %v", ms, err)
	}
	if code, stderr := stop(); code != 0 {
		t.Fatalf("serve exited %d:\n%s", code, stderr)
	}
}
