package discordtest_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot/discord/discordtest"
)

const (
	token = "fake-token"
	appID = "900000000000000001"
)

// rewrite sends discordgo's requests for https://discord.com/api/ to the
// fake server.
type rewrite struct{ base string }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	u := *r.URL
	if strings.HasPrefix(u.String(), discordgo.EndpointAPI) {
		target := rw.base + "/v" + discordgo.APIVersion + "/" + strings.TrimPrefix(u.String(), discordgo.EndpointAPI)
		nr, err := http.NewRequestWithContext(r.Context(), r.Method, target, r.Body)
		if err != nil {
			return nil, err
		}
		nr.Header = r.Header
		return http.DefaultTransport.RoundTrip(nr)
	}
	return nil, errors.New("request outside the fake API: " + u.String())
}

func session(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatal(err)
	}
	s.Client = &http.Client{Transport: rewrite{base: srv.APIURL()}, Timeout: 10 * time.Second}
	s.ShouldRetryOnRateLimit = false
	s.StateEnabled = false
	s.Identify.Intents = discordgo.IntentsNone
	s.LogLevel = -1
	return s
}

func newServer(t *testing.T) *discordtest.Server {
	srv := discordtest.NewServer(token, appID)
	t.Cleanup(srv.Close)
	srv.AddChannel("500", "400", "inbox")
	return srv
}

var member = discordtest.Member{User: discordtest.User{ID: "700", Username: "vol"}, GuildID: "400", ChannelID: "500", Locale: "de"}

func registerAsk(t *testing.T, s *discordgo.Session) {
	t.Helper()
	_, err := s.ApplicationCommandBulkOverwrite(appID, "400", []*discordgo.ApplicationCommand{{
		Name: "ask", Description: "Ask a question",
		Options: []*discordgo.ApplicationCommandOption{{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "The question", Required: true}},
	}})
	if err != nil {
		t.Fatalf("bulk overwrite: %v", err)
	}
}

func TestGateway_RealClientReceivesInteractionsAndAnswers(t *testing.T) {
	srv := newServer(t)
	s := session(t, srv)
	registerAsk(t, s)
	got := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	if err := s.Open(); err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if intents, ok := srv.Intents(); !ok || intents != 0 {
		t.Errorf("identify intents = %d, %v; want 0", intents, ok)
	}
	sent, err := srv.Slash(member, "ask", discordtest.String("question", "Wo melde ich mich an?"))
	if err != nil {
		t.Fatal(err)
	}
	var i *discordgo.InteractionCreate
	select {
	case i = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no INTERACTION_CREATE")
	}
	data := i.ApplicationCommandData()
	if data.Name != "ask" || data.Options[0].StringValue() != "Wo melde ich mich an?" || i.Member.User.ID != "700" || i.Locale != "de" {
		t.Fatalf("interaction = %+v %+v", data, i.Interaction)
	}
	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "answer", Flags: discordgo.MessageFlagsEphemeral,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Post", CustomID: "p", Style: discordgo.PrimaryButton}}}}},
	})
	if err != nil {
		t.Fatalf("respond: %v", err)
	}
	ms := sent.Messages()
	if len(ms) != 1 || ms[0].Content != "answer" || !ms[0].Ephemeral() {
		t.Fatalf("messages = %+v", ms)
	}
	// A second answer is refused, as on Discord.
	err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "again"}})
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
		t.Errorf("second answer: %v; want 40060", err)
	}
	// Follow-ups work with the token; pressing the button of an ephemeral
	// message carries only its id and flags.
	if _, err := s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: "more"}); err != nil {
		t.Fatalf("follow-up: %v", err)
	}
	press, err := srv.Press(member, ms[0].ID, "p")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case i = <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("no button interaction")
	}
	if i.MessageComponentData().CustomID != "p" || i.Message == nil || i.Message.ID != ms[0].ID || i.Message.Content != "" {
		t.Errorf("press = %+v, message %+v", i.MessageComponentData(), i.Message)
	}
	if kind, _ := press.Answered(); kind != 0 {
		t.Errorf("unanswered press reports callback %d", kind)
	}
}

func TestGateway_LateAnswerIsUnknownInteraction(t *testing.T) {
	srv := newServer(t)
	srv.AckDeadline = 50 * time.Millisecond
	s := session(t, srv)
	registerAsk(t, s)
	got := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := srv.Slash(member, "ask", discordtest.String("question", "q")); err != nil {
		t.Fatal(err)
	}
	i := <-got
	time.Sleep(100 * time.Millisecond)
	err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != discordgo.ErrCodeUnknownInteraction {
		t.Errorf("late answer: %v; want 10062 Unknown interaction", err)
	}
}

