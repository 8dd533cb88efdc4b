package discord

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/store"
	"github.com/compassbot/compass/store/storetest"
)

// Two replicas behind one Interactions Endpoint URL share the interaction
// log in PostgreSQL: a signed request captured and posted again to the
// other replica is refused there (409) and handled once, as a replay to
// the same replica is.
func TestHTTP_ReplayToAnotherReplicaIsRefused(t *testing.T) {
	url := storetest.NewDatabase(t)
	ctx := context.Background()
	db, err := store.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "answer to " + m.Text}} })
	var endpoints [2]string
	for i, name := range []string{"replica-a", "replica-b"} {
		_, endpoints[i] = httpAdapter(t, srv, e, func(c *Config) { c.Interactions = db.Updates("discord:interactions", name) })
	}
	body := []byte(`{"id":"880000000000000091","application_id":"` + testApp + `","type":2,"token":"t91","version":1,` +
		`"channel_id":"` + testChan + `","guild_id":"` + testGuild + `","locale":"en-GB","member":{"user":{"id":"612","username":"v"}},` +
		`"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"replay me elsewhere"}]}}`)
	sig, ts := srv.SignNow(body)
	status, answer, err := discordtest.PostSigned(endpoints[0], body, sig, ts)
	if err != nil || status != http.StatusOK || !strings.Contains(string(answer), "answer to replay me elsewhere") {
		t.Fatalf("first delivery: %d %s %v", status, answer, err)
	}
	if status, _, err := discordtest.PostSigned(endpoints[1], body, sig, ts); err != nil || status != http.StatusConflict {
		t.Errorf("the replay to the other replica: status %d %v, want 409", status, err)
	}
	if n := len(e.messages()); n != 1 {
		t.Errorf("the engine handled the interaction %d times, want once", n)
	}
}

// brokenLog is an interaction log whose database does not answer.
type brokenLog struct{}

func (brokenLog) Take(context.Context, int64, time.Duration) (content.UpdateClaim, error) {
	return content.UpdateFresh, errors.New("connection refused")
}
func (brokenLog) Finish(context.Context, int64) error  { return nil }
func (brokenLog) Release(context.Context, int64) error { return nil }

// A database that does not answer does not stop volunteers: the
// interaction is handled (the replica's own memory still refuses replays).
func TestHTTP_InteractionLogDownStillAnswers(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "answer to " + m.Text}} })
	_, endpoint := httpAdapter(t, srv, e, func(c *Config) { c.Interactions = brokenLog{} })
	body := []byte(`{"id":"880000000000000092","application_id":"` + testApp + `","type":2,"token":"t92","version":1,` +
		`"channel_id":"` + testChan + `","guild_id":"` + testGuild + `","locale":"en-GB","member":{"user":{"id":"613","username":"v"}},` +
		`"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"still there"}]}}`)
	sig, ts := srv.SignNow(body)
	if status, answer, err := discordtest.PostSigned(endpoint, body, sig, ts); err != nil || status != http.StatusOK || !strings.Contains(string(answer), "answer to still there") {
		t.Fatalf("with the log down: %d %s %v", status, answer, err)
	}
	if status, _, _ := discordtest.PostSigned(endpoint, body, sig, ts); status != http.StatusConflict {
		t.Errorf("a replay to the same replica with the log down: %d, want 409", status)
	}
}

// hangingLog is an interaction log whose database takes the connection
// and never answers.
type hangingLog struct{ brokenLog }

func (hangingLog) Take(ctx context.Context, _ int64, _ time.Duration) (content.UpdateClaim, error) {
	<-ctx.Done()
	return content.UpdateFresh, ctx.Err()
}

// A database that hangs does not push the deferral past Discord's 3 s: the
// time spent waiting for the log comes out of the same budget as AckAfter.
func TestHTTP_HangingInteractionLogStillDefersInTime(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "late answer"}} })
	e.delay = 4 * time.Second
	_, endpoint := httpAdapter(t, srv, e, func(c *Config) { c.Interactions = hangingLog{}; c.AckAfter = 2300 * time.Millisecond })
	body := []byte(`{"id":"880000000000000093","application_id":"` + testApp + `","type":2,"token":"t93","version":1,` +
		`"channel_id":"` + testChan + `","guild_id":"` + testGuild + `","locale":"en-GB","member":{"user":{"id":"614","username":"v"}},` +
		`"data":{"id":"1","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"slow database"}]}}`)
	sig, ts := srv.SignNow(body)
	start := time.Now()
	status, answer, err := discordtest.PostSigned(endpoint, body, sig, ts)
	took := time.Since(start)
	if err != nil || status != http.StatusOK || !strings.Contains(string(answer), `"type":5`) {
		t.Fatalf("with the log hanging: %d %s %v", status, answer, err)
	}
	if took >= 3*time.Second {
		t.Errorf("the deferral came %v after the request, past Discord's 3 s", took)
	}
}
