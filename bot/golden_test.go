package bot

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/content/packfile"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/holidays"
	"github.com/compassbot/compass/content/match"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// fixtureNow is Monday 23 November 2026, 10:30 in Vienna.
var fixtureNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

func loadFixture(t testing.TB) *content.Pack {
	t.Helper()
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatalf("loading testdata/pack: %v", err)
	}
	return p
}

// newBundledEngine is the engine with the real matcher on the bundled pack,
// at fixtureNow.
func newBundledEngine(t testing.TB) *Engine {
	t.Helper()
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	e := New(Config{NewMatcher: match.New, Now: func() time.Time { return fixtureNow }})
	if err := e.SetPack(p); err != nil {
		t.Fatal(err)
	}
	return e
}

func newTestEngine(t testing.TB) *Engine {
	t.Helper()
	return newTestEngineAt(t, func() time.Time { return fixtureNow })
}

// newTestEngineAt is the test engine with the clock now and Austria's
// public holidays.
func newTestEngineAt(t testing.TB, now func() time.Time) *Engine {
	t.Helper()
	e := New(Config{NewMatcher: newKeywordMatcher, Now: now, Calendars: holidays.Lookup})
	if err := e.SetPack(loadFixture(t)); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestGoldenTranscripts plays each scripted conversation in testdata/*.txt
// and compares the whole transcript with the file. Lines starting with "> "
// are the script:
//
//	> any text           the person types it
//	> press N            the person presses button N of the last replies
//	> payload P          a button with raw payload P is pressed (forged, stale)
//	> location LAT LON   the person shares a location
//	> hint TAG           later messages carry this platform language hint
//	> user ID            later messages come from another person
//	> reload-without ID  the content is reloaded without intent ID
//	> now 2026-12-25T10:00  the clock shows this time in Vienna from now on
//	> inbox on           a volunteer inbox is configured (tickets in memory)
//	> inbox              the open tickets, as volunteers see them
//	> volunteer V STEP N [TEXT]  volunteer V claims, replies, releases or
//	                     closes ticket N; what reaches a person is shown
//	                     after "<<" (its buttons can be pressed)
//	> later DAYS         the clock moves on; the ticket jobs run
//
// Everything else is the engine's output; -update rewrites it.
func TestGoldenTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden transcripts in testdata: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := playTranscript(t, string(want))
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != string(want) {
				t.Errorf("transcript differs from %s (run go test ./bot -run Golden -update and review the diff):\n%s", file, firstDiff(string(want), got))
			}
		})
	}
}

func playTranscript(t *testing.T, script string) string {
	clock := fixtureNow
	e := newTestEngineAt(t, func() time.Time { return clock })
	ctx := context.Background()
	var delivered []Reply
	var deliveredTo []Address
	var out strings.Builder
	var last []Button
	msg := Message{Channel: "test", UserID: "u1", ChatID: "u1"}
	sc := bufio.NewScanner(strings.NewReader(script))
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "> ") && line != ">" {
			if strings.HasPrefix(line, "#") {
				out.WriteString(line + "\n")
			}
			continue
		}
		out.WriteString(line + "\n")
		cmd := strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")
		m := msg
		verb, arg, _ := strings.Cut(cmd, " ")
		switch verb {
		case "press":
			n, err := strconv.Atoi(arg)
			if err != nil || n < 1 || n > len(last) {
				t.Fatalf("%q: no button %s among %d", line, arg, len(last))
			}
			m.Payload = last[n-1].Payload
		case "payload":
			m.Payload = arg
		case "location":
			var g content.Geo
			if _, err := fmt.Sscan(arg, &g.Lat, &g.Lon); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			m.Location = &g
		case "hint":
			msg.LangHint = arg
			continue
		case "user":
			msg.UserID, msg.ChatID = arg, arg
			continue
		case "now":
			vienna, _ := time.LoadLocation("Europe/Vienna")
			t0, err := time.ParseInLocation("2006-01-02T15:04", arg, vienna)
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			clock = t0
			continue
		case "inbox":
			if arg == "on" {
				e.cfg.Tickets = NewMemoryTickets()
				e.Connect("test", SenderFunc(func(_ context.Context, to Address, r Reply) error {
					delivered, deliveredTo = append(delivered, r), append(deliveredTo, to)
					return nil
				}), DefaultCapabilities)
			} else {
				renderInbox(t, &out, e)
			}
			continue
		case "volunteer", "later":
			if verb == "volunteer" {
				volunteerStep(t, &out, e, arg)
			} else {
				days, _ := strconv.Atoi(arg)
				clock = clock.Add(time.Duration(days) * 24 * time.Hour)
				done, err := e.TidyTickets(ctx, TicketJobs{})
				fmt.Fprintf(&out, "= tidied %+v %v\n", done, err)
			}
			delivered, deliveredTo = nil, nil
			e.deliverWaiting(ctx, DeliverOptions{}.withDefaults())
			var buttons []Button
			for i, r := range delivered {
				fmt.Fprintf(&out, "<< to %s\n", deliveredTo[i].ChatID)
				buttons = append(buttons, renderReplies(&out, []Reply{r})...)
			}
			if len(buttons) > 0 {
				last = buttons
			}
			out.WriteString("\n")
			continue
		case "reload-without":
			p := loadFixture(t)
			p.Intents = slices.DeleteFunc(p.Intents, func(in *content.Intent) bool { return in.ID == arg })
			if err := e.SetPack(p); err != nil {
				t.Fatal(err)
			}
			continue
		default:
			m.Text = cmd
		}
		replies, err := e.Handle(ctx, m)
		if err != nil {
			t.Fatalf("%q: Handle: %v", line, err)
		}
		last = renderReplies(&out, replies)
		out.WriteString("\n")
	}
	return out.String()
}

// renderInbox writes the tickets volunteers see.
func renderInbox(t *testing.T, w *strings.Builder, e *Engine) {
	views, err := e.Inbox().List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, "= inbox: %d tickets\n", len(views))
	for _, v := range views {
		full, err := e.Inbox().Get(context.Background(), v.Number)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "  %s %s %s (%s) %s · %s · %s\n", v.No(), v.State, v.LangName, v.Lang, v.RegionName, v.TopicName, v.Volunteer)
		for _, l := range strings.Split(v.Question, "\n") {
			fmt.Fprintf(w, "    | %s\n", l)
		}
		for _, g := range v.Guesses {
			fmt.Fprintf(w, "    ? %s (%s)\n", g.Title, g.Intent)
		}
		for _, m := range full.Messages {
			fmt.Fprintf(w, "    %d %s %s: %s\n", m.Seq, m.From, m.Volunteer, m.Text)
		}
	}
	w.WriteString("\n")
}

// volunteerStep runs "V STEP N [TEXT]" in the inbox.
func volunteerStep(t *testing.T, w *strings.Builder, e *Engine, arg string) {
	f := strings.SplitN(arg, " ", 4)
	if len(f) < 3 {
		t.Fatalf("volunteer %q: want V STEP N [TEXT]", arg)
	}
	n, _ := strconv.ParseInt(f[2], 10, 64)
	v := Volunteer{ID: "test:" + f[0]}
	if strings.HasPrefix(f[0], "signed-") {
		v.Name = strings.TrimPrefix(f[0], "signed-")
	}
	in, ctx := e.Inbox(), context.Background()
	var view TicketView
	var err error
	switch f[1] {
	case "claim":
		view, err = in.Claim(ctx, n, v)
	case "release":
		view, err = in.Release(ctx, n, v)
	case "close":
		view, err = in.Close(ctx, n, v)
	case "reply":
		text := ""
		if len(f) == 4 {
			text = f[3]
		}
		view, err = in.Reply(ctx, n, v, text)
	default:
		t.Fatalf("volunteer %q: unknown step", arg)
	}
	if err != nil {
		fmt.Fprintf(w, "= error: %v\n", err)
		return
	}
	fmt.Fprintf(w, "= %s %s %s\n", view.No(), view.State, view.Volunteer)
}

// renderReplies writes replies the way the transcripts show them and
// returns their buttons in the order they are numbered.
func renderReplies(w *strings.Builder, replies []Reply) []Button {
	var buttons []Button
	for _, r := range replies {
		dir := ""
		if r.RTL {
			dir = " rtl"
		}
		fmt.Fprintf(w, "< [%s%s]", r.Lang, dir)
		if r.Title != "" {
			fmt.Fprintf(w, " %s", r.Title)
		}
		w.WriteString("\n")
		for _, l := range strings.Split(r.Text, "\n") {
			fmt.Fprintf(w, "  %s\n", l)
		}
		for _, l := range r.Links {
			fmt.Fprintf(w, "  link: %s <%s>\n", l.Label, l.URL)
		}
		for _, row := range r.Buttons {
			var cells []string
			for _, b := range row {
				buttons = append(buttons, b)
				cells = append(cells, fmt.Sprintf("[%d %s]", len(buttons), b.Label))
			}
			fmt.Fprintf(w, "  %s\n", strings.Join(cells, " "))
		}
		if v := r.Venue; v != nil {
			fmt.Fprintf(w, "  venue: %s, %s (%.4f, %.4f)\n", v.Title, v.Address, v.Lat, v.Lon)
		}
	}
	return buttons
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}
