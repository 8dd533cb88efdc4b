package discord

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
)

// httpAdapter serves the adapter's interactions endpoint for the fake,
// verified with the fake's public key.
func httpAdapter(t testing.TB, srv *discordtest.Server, e Engine, tune func(*Config)) (*Adapter, string) {
	t.Helper()
	cfg := testConfig(srv, e)
	cfg.PublicKey = hex.EncodeToString(srv.PublicKey)
	if tune != nil {
		tune(&cfg)
	}
	a := newAdapter(t, cfg)
	if err := a.RegisterCommands(t.Context()); err != nil {
		t.Fatal(err)
	}
	endpoint := httptest.NewServer(a.InteractionsHandler())
	t.Cleanup(endpoint.Close)
	return a, endpoint.URL
}

func TestHTTP_PingIsAnsweredWithPong(t *testing.T) {
	srv := newFake(t)
	_, url := httpAdapter(t, srv, realEngine(t), nil)
	status, body, err := srv.Ping(url)
	if err != nil || status != 200 || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Fatalf("PING: %d %s %v", status, body, err)
	}
}

// Signatures are checked as Discord specifies, with real Ed25519 keys:
// only the application's key over the timestamp and this very body, with a
// timestamp close to now, is let in; everything else is 401 and counted.
func TestHTTP_SignatureIsVerified(t *testing.T) {
	srv := newFake(t)
	now := time.Now()
	a, url := httpAdapter(t, srv, realEngine(t), func(c *Config) { c.Now = func() time.Time { return now } })
	_, wrongKey, _ := ed25519.GenerateKey(rand.Reader)
	body := []byte(`{"id":"1","application_id":"` + testApp + `","type":1,"token":"t","version":1}`)
	ts := strconv.FormatInt(now.Unix(), 10)
	good := srv.SignAt(ts, body)
	stale := strconv.FormatInt(now.Add(-10*time.Minute).Unix(), 10)
	future := strconv.FormatInt(now.Add(10*time.Minute).Unix(), 10)
	tests := []struct {
		name      string
		body      []byte
		sig, ts   string
		want      int
		countsBad bool
	}{
		{"valid", body, good, ts, 200, false},
		{"no signature", body, "", ts, 401, true},
		{"no timestamp", body, good, "", 401, true},
		{"signature not hex", body, "zz" + good[2:], ts, 401, true},
		{"signed by another key", body, discordtest.Sign(wrongKey, ts, body), ts, 401, true},
		{"body changed after signing", []byte(strings.Replace(string(body), `"1"`, `"2"`, 1)), good, ts, 401, true},
		{"timestamp changed after signing", body, good, strconv.FormatInt(now.Unix()-1, 10), 401, true},
		{"stale timestamp, validly signed", body, srv.SignAt(stale, body), stale, 401, true},
		{"timestamp from the future", body, srv.SignAt(future, body), future, 401, true},
	}
	for _, tt := range tests {
		before := a.Stats().WebhookRefused
		status, _, err := discordtest.PostSigned(url, tt.body, tt.sig, tt.ts)
		if err != nil {
			t.Fatal(err)
		}
		if status != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.want)
		}
		if counted := a.Stats().WebhookRefused - before; (counted == 1) != tt.countsBad {
			t.Errorf("%s: counted %d refusals", tt.name, counted)
		}
	}
	if resp, err := http.Get(url); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %v %v", resp.StatusCode, err)
	}
}

// Over HTTP, a quick answer is the body of the HTTP response; a slow one
// is deferred there and delivered by editing the deferral.
func TestHTTP_AnswersInTheResponseOrDefers(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "answer to " + m.Text}} })
	_, url := httpAdapter(t, srv, e, func(c *Config) { c.AckAfter = 150 * time.Millisecond })
	srv.DeliverTo(url)

	sent, err := srv.Slash(volunteer("611", "en-GB"), cmdAsk, discordtest.String(optQuestion, "quick"))
	ms := answered(t, sent, err, 1)
	if kind, _ := sent.Answered(); kind != 4 || sent.HTTPStatus() != 200 || ms[0].Content != "answer to quick" {
		t.Errorf("quick: callback %d, status %d, %q", kind, sent.HTTPStatus(), ms[0].Content)
	}

	e.delay = 400 * time.Millisecond
	sent, err = srv.Slash(volunteer("611", "en-GB"), cmdAsk, discordtest.String(optQuestion, "slow"))
	ms = answered(t, sent, err, 1)
	if kind, after := sent.Answered(); kind != 5 || after > time.Second || ms[0].Content != "answer to slow" || !ms[0].Ephemeral() {
		t.Errorf("slow: callback %d after %v, %q", kind, after, ms[0].Content)
	}
	if srv.Count("POST /interactions/{id}/{token}/callback") != 0 {
		t.Error("an HTTP interaction was answered through the callback endpoint too")
	}
	checkNoMentions(t, srv)
}

// A request captured within the 5 minutes its timestamp is accepted (a
// proxy's log, a retrying load balancer) cannot be replayed: an
// interaction id is handled once; a copy gets 409 and is counted.
func TestHTTP_ReplayedInteractionIsRefused(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "answer to " + m.Text}} })
	a, url := httpAdapter(t, srv, e, nil)
	body := []byte(`{"id":"880000000000000077","application_id":"` + testApp + `","type":2,"token":"t77","version":1,` +
		`"channel_id":"` + testChan + `","guild_id":"` + testGuild + `","locale":"en-GB","member":{"user":{"id":"611","username":"v"}},` +
		`"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"replay me"}]}}`)
	sig, ts := srv.SignNow(body)
	status, answer, err := discordtest.PostSigned(url, body, sig, ts)
	if err != nil || status != 200 || !strings.Contains(string(answer), "answer to replay me") {
		t.Fatalf("first delivery: %d %s %v", status, answer, err)
	}
	before := a.Stats().WebhookRefused
	status, _, err = discordtest.PostSigned(url, body, sig, ts)
	if err != nil || status != http.StatusConflict {
		t.Errorf("the replay: status %d %v, want 409", status, err)
	}
	if n := len(e.messages()); n != 1 {
		t.Errorf("the engine handled the interaction %d times", n)
	}
	if a.Stats().WebhookRefused != before+1 {
		t.Error("the replay was not counted as refused")
	}
}
