package telegram

import (
	"strings"
	"testing"
)

// "A doctor who speaks Arabic" in Vienna, through the fake Bot API with
// the real SDK and the real engine on the bundled pack: the honest reply
// when no doctor there speaks it, a kind of place that does, and a
// location shared right after an answer that lists that answer's
// services first, not the nearest of its topic.
func TestEndToEnd_ServicesInWordsAndALocationAfterAnAnswer(t *testing.T) {
	c := startConversation(t, 1012, "ar")
	c.say("/start at-wien")

	doctors := lastMessage(t, c.say("أحتاج طبيب يتكلم العربية"))
	for _, want := range []string{"لا أعرف هنا خدمة من هذا النوع يتحدثون فيها العربية", "AmberMed"} {
		if !strings.Contains(doctors.Text(), want) {
			t.Errorf("doctors who speak Arabic in Vienna: reply lacks %q:\n%s", want, doctors.Text())
		}
	}
	therapyCalls := c.say("معالج نفسي يتكلم العربية")
	therapy := lastMessage(t, therapyCalls)
	if !strings.Contains(therapy.Text(), "Hemayat") || strings.Contains(therapy.Text(), "لا أعرف") {
		t.Errorf("psychological help in Arabic: want Hemayat, which speaks it:\n%s", therapy.Text())
	}
	if _, ok := buttonWithData(therapy, "1:v:"); !ok {
		t.Errorf("no map-pin button: %v", therapy.Keyboard())
	}
	// The list has map pins (an inline keyboard), so the button that
	// shares a location comes in a message of its own, after it.
	if last := therapyCalls[len(therapyCalls)-1]; !isLocationPrompt(last) || last.Text() != "📍 مشاركة موقعي" {
		t.Errorf("no share-my-location keyboard after the list: %q %s", last.Text(), last.Form.Get("reply_markup"))
	}

	answer := lastMessage(t, c.say("I feel depressed and anxious all the time, who can help me?"))
	if _, ok := buttonWithData(answer, "1:s:"); !ok {
		t.Fatalf("want an answer with related services, got %.120q %v", answer.Text(), answer.Keyboard())
	}
	// Next to neunerhaus (a health centre, 4 km from Hemayat): the answer
	// was about mental health, so Hemayat comes first.
	near := lastMessage(t, c.share(48.1881, 16.3531))
	kb := near.Keyboard()
	if len(kb) == 0 || !strings.Contains(kb[0][0].Text, "Hemayat") {
		t.Fatalf("first service after the mental-health answer: want Hemayat, got %v\n%s", kb, near.Text())
	}
	if !strings.Contains(near.Text(), "neunerhaus") {
		t.Errorf("the other health services of the topic should follow:\n%s", near.Text())
	}
	calls := c.press(kb[0][0].Data)
	venues := 0
	for _, r := range calls {
		if r.Method == "sendVenue" && strings.Contains(r.Form.Get("title"), "Hemayat") {
			venues++
		}
	}
	if venues != 1 {
		t.Errorf("pressing the pin made calls %v, want one sendVenue for Hemayat", methods(calls))
	}
}
