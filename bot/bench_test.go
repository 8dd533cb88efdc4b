package bot

import (
	"context"
	"testing"

	"github.com/compassbot/compass/content"
)

// The engine's own cost is measured against the matcher alone on the same
// questions (the baseline): Handle should add little to Understand.
// Results are in docs/architecture.md.

var benchQuestions = []string{
	"где сделать Meldezettel?",
	"Wie melde ich meinen Wohnsitz an?",
	"كيف أحصل على e-card؟",
	"I need a doctor who speaks Arabic",
	"asdf qwer zxcv",
}

func benchEngine(b *testing.B) (*Engine, *content.Pack) {
	e := newBundledEngine(b)
	return e, e.Pack()
}

func BenchmarkUnderstand_Baseline(b *testing.B) {
	e, _ := benchEngine(b)
	m := e.state.Load().matcher
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Understand(content.Query{Text: benchQuestions[i%len(benchQuestions)], Region: e.Pack().RootRegion()})
	}
}

func BenchmarkHandle_FreeText(b *testing.B) {
	e, _ := benchEngine(b)
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Handle(ctx, Message{Channel: "bench", UserID: "1", Text: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHandle_Button(b *testing.B) {
	e, _ := benchEngine(b)
	ctx := context.Background()
	payload := intentPayload("residence.registration").encode()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Handle(ctx, Message{Channel: "bench", UserID: "1", Payload: payload}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHandle_Location(b *testing.B) {
	e, _ := benchEngine(b)
	ctx := context.Background()
	e.Handle(ctx, Message{Channel: "bench", UserID: "1", Text: "/start at-graz"})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Handle(ctx, Message{Channel: "bench", UserID: "1", Location: &content.Geo{Lat: 47.07, Lon: 15.44}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSetPack(b *testing.B) {
	e, p := benchEngine(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := e.SetPack(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandle_FreeTextWithInbox is BenchmarkHandle_FreeText where a
// volunteer inbox is configured (tickets in memory): every free-text
// message also asks whether the person has an open request.
func BenchmarkHandle_FreeTextWithInbox(b *testing.B) {
	e, _ := benchEngine(b)
	e.cfg.Tickets = NewMemoryTickets()
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Handle(ctx, Message{Channel: "bench", UserID: "1", Text: benchQuestions[i%len(benchQuestions)]}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandle_FollowUp is a person writing to their open request:
// the emergency check and the message added to the ticket.
func BenchmarkHandle_FollowUp(b *testing.B) {
	e, _ := benchEngine(b)
	e.cfg.Tickets = NewMemoryTickets()
	ctx := context.Background()
	m := Message{Channel: "bench", UserID: "1", ChatID: "1"}
	e.Handle(ctx, Message{Channel: "bench", UserID: "1", ChatID: "1", Text: "/person"})
	r, _ := e.Handle(ctx, Message{Channel: "bench", UserID: "1", ChatID: "1", Text: "a question"})
	m.Payload = r[0].Buttons[0][0].Payload
	e.Handle(ctx, m)
	m.Payload = ""
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Text = benchQuestions[i%len(benchQuestions)]
		if _, err := e.Handle(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}
