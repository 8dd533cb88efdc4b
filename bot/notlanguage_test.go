package bot

import (
	"context"
	"testing"
)

// TestAsk_NotLanguageAsksForWords: random bytes and rows of symbols get
// "please write your question in words", in the person's language, with
// the menu; a short real question, an emoji and a number do not.
func TestAsk_NotLanguageAsksForWords(t *testing.T) {
	e := newBundledEngine(t)
	ctx := context.Background()
	for _, tt := range []struct {
		text, hint string
		words      bool
	}{
		{"fd8x7K/Q=duBhdiqXwg:;)xz:{.ZDʟiVc\x16t8YУ%jr_nV_x~qit", "de", true},
		{"h\x17*-\"\x07(yЩ'՚{[)#\x05\x03\x1c%q38\x07B8L?ŘUD", "en", true},
		{"؟؟؟", "ar", true},
		{"Meldezettel", "de", false},
		{"AMS", "de", false},
		{"👋", "uk", false},
		{"112", "en", false},
		{"gde sdelat meldezettel", "ru", false},
	} {
		r, err := e.Handle(ctx, Message{Channel: "t", UserID: "1", Text: tt.text, LangHint: tt.hint})
		if err != nil || len(r) == 0 {
			t.Fatalf("%q: %v, %v", tt.text, r, err)
		}
		asked := r[0].Text == tr(r[0].Lang, "empty")
		if asked != tt.words {
			t.Errorf("%q: first reply %q (asked for words: %v, want %v)", tt.text, r[0].Text, asked, tt.words)
		}
		if asked && (r[0].Lang != tt.hint || len(r[0].Buttons) == 0) {
			t.Errorf("%q: asked in %q with buttons %v, want %q and the menu", tt.text, r[0].Lang, r[0].Buttons, tt.hint)
		}
	}
}
