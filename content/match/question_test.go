package match

import (
	"strings"
	"testing"
)

func TestFocusQuestion_RepeatsTheQuestionOfAStory(t *testing.T) {
	story := "Hello, we came from Syria three months ago with my two children and my wife. " +
		"They have not been anywhere since we left home. How can I get them into a school? Thank you"
	tests := []struct {
		name, text, repeated string
	}{
		{"question sentence of a story", story, "how can i get them into a school"},
		{"last sentence when none asks", strings.ReplaceAll(story, "?", ".") + ". We need a flat", "we need a flat"},
		{"Arabic question mark", "وصلنا قبل ثلاثة أشهر مع أطفالي الاثنين وزوجتي ولم يذهبوا إلى أي مكان منذ أن غادرنا البيت. كيف أسجلهم في المدرسة؟ شكرا", "كيف اسجلهم في المدرسه"},
		{"short message unchanged", "Where is the school? I need it", ""},
		{"one long sentence unchanged", "we came from syria three months ago with my two children and they have not been to school since we left home", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := analyseText(tt.text)
			got := focusQuestion(tt.text, ws)
			if len(got.tok) != len(got.fold) {
				t.Fatalf("tok and fold differ in length: %d, %d", len(got.tok), len(got.fold))
			}
			extra := strings.Join(got.tok[len(ws.tok):], " ")
			if extra != tt.repeated {
				t.Errorf("repeated %q, want %q", extra, tt.repeated)
			}
			if strings.Join(got.tok[:len(ws.tok)], " ") != strings.Join(ws.tok, " ") {
				t.Errorf("the message's own words changed")
			}
		})
	}
}
