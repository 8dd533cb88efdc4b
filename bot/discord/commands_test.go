package discord

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
)

// Commands are registered at start, in the guild, with localised names;
// starting again changes nothing (same ids and versions); without a guild
// they are global; the inbox's only with an inbox.
func TestCommands_RegisteredIdempotently(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	if err := a.RegisterCommands(t.Context()); err != nil {
		t.Fatal(err)
	}
	first := srv.Commands(testGuild)
	var names []string
	for _, c := range first {
		names = append(names, c.Name)
	}
	if strings.Join(names, " ") != "ask compare topics services language region forget" {
		t.Errorf("commands %v", names)
	}
	ask, _ := srv.Command(testGuild, cmdAsk)
	if ask.NameLocalizations["de"] != "fragen" || ask.NameLocalizations["es-419"] != "preguntar" || ask.DescriptionLocalizations["uk"] == "" {
		t.Errorf("/ask localizations: %v %v", ask.NameLocalizations, ask.DescriptionLocalizations)
	}
	if len(ask.Options) != 3 || !ask.Options[0].Required || !ask.Options[0].Autocomplete || ask.Options[1].NameLocalizations["ru"] != "язык" {
		t.Errorf("/ask options: %s", pretty(ask.Options))
	}

	if err := newAdapter(t, testConfig(srv, realEngine(t))).RegisterCommands(t.Context()); err != nil {
		t.Fatal(err)
	}
	again := srv.Commands(testGuild)
	for i := range first {
		if first[i].ID != again[i].ID || first[i].Version != again[i].Version {
			t.Errorf("/%s changed on a second start: %s/%s → %s/%s", first[i].Name, first[i].ID, first[i].Version, again[i].ID, again[i].Version)
		}
	}

	// An engine with an inbox (COMPASS_INBOX=terminal) but no inbox channel
	// here: /reply and /close would refuse everywhere, so they are not offered.
	cfg := testConfig(srv, inboxEngine(t))
	cfg.GuildID = ""
	if err := newAdapter(t, cfg).RegisterCommands(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Commands("")); n != 7 {
		t.Errorf("%d global commands with an inbox but no inbox channel, want 7", n)
	}
	cfg.Inbox = inboxChan
	srv.AddChannel(inboxChan, testGuild, "inbox")
	if err := newAdapter(t, cfg).RegisterCommands(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Commands("")); n != 9 {
		t.Errorf("%d global commands with the inbox, want 9", n)
	}
	if reply, ok := srv.Command("", cmdReply); !ok || reply.DMPermission == nil || *reply.DMPermission {
		t.Errorf("/reply must not be usable in direct messages: %s", pretty(reply))
	}
}

