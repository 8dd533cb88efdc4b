package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

// checkButtonsCarryArguments fails for any button whose payload does not
// decode or has an empty argument (a "Not what I meant" with nothing to
// offer once went out as "1:n:").
func checkButtonsCarryArguments(t *testing.T, where string, replies []Reply) {
	t.Helper()
	for _, r := range replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				p, err := decodePayload(b.Payload)
				if err != nil {
					t.Errorf("%s: button %q has malformed payload %q", where, b.Label, b.Payload)
					continue
				}
				for i, a := range p.args {
					if a == "" {
						t.Errorf("%s: button %q payload %q has an empty argument %d", where, b.Label, b.Payload, i)
					}
				}
			}
		}
	}
}

// pressEveryAnswer opens every intent of the pack by its button, as a
// person browsing the topics does, in each language and region, and checks
// every button of every answer.
func pressEveryAnswer(t *testing.T, e *Engine, langs []string) {
	t.Helper()
	p := e.Pack()
	for _, region := range p.Regions {
		for _, lang := range langs {
			user := "u-" + region.ID + "-" + lang
			m := Message{Channel: "test", UserID: user, ChatID: user, LangHint: lang}
			for _, in := range p.IntentsFor(region.ID) {
				m.Payload = regionPayload(region.ID).encode()
				if _, err := e.Handle(context.Background(), m); err != nil {
					t.Fatal(err)
				}
				m.Payload = intentPayload(in.ID).encode()
				replies, err := e.Handle(context.Background(), m)
				if err != nil {
					t.Fatal(err)
				}
				checkButtonsCarryArguments(t, region.ID+"/"+lang+"/"+in.ID, replies)
			}
		}
	}
}

func TestAnswer_BrowsedAnswerButtonsCarryTheirArguments(t *testing.T) {
	e := newTestEngine(t)
	pressEveryAnswer(t, e, e.Pack().Languages)
}

// The bug as seen in Telegram: a Ukrainian answer reached through the
// topics carried "1:n:". Every answer of the bundled pack is checked.
func TestAnswer_BundledPackButtonsCarryTheirArguments(t *testing.T) {
	pressEveryAnswer(t, newBundledEngine(t), []string{"uk", "fa"})
}

func TestAnswer_NotMeantOffersTheTopicsOtherQuestionsThenAPerson(t *testing.T) {
	e := newTestEngine(t)
	ctx := context.Background()
	m := Message{Channel: "test", UserID: "browser", ChatID: "browser", Payload: intentPayload("residence.registration").encode()}
	answer, err := e.Handle(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	notMeant := findButton(answer, tr("en", "btn_not_meant"))
	if notMeant == nil {
		t.Fatalf("browsed answer has no %q button: %+v", tr("en", "btn_not_meant"), answer[0].Buttons)
	}
	m.Payload = notMeant.Payload
	others, err := e.Handle(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if findButton(others, "Renewing your residence permit") == nil || findButton(others, tr("en", "btn_human")) == nil {
		t.Errorf("\"Not what I meant\" on a browsed answer should offer the topic's other question and a person: %+v", others[0].Buttons)
	}
}

func TestAnswer_OnlyQuestionOfItsTopicOffersAPersonDirectly(t *testing.T) {
	p := loadFixture(t)
	p.Topics = append(p.Topics, &content.Topic{ID: "work", Name: content.Text{"en": "Work"}})
	p.Intents = append(p.Intents, &content.Intent{ID: "work.permit", Topic: "work", Region: p.RootRegion(),
		Translations: map[string]*content.Translation{"en": {Title: "Work permit", Answer: "Ask the AMS."}}})
	e := New(Config{NewMatcher: newKeywordMatcher, Now: func() time.Time { return fixtureNow }})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	replies, err := e.Handle(context.Background(), Message{Channel: "test", UserID: "w", Payload: intentPayload("work.permit").encode()})
	if err != nil {
		t.Fatal(err)
	}
	checkButtonsCarryArguments(t, "work.permit", replies)
	if findButton(replies, tr("en", "btn_not_meant")) != nil {
		t.Errorf("an answer with nothing else to offer still has \"Not what I meant\": %+v", replies[0].Buttons)
	}
	if findButton(replies, tr("en", "btn_human")) == nil || findButton(replies, tr("en", "btn_topics")) == nil {
		t.Errorf("an answer with nothing else to offer must lead to a person and the topics: %+v", replies[0].Buttons)
	}
}

// findButton returns the first button whose label contains label, or nil.
func findButton(replies []Reply, label string) *Button {
	for _, r := range replies {
		for _, row := range r.Buttons {
			for i := range row {
				if strings.Contains(row[i].Label, label) {
					return &row[i]
				}
			}
		}
	}
	return nil
}
