package bot

import (
	"strings"
	"testing"
)

func TestPayload_RoundTripAndFitsTelegram(t *testing.T) {
	long := strings.Repeat("x", 300) // ids can be long; payloads must not be
	cases := []string{
		languagePayload("ar").encode(), languagePayload("sr-Latn").encode(), languagePayload(strings.Repeat("a", 35)).encode(),
		regionPayload(long).encode(), topicPayload(long, 999).encode(), intentPayload(long).encode(), localPayload(long).encode(),
		servicesPayload(long).encode(), venuePayload(long).encode(), humanPayload().encode(), menuPayload("topics").encode(),
		othersPayload([]string{long, long + "1", long + "2", long + "3"}).encode(), othersPayload(nil).encode(),
		othersPayload([]string{long, long + "1", long + "2"}).encode() + "@" + strings.Repeat("b", maxStampedLang),
		intentPayload(long).encode() + "@sr-Latn", humanPayload().encode() + "@ar",
	}
	for _, s := range cases {
		if len(s) > MaxPayloadBytes {
			t.Errorf("payload %q is %d bytes; Telegram allows %d", s, len(s), MaxPayloadBytes)
		}
		p, err := decodePayload(s)
		if err != nil {
			t.Errorf("decodePayload(%q): %v", s, err)
			continue
		}
		if got := p.encode(); got != s {
			t.Errorf("decode then encode %q gave %q", s, got)
		}
	}
}

func TestPayload_HashIsStable(t *testing.T) {
	// Buttons already sent must keep working across releases: the hash of
	// an id must never change.
	if got, want := idHash("residence.registration"), idHash("residence.registration"); got != want || len(got) != hashLen {
		t.Fatalf("idHash unstable or wrong length: %q %q", got, want)
	}
	if got := intentPayload("residence.registration").encode(); got != "1:i:"+idHash("residence.registration") {
		t.Fatalf("intentPayload = %q", got)
	}
	if idHash("a") == idHash("b") {
		t.Fatal("different ids share a hash")
	}
}

func TestDecodePayload_RejectsMalformed(t *testing.T) {
	for _, s := range []string{
		"", "1", "1:", "1:i", "1:i:", "1:i:0000000", "1:i:000000000", "1:i:0000000w", "1:i:00000000:x",
		"2:i:00000000", "x:i:00000000", "1:z:00000000", "1:ii:00000000", "1:h:x", "1:m:admin",
		"1:t:00000000", "1:t:00000000:-1", "1:t:00000000:01", "1:t:00000000:1000",
		"1:n:00000000.11111111.22222222.33333333", "1:n:00000000..11111111", "1:n:.",
		"1:l:", "1:l:-ar", "1:l:a r", "1:l:" + strings.Repeat("a", 36), "1:i:" + strings.Repeat("0", 100),
		"1:i:\x0000000000", "1:l:ä",
		"1:h@", "1:h@a b", "1:h@en@de", "1:h@" + strings.Repeat("a", maxStampedLang+1), "1:i:00000000@-", "@en",
	} {
		if p, err := decodePayload(s); err == nil {
			t.Errorf("decodePayload(%q) = %+v, want an error", s, p)
		}
	}
}

func FuzzDecodePayload(f *testing.F) {
	for _, s := range []string{intentPayload("a.b").encode(), othersPayload([]string{"x", "y"}).encode(), languagePayload("fa").encode(), humanPayload().encode(), handoffPayload(stepSend, 12).encode(), "1:x:b:0", "1:t:00000000:3", "garbage"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := decodePayload(s)
		if err != nil {
			return
		}
		if enc := p.encode(); enc != s || len(enc) > MaxPayloadBytes {
			t.Fatalf("accepted %q but it encodes back as %q", s, enc)
		}
	})
}

// FuzzHandlePayload presses buttons with arbitrary payloads: every one must
// get a reply, never a panic or an error.
func FuzzHandlePayload(f *testing.F) {
	e := newTestEngine(f)
	for _, s := range []string{intentPayload("residence.registration").encode(), topicPayload("health", 1).encode(), "1:n:", "1:v:zzzzzzzz", handoffPayload(stepBack, 1).encode(), "1:x:s:99", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return // no payload: a text message, covered elsewhere
		}
		replies, err := e.Handle(t.Context(), Message{Channel: "fuzz", UserID: "1", Payload: s})
		if err != nil || len(replies) == 0 {
			t.Fatalf("payload %q: %d replies, err %v", s, len(replies), err)
		}
	})
}

func TestStampLanguage(t *testing.T) {
	replies := []Reply{{Buttons: [][]Button{{{Payload: humanPayload().encode()}, {Payload: languagePayload("de").encode() + "@uk"}}}}}
	stampLanguage(replies, "ar")
	if got := replies[0].Buttons[0][0].Payload; got != "1:h@ar" {
		t.Errorf("stamped payload = %q", got)
	}
	if got := replies[0].Buttons[0][1].Payload; got != "1:l:de@uk" {
		t.Errorf("an already stamped payload changed: %q", got)
	}
	stampLanguage(replies, strings.Repeat("x", maxStampedLang+1))
	if got := replies[0].Buttons[0][0].Payload; got != "1:h@ar" {
		t.Errorf("too long a tag was stamped: %q", got)
	}
}