// Autocomplete offers languages, regions, topics and questions, in the
// volunteer's language, matching what was typed in any language.
func TestAutocomplete(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	runGateway(t, srv, a)
	tests := []struct {
		locale, command string
		opts            []discordtest.Opt
		wantName        string
		wantValue       any
	}{
		{"de", cmdAsk, []discordtest.Opt{discordtest.String(optQuestion, "x"), discordtest.Focused(optLanguage, "arab")}, "العربية – Arabisch", "ar"},
		{"en-US", cmdAsk, []discordtest.Opt{discordtest.String(optQuestion, "x"), discordtest.Focused(optLanguage, "ukr")}, "Українська – Ukrainian", "uk"},
		{"de", cmdAsk, []discordtest.Opt{discordtest.String(optQuestion, "x"), discordtest.Focused(optRegion, "wien")}, "Wien", "at-wien"},
		{"en-US", cmdAsk, []discordtest.Opt{discordtest.String(optQuestion, "x"), discordtest.Focused(optRegion, "vienna")}, "Vienna", "at-wien"},
		{"de", cmdCompare, []discordtest.Opt{discordtest.String(optQuestion, "x"), discordtest.String(optLanguage, "ar"), discordtest.Focused(optLanguage2, "türk")}, "Türkçe – Türkisch", "tr"},
		{"en-US", cmdServices, []discordtest.Opt{discordtest.Focused(optTopic, "heal")}, "Health", "health"},
		{"de", cmdAsk, []discordtest.Opt{discordtest.Focused(optQuestion, "meldez")}, "", nil},
	}
	for _, tt := range tests {
		sent, err := srv.Autocomplete(volunteer("620", tt.locale), tt.command, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if kind, err := sent.Wait(5 * time.Second); err != nil || kind != 8 {
			t.Fatalf("%v: callback %d, %v", tt.opts, kind, err)
		}
		choices := sent.Choices()
		if len(choices) == 0 || len(choices) > 25 {
			t.Errorf("%s %v: %d choices", tt.command, tt.opts, len(choices))
			continue
		}
		if tt.wantValue == nil {
			name := fmt.Sprint(choices[0].Value)
			if !strings.Contains(strings.ToLower(name), "meldez") {
				t.Errorf("question choices %v", choices)
			}
			continue
		}
		if choices[0].Name != tt.wantName || choices[0].Value != tt.wantValue {
			t.Errorf("%s %v: first choice %+v, want %q = %v", tt.command, tt.opts, choices[0], tt.wantName, tt.wantValue)
		}
	}
}

// A language or region the content does not have is said so, politely,
// instead of answering silently in another; names work as well as ids.
func TestCommands_OptionsByNameOrPolitelyRefused(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "lang=" + m.Lang + " region=" + m.Region}} })
	a := newAdapter(t, testConfig(srv, e))
	runGateway(t, srv, a)
	vol := volunteer("621", "de")
	for _, tt := range []struct{ lang, region, want string }{
		{"Arabisch", "Wien", "lang=ar region=at-wien"},
		{"arabic", "at-graz", "lang=ar region=at-graz"},
		{"Klingonisch", "", escapeMarkdown(word("de", "unknown_language", "value", "Klingonisch"))},
		{"ar", "Atlantis", escapeMarkdown(word("de", "unknown_region", "value", "Atlantis"))},
	} {
		opts := []discordtest.Opt{discordtest.String(optQuestion, "/forget me")}
		if tt.lang != "" {
			opts = append(opts, discordtest.String(optLanguage, tt.lang))
		}
		if tt.region != "" {
			opts = append(opts, discordtest.String(optRegion, tt.region))
		}
		sent, err := srv.Slash(vol, cmdAsk, opts...)
		ms := answered(t, sent, err, 1)
		if ms[0].Content != tt.want {
			t.Errorf("%s/%s: %q, want %q", tt.lang, tt.region, ms[0].Content, tt.want)
		}
	}
	for _, m := range e.messages() {
		if m.Text != "forget me" {
			t.Errorf("the question reached the engine as %q: a slash must not make it a command", m.Text)
		}
	}
}

// /services lists the region's services of a topic, in the language asked.
func TestCommands_Services(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	runGateway(t, srv, a)
	sent, err := srv.Slash(volunteer("622", "de"), cmdServices, discordtest.String(optTopic, "health"), discordtest.String(optLanguage, "uk"))
	ms := answered(t, sent, err, 1)
	if !ms[0].Ephemeral() || !strings.Contains(ms[0].Content, "Caritas") || !strings.Contains(ms[0].Content, "за записом") {
		t.Errorf("/services health in Ukrainian:\n%s", ms[0].Content)
	}
}

// A token Discord refuses stops the adapter at once, with the token kept
// out of the message.
func TestNew_WrongTokenFails(t *testing.T) {
	srv := newFake(t)
	cfg := testConfig(srv, realEngine(t))
	cfg.Token = "wrong-token-123"
	_, err := New(t.Context(), cfg)
	if err == nil || !strings.Contains(err.Error(), "checking the token") || strings.Contains(err.Error(), cfg.Token) {
		t.Errorf("err = %v", err)
	}
}
