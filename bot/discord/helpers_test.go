package discord

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

const (
	testToken = "MTAx.test-token_xyz"
	testApp   = "900000000000000001"
	testGuild = "400000000000000001"
	testChan  = "500000000000000001"
)

var (
	engineOnce sync.Once
	engine     *bot.Engine
	engineErr  error
)

// realEngine is the conversation engine on the bundled pack, built once
// (the matcher takes seconds) and shared: tests use distinct users.
func realEngine(t testing.TB) *bot.Engine {
	t.Helper()
	engineOnce.Do(func() {
		p, err := bundled.Load()
		if err != nil {
			engineErr = err
			return
		}
		engine = bot.New(bot.Config{NewMatcher: match.New, DefaultRegion: "at-graz"})
		engine.Connect(Channel, nil, Capabilities)
		engineErr = engine.SetPack(p)
	})
	if engineErr != nil {
		t.Fatalf("engine on the bundled pack: %v", engineErr)
	}
	return engine
}

var (
	inboxOnce      sync.Once
	inboxEng       *bot.Engine
	inboxEngineErr error
)

// inboxEngine is the engine on the bundled pack with a volunteer inbox
// (tickets in memory), built once and shared: tests use distinct people
// and tickets.
func inboxEngine(t testing.TB) *bot.Engine {
	t.Helper()
	inboxOnce.Do(func() {
		inboxEng = bot.New(bot.Config{NewMatcher: match.New, DefaultRegion: "at-graz", Tickets: bot.NewMemoryTickets()})
		inboxEng.Connect(Channel, nil, Capabilities)
		inboxEngineErr = inboxEng.SetPack(realEngine(t).Pack())
	})
	if inboxEngineErr != nil {
		t.Fatalf("inbox engine: %v", inboxEngineErr)
	}
	return inboxEng
}

// scripted is an engine that answers with what reply returns, after delay,
// and records the messages; its pack is the bundled one.
type scripted struct {
	mu    sync.Mutex
	msgs  []bot.Message
	reply func(bot.Message) []bot.Reply
	delay time.Duration
	pack  *content.Pack
}

func newScripted(t testing.TB, reply func(bot.Message) []bot.Reply) *scripted {
	return &scripted{reply: reply, pack: realEngine(t).Pack()}
}

func (s *scripted) Handle(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	select {
	case <-time.After(s.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, m)
	s.mu.Unlock()
	return s.reply(m), nil
}

func (s *scripted) Pack() *content.Pack { return s.pack }

func (s *scripted) Inbox() *bot.Inbox { return nil }

func (s *scripted) messages() []bot.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Message(nil), s.msgs...)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newFake(t testing.TB) *discordtest.Server {
	t.Helper()
	srv := discordtest.NewServer(testToken, testApp)
	srv.AddChannel(testChan, testGuild, "help-desk")
	t.Cleanup(srv.Close)
	return srv
}

// testConfig is a config against the fake with fast retries.
func testConfig(srv *discordtest.Server, e Engine) Config {
	return Config{
		Token: testToken, AppID: testApp, GuildID: testGuild, APIURL: srv.APIURL(), Engine: e,
		Logger: quietLogger(), Policy: relay.Policy{Backoff: func(int) time.Duration { return 10 * time.Millisecond }},
	}
}

func newAdapter(t testing.TB, cfg Config) *Adapter {
	t.Helper()
	a, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return a
}

// runGateway runs the adapter over the gateway until the test ends.
func runGateway(t testing.TB, srv *discordtest.Server, a *Adapter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, 5*time.Second, nil) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	if !srv.WaitFor(10*time.Second, func() bool { return srv.GatewaySessions() > 0 }) {
		t.Fatal("the adapter did not connect to the gateway")
	}
}

// volunteer is a person in the test guild with a client language.
func volunteer(id, locale string) discordtest.Member {
	return discordtest.Member{User: discordtest.User{ID: id, Username: "vol" + id, GlobalName: "Volunteer " + id},
		GuildID: testGuild, ChannelID: testChan, Locale: locale}
}

// answered waits for n messages of an interaction.
func answered(t *testing.T, sent *discordtest.Sent, err error, n int) []discordtest.Message {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := sent.WaitMessages(n, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// buttonID finds the custom id of the button whose label contains label.
func buttonID(t *testing.T, m discordtest.Message, label string) string {
	t.Helper()
	for _, row := range m.Components {
		for _, b := range row.Components {
			if strings.Contains(b.Label, label) {
				return b.CustomID
			}
		}
	}
	t.Fatalf("no button %q in %s", label, labels(m))
	return ""
}

func labels(m discordtest.Message) string {
	var out []string
	for _, row := range m.Components {
		var r []string
		for _, b := range row.Components {
			r = append(r, b.Label)
		}
		out = append(out, "["+strings.Join(r, " | ")+"]")
	}
	return strings.Join(out, " ")
}

// checkNoMentions fails for any request that sends a message without
// allowed_mentions that forbid every ping.
func checkNoMentions(t *testing.T, srv *discordtest.Server) {
	t.Helper()
	for _, r := range srv.Requests() {
		if r.SendsMessage() && !r.Payload().AllowedMentions.None() {
			t.Errorf("%s sends a message that may ping: %s", r.Route, r.Body)
		}
	}
}

func pretty(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
