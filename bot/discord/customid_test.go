package discord

import (
	"strings"
	"testing"
)

func TestCustomID_RoundTrip(t *testing.T) {
	for _, c := range []customID{
		{kind: idEngine, payload: "1:m:topics"},
		{kind: idEngine, lang: "ar", region: regionKey("at-wien"), payload: "1:i:abcdefgh:0123abcd@ar"},
		{kind: idPost, lang: "pt-BR", payload: "1:s:abcdefgh"},
		{kind: idTicket, action: actClaim, ticket: 12},
		{kind: idTicket, action: actClose, ticket: 999999},
		{kind: idModal, ticket: 7},
	} {
		s := c.encode()
		if len(s) > maxCustomID {
			t.Errorf("%q is %d long", s, len(s))
		}
		got, err := decodeCustomID(s)
		if err != nil || got != c {
			t.Errorf("decode(%q) = %+v, %v; want %+v", s, got, err, c)
		}
	}
}

func TestCustomID_Forged(t *testing.T) {
	for _, s := range []string{
		"", "c1", "c1:", "c2:e:::1:m:topics", "c1:e::1:m:topics", "c1:e:::", "c1:e:a b::1:m:x",
		"c1:e::ZZZZZZZ:1:m:x", "c1:e::abc:1:m:x", "c1:t:claim:", "c1:t:claim:-1", "c1:t:claim:0",
		"c1:t:claim:1x", "c1:t:take:1", "c1:t:claim:01", "c1:m:", "c1:m:abc",
		"c1:e:::" + strings.Repeat("x", 65), strings.Repeat("c", 101),
	} {
		if c, err := decodeCustomID(s); err == nil {
			t.Errorf("decode(%q) accepted: %+v", s, c)
		}
	}
}

func TestParseTicketNumber(t *testing.T) {
	for in, want := range map[string]int64{"12": 12, "#12": 12, " 7 ": 7, "0": 0, "-3": 0, "x": 0, "": 0, "1e3": 0} {
		if got := parseTicketNumber(in); got != want {
			t.Errorf("parseTicketNumber(%q) = %d, want %d", in, got, want)
		}
	}
}

// FuzzDecodeCustomID: anything decodes or is refused, never panics, and
// what decodes encodes back to itself.
func FuzzDecodeCustomID(f *testing.F) {
	f.Add("c1:e:ar:abcdefg:1:i:abcdefgh@ar")
	f.Add("c1:t:reply:42")
	f.Add("c1:m:42")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCustomID(s)
		if err != nil {
			return
		}
		if c.encode() != s {
			t.Fatalf("%q decodes to %+v, which encodes to %q", s, c, c.encode())
		}
	})
}