func TestREST_ValidatesLikeDiscord(t *testing.T) {
	srv := newServer(t)
	s := session(t, srv)
	long := strings.Repeat("x", 2001)
	for name, send := range map[string]*discordgo.MessageSend{
		"content over 2000": {Content: long},
		"empty":             {},
		"six rows": {Content: "x", Components: []discordgo.MessageComponent{
			row("a"), row("b"), row("c"), row("d"), row("e"), row("f")}},
		"six buttons in a row": {Content: "x", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			btn("1"), btn("2"), btn("3"), btn("4"), btn("5"), btn("6")}}}},
		"custom id over 100":          {Content: "x", Components: []discordgo.MessageComponent{row(strings.Repeat("c", 101))}},
		"embed description over 4096": {Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("d", 4097)}}},
		"embeds over 6000 in total":   {Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("d", 4000)}, {Description: strings.Repeat("d", 2001)}}},
	} {
		if _, err := s.ChannelMessageSendComplex("500", send); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := s.ChannelMessageSendComplex("999", &discordgo.MessageSend{Content: "x"}); err == nil {
		t.Error("message to an unknown channel accepted")
	}
	m, err := s.ChannelMessageSendComplex("500", &discordgo.MessageSend{Content: "ticket", Components: []discordgo.MessageComponent{row("claim")}})
	if err != nil {
		t.Fatal(err)
	}
	content := "claimed"
	if _, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: m.ID, Channel: "500", Content: &content}); err != nil {
		t.Fatal(err)
	}
	th, err := s.MessageThreadStartComplex("500", m.ID, &discordgo.ThreadStart{Name: "#1", AutoArchiveDuration: 1440})
	if err != nil || th.ID != m.ID || th.ParentID != "500" {
		t.Fatalf("thread = %+v, %v", th, err)
	}
	if _, err := s.ChannelMessageSend(th.ID, "follow-up"); err != nil {
		t.Fatal(err)
	}
	if got := srv.ChannelMessages(th.ID); len(got) != 1 || got[0].Content != "follow-up" {
		t.Errorf("thread messages = %+v", got)
	}
	if got, _ := srv.MessageByID(m.ID); got.Content != "claimed" || len(got.Components) != 1 || got.Edits != 1 {
		t.Errorf("edited message = %+v", got)
	}
}

func row(id string) discordgo.ActionsRow {
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{btn(id)}}
}

func btn(id string) discordgo.Button {
	return discordgo.Button{Label: "b", CustomID: id, Style: discordgo.SecondaryButton}
}

func TestREST_RateLimitCarriesRetryAfter(t *testing.T) {
	srv := newServer(t)
	s := session(t, srv)
	srv.FailNext("POST /channels/{channel}/messages", discordtest.RateLimited)
	_, err := s.ChannelMessageSend("500", "x")
	var rl *discordgo.RateLimitError
	if !errors.As(err, &rl) || rl.RetryAfter != 200*time.Millisecond {
		t.Fatalf("err = %v; want a rate limit error asking for 200ms", err)
	}
	start := time.Now()
	if _, err := s.ChannelMessageSend("500", "x"); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("discordgo sent again after %v; the bucket's reset-after asked for 200ms", waited)
	}
}

func TestCommands_BulkOverwriteKeepsIDsAndValidates(t *testing.T) {
	srv := newServer(t)
	s := session(t, srv)
	registerAsk(t, s)
	first := srv.Commands("400")
	registerAsk(t, s)
	again := srv.Commands("400")
	if first[0].ID != again[0].ID || first[0].Version != again[0].Version {
		t.Errorf("same overwrite changed id/version: %+v → %+v", first[0], again[0])
	}
	for name, cmd := range map[string]*discordgo.ApplicationCommand{
		"upper case":            {Name: "Ask", Description: "d"},
		"no description":        {Name: "ask"},
		"bad locale":            {Name: "ask", Description: "d", NameLocalizations: &map[discordgo.Locale]string{"xx": "frag"}},
		"description too long":  {Name: "ask", Description: strings.Repeat("d", 101)},
		"required after option": {Name: "ask", Description: "d", Options: []*discordgo.ApplicationCommandOption{{Type: 3, Name: "a", Description: "a"}, {Type: 3, Name: "b", Description: "b", Required: true}}},
	} {
		if _, err := s.ApplicationCommandBulkOverwrite(appID, "400", []*discordgo.ApplicationCommand{cmd}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestHTTP_DeliversSignedInteractionsAndTakesTheAnswer(t *testing.T) {
	srv := newServer(t)
	s := session(t, srv)
	registerAsk(t, s)
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !discordgo.VerifyInteraction(r, srv.PublicKey) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		resp := discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
		if i.Type != discordgo.InteractionPing {
			resp = discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "over http"}}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(resp)
	}))
	defer endpoint.Close()
	status, body, err := srv.Ping(endpoint.URL)
	if err != nil || status != 200 || !strings.Contains(string(body), `"type":1`) {
		t.Fatalf("ping: %d %s %v", status, body, err)
	}
	srv.DeliverTo(endpoint.URL)
	sent, err := srv.Slash(member, "ask", discordtest.String("question", "q"))
	if err != nil {
		t.Fatal(err)
	}
	if ms := sent.Messages(); sent.HTTPStatus() != 200 || len(ms) != 1 || ms[0].Content != "over http" {
		t.Errorf("status %d, messages %+v", sent.HTTPStatus(), ms)
	}
	status, _, _ = discordtest.PostSigned(endpoint.URL, []byte(`{"type":1}`), strings.Repeat("00", 64), "1")
	if status != http.StatusUnauthorized {
		t.Errorf("forged signature: %d", status)
	}
}
