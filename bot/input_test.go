package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "  where is the Meldeamt?  ", "where is the Meldeamt?"},
		{"control characters become spaces", "a\x00b\x07c\x1b[31md", "a b c [31md"},
		{"newlines and tabs stay", "line one\n\tline two", "line one\n\tline two"},
		{"invalid UTF-8 is dropped", "ok\xff\xfe ok", "ok ok"},
		{"bidi overrides removed", "abc\u202edcba\u2066x\u2069", "abcdcbax"},
		{"Persian zero-width non-joiner kept", "می\u200cخواهم", "می\u200cخواهم"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanText(tt.in); got != tt.want {
				t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanText_CapsHugeMessages(t *testing.T) {
	huge := strings.Repeat("я", 1<<20) // 2 MiB of two-byte letters
	got := cleanText(huge + "\xff")
	if len(got) > MaxTextBytes || !utf8.ValidString(got) || len(got) < MaxTextBytes-4 {
		t.Fatalf("cleanText of 2 MiB: %d bytes, valid UTF-8 %v; want ≤ %d and valid", len(got), utf8.ValidString(got), MaxTextBytes)
	}
}

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in, name, arg string
		ok            bool
	}{
		{"/start", "start", "", true},
		{"/START at-graz", "start", "at-graz", true},
		{"/start@compass_bot lang-ar", "start", "lang-ar", true},
		{"/help\nplease", "help", "please", true},
		{"/", "", "", false},
		{"/ hello", "", "", false},
		{"/привет", "", "", false},
		{"where? /start", "", "", false},
		{"1/2 cup", "", "", false},
	}
	for _, tt := range tests {
		name, arg, ok := parseCommand(tt.in)
		if name != tt.name || arg != tt.arg || ok != tt.ok {
			t.Errorf("parseCommand(%q) = %q, %q, %v; want %q, %q, %v", tt.in, name, arg, ok, tt.name, tt.arg, tt.ok)
		}
	}
}

func FuzzHandleText(f *testing.F) {
	e := newTestEngine(f)
	for _, s := range []string{"/start at-graz__lang-ar", "meldezettel", "/location", "\x00\xff", "/start " + strings.Repeat("a", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		replies, err := e.Handle(t.Context(), Message{Channel: "fuzz", UserID: "1", Text: s})
		if err != nil || len(replies) == 0 {
			t.Fatalf("text %q: %d replies, err %v", s, len(replies), err)
		}
		for _, r := range replies {
			if !utf8.ValidString(r.Text) {
				t.Fatalf("reply is not valid UTF-8: %q", r.Text)
			}
			for _, row := range r.Buttons {
				for _, b := range row {
					if len(b.Payload) > MaxPayloadBytes {
						t.Fatalf("payload %q over %d bytes", b.Payload, MaxPayloadBytes)
					}
				}
			}
		}
	})
}
