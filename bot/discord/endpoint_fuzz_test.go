package discord

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/content"
)

// Whatever a validly signed request holds (a forged custom id, an option
// of the wrong type, a huge or broken string, JSON that is no
// interaction), the endpoint answers within Discord's deadline with a
// clear status (200 with an answer, 400 malformed, 409 a replay) and
// neither panics nor hangs. The
// signature is made with the application's key, so the fuzzer reaches the
// parsing and handling behind the check.
func FuzzInteractions_SignedBody(f *testing.F) {
	member := `"guild_id":"700","channel_id":"701","member":{"user":{"id":"5","username":"v"}},"locale":"de"`
	for _, seed := range []string{
		`{"id":"1","application_id":"` + testApp + `","type":2,"token":"t1","version":1,` + member +
			`,"data":{"id":"10","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"Wo bekomme ich einen Meldezettel?"},{"name":"language","type":3,"value":"ar"}]}}`,
		`{"id":"2","application_id":"` + testApp + `","type":2,"token":"t2","version":1,` + member +
			`,"data":{"id":"11","name":"compare","type":1,"options":[{"name":"question","type":4,"value":7}]}}`,
		`{"id":"3","application_id":"` + testApp + `","type":3,"token":"t3","version":1,` + member +
			`,"message":{"id":"55","channel_id":"701"},"data":{"custom_id":"c1:e:ar::1:i:health.doctor","component_type":2}}`,
		`{"id":"4","application_id":"` + testApp + `","type":3,"token":"t4","version":1,` + member +
			`,"message":{"id":"56","channel_id":"701"},"data":{"custom_id":"c1:t:claim:99999999999999999999","component_type":2}}`,
		`{"id":"5","application_id":"` + testApp + `","type":5,"token":"t5","version":1,` + member +
			`,"data":{"custom_id":"c1:m:1","components":[{"type":1,"components":[{"type":4,"custom_id":"text","value":"@everyone"}]}]}}`,
		`{"id":"6","application_id":"` + testApp + `","type":4,"token":"t6","version":1,` + member +
			`,"data":{"id":"12","name":"ask","type":1,"options":[{"name":"language","type":3,"value":"ar","focused":true}]}}`,
		`{"id":"7","type":2,"data":null}`,
		`[]`,
	} {
		f.Add([]byte(seed))
	}
	srv := newFake(f)
	_, url := httpAdapter(f, srv, realEngine(f), nil)
	f.Fuzz(func(t *testing.T, body []byte) {
		status, _, err := srv.Post(url, body)
		if err != nil {
			t.Fatalf("no answer within Discord's deadline: %v", err)
		}
		switch status {
		case http.StatusOK, http.StatusBadRequest, http.StatusConflict, http.StatusRequestEntityTooLarge:
		default:
			t.Errorf("status %d for a signed body of %d bytes", status, len(body))
		}
	})
}

// panicky is an engine whose content breaks once asked to: a bug in
// handling.
type panicky struct {
	Engine
	broken atomic.Bool
}

func (p *panicky) Pack() *content.Pack {
	if p.broken.Load() {
		panic("a bug")
	}
	return p.Engine.Pack()
}

// A panic while handling an interaction that came over HTTP is an error
// line and a failed interaction, not the end of the process (handling runs
// on its own goroutine, where net/http no longer recovers it).
func TestHTTP_PanicInHandlingIsContained(t *testing.T) {
	srv := newFake(t)
	e := &panicky{Engine: realEngine(t)}
	_, url := httpAdapter(t, srv, e, func(c *Config) { c.AckAfter = 50 * time.Millisecond })
	e.broken.Store(true)
	body := []byte(`{"id":"77","application_id":"` + testApp + `","type":4,"token":"t77","version":1,"guild_id":"700","channel_id":"701",` +
		`"member":{"user":{"id":"5","username":"v"}},"locale":"de","data":{"id":"12","name":"ask","type":1,"options":[{"name":"language","type":3,"value":"ar","focused":true}]}}`)
	sig, ts := srv.SignNow(body)
	status, _, err := discordtest.PostSigned(url, body, sig, ts)
	if err != nil || status != http.StatusInternalServerError {
		t.Errorf("status %d, %v; want 500 (no answer) and a process that lives on", status, err)
	}
}
