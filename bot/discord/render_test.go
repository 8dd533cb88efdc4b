package discord

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord/discordtest"
	"github.com/compassbot/compass/content"
)

// However many buttons the engine gives, Discord gets at most 5 rows of 5,
// the row that leads on (the last) and the post row kept.
func TestRender_ButtonsFitFiveByFive(t *testing.T) {
	var rows [][]bot.Button
	for r := 0; r < 7; r++ {
		var row []bot.Button
		for b := 0; b < 7; b++ {
			row = append(row, bot.Button{Label: strings.Repeat("L", 90), Payload: "1:l:x" + strconv.Itoa(r*7+b)})
		}
		rows = append(rows, row)
	}
	rows = append(rows, []bot.Button{{Label: "Topics", Payload: "1:m:topics"}})
	v := view{locale: "en", post: true}
	got := v.buttons(bot.Reply{Buttons: rows, Again: "1:i:abcdefgh"})
	if len(got) != 5 {
		t.Fatalf("%d rows", len(got))
	}
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, newScripted(t, func(bot.Message) []bot.Reply {
		return []bot.Reply{{Text: "many", Buttons: rows, Again: "1:i:abcdefgh"}}
	})))
	runGateway(t, srv, a)
	sent, err := srv.Slash(volunteer("630", "en-US"), cmdAsk, discordtest.String(optQuestion, "q"))
	m := answered(t, sent, err, 1)[0] // the fake refuses more than 5×5 or labels over 80
	if !strings.Contains(labels(m), "Topics") || !strings.Contains(labels(m), word("en", "btn_post")) {
		t.Errorf("the last row or the post row was dropped: %s", labels(m))
	}
}

// Nothing an answer or a relayed text contains can ping or format: the
// fake records every message; none lets mentions through, and the text
// arrives escaped.
func TestRender_NoPingsNoMarkdownFromText(t *testing.T) {
	srv := newFake(t)
	evil := "@everyone <@&123> **urgent** [login](https://evil.example) ||x||"
	a := newAdapter(t, testConfig(srv, newScripted(t, func(bot.Message) []bot.Reply {
		return []bot.Reply{{Title: "@here", Text: evil}}
	})))
	runGateway(t, srv, a)
	sent, err := srv.Slash(volunteer("631", "en-US"), cmdTopics)
	m := answered(t, sent, err, 1)[0]
	for _, bad := range []string{"@everyone", "@here"} {
		if strings.Contains(m.Content, bad) {
			t.Errorf("%q got through: %s", bad, m.Content)
		}
	}
	for _, escaped := range []string{`\<@&123\>`, `\*\*urgent\*\*`, `\[login\](<https://evil.example>)`, `\|\|x\|\|`} {
		if !strings.Contains(m.Content, escaped) {
			t.Errorf("want %s in %s", escaped, m.Content)
		}
	}
	checkNoMentions(t, srv)
}

// /compare shows one answer in two languages side by side: two inline
// fields when both fit, the buttons of the first answer under them.
func TestRender_CompareSideBySide(t *testing.T) {
	srv := newFake(t)
	a := newAdapter(t, testConfig(srv, realEngine(t)))
	runGateway(t, srv, a)
	sent, err := srv.Slash(volunteer("632", "de"), cmdCompare, discordtest.String(optQuestion, "Wo bekomme ich einen Meldezettel?"),
		discordtest.String(optLanguage, "ar"))
	ms := answered(t, sent, err, 1)
	var fields []discordtest.EmbedField
	var embeds int
	for _, m := range ms {
		embeds += len(m.Embeds)
		for _, e := range m.Embeds {
			fields = append(fields, e.Fields...)
		}
	}
	switch {
	case len(fields) == 2:
		if !fields[0].Inline || !fields[1].Inline || !containsArabic(fields[0].Value) || !strings.Contains(fields[1].Value, "Meldezettel") {
			t.Errorf("fields: %s", pretty(fields))
		}
	case embeds >= 2:
		if !containsArabic(ms[0].Embeds[0].Description) {
			t.Errorf("first embed is not the Arabic answer: %s", pretty(ms[0].Embeds))
		}
	default:
		t.Fatalf("no side-by-side answer: %s", pretty(ms))
	}
	if len(ms[len(ms)-1].Components) == 0 {
		t.Error("the comparison has no buttons")
	}
}

func TestRender_CompareLongAnswersUseEmbedsWithinLimits(t *testing.T) {
	long := strings.Repeat("Ein langer Satz über Ämter. ", 200) // 5,600 characters
	v := view{locale: "en"}
	msgs := v.compared([]bot.Reply{
		{Title: "A", Text: long, Lang: "de", Again: "1:i:abcdefgh@de"},
		{Title: "B", Text: long, Lang: "ar", Again: "1:i:abcdefgh@ar"},
	})
	var all strings.Builder
	for _, m := range msgs {
		size := 0
		for _, e := range m.Embeds {
			if textLen(e.Description) > maxEmbedDesc {
				t.Errorf("description of %d", textLen(e.Description))
			}
			size += embedSize(e)
			all.WriteString(e.Description)
		}
		if size > maxEmbedsTotal || len(m.Embeds) > maxEmbeds {
			t.Errorf("message with %d embeds of %d characters", len(m.Embeds), size)
		}
	}
	if strip(all.String()) != strip(escapeMarkdown(long)+escapeMarkdown(long)) {
		t.Errorf("text lost or changed")
	}
}

// A person who sends interactions faster than they are answered gets the
// surplus turned away with a notice, never silence.
func TestGateway_FloodIsShedWithANotice(t *testing.T) {
	srv := newFake(t)
	e := newScripted(t, func(bot.Message) []bot.Reply { return []bot.Reply{{Text: "ok"}} })
	e.delay = 400 * time.Millisecond
	cfg := testConfig(srv, e)
	cfg.MaxPerKey = 1
	a := newAdapter(t, cfg)
	runGateway(t, srv, a)
	vol := volunteer("633", "tr")
	var wg sync.WaitGroup
	sents := make([]*discordtest.Sent, 3)
	for i := range sents {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := srv.Slash(vol, cmdTopics)
			if err != nil {
				t.Error(err)
			}
			sents[i] = s
		}()
	}
	wg.Wait()
	notices := 0
	for _, s := range sents {
		ms, err := s.WaitMessages(1, 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		if ms[0].Content == escapeMarkdown(bot.Apology("tr", bot.TroubleTooMany)) {
			notices++
		}
	}
	if notices != 2 || a.Stats().Shed != 2 {
		t.Errorf("%d notices, %d shed; want 2 of 3 turned away", notices, a.Stats().Shed)
	}
}

// The bot's note that a reply was given up on reaches the ticket's thread
// in the volunteers' language, and says the person does not have it.
func TestThreadMessages_UndeliveredNoteInTheViewLanguage(t *testing.T) {
	v := bot.TicketView{Number: 7, ViewLang: "de"}
	note := bot.Entry{Seq: 2, From: string(content.FromBot), Text: content.NoteUndelivered}
	got := threadMessages(v, note)
	if len(got) != 1 || got[0].Content != word("de", "reply_undelivered") || strings.Contains(got[0].Content, content.NoteUndelivered) {
		t.Errorf("the note in the thread: %+v, want %q", got, word("de", "reply_undelivered"))
	}
}
