package discord

import (
	"net/http"
	"testing"
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
