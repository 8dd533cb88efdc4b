package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

func init() {
	register(command{
		name:    "chat",
		summary: "talk to the bot in the terminal (type a button's number to press it)",
		run:     runChat,
	})
}

const chatHelp = `Type a question, a command (/topics, /language, /region, /help, /forget),
a button's number to press it, "/location LAT LON" to share a location,
or /quit to leave.`

func runChat(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	src := addSourceFlags(fs, env)
	lang := fs.String("lang", "", "language to talk in (a pack language tag, e.g. ar)")
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, "Usage: compass chat [--pack DIR | --database-url URL] [--lang TAG] [--region ID]\n\n"+chatHelp+"\n\n")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, env, args); !ok {
		return code
	}
	cs, err := src.open(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass chat: %v\n", err)
		return exitStatus(err)
	}
	defer cs.Close()
	sessions := bot.NewMemorySessions()
	if *lang != "" && !slices.Contains(cs.Pack.Languages, *lang) {
		fmt.Fprintf(env.Stderr, "compass chat: --lang %q is not a language of %s (%s)\n", *lang, cs.Origin, strings.Join(cs.Pack.Languages, ", "))
		return 2
	}
	if *lang != "" {
		sessions.Put(ctx, content.Session{Channel: "cli", UserID: "terminal", Lang: *lang})
	}
	logger := newLogger(env, env.Stderr, slog.LevelWarn)
	engine, err := cs.newEngine(sessions, logger)
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass chat: %v\n", err)
		return 1
	}
	// Editors' changes reach the chat as they reach compass serve.
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	go cs.keepFresh(ctx, engine, logger, func(int64, error) {})
	t := &terminalChat{env: env, engine: engine, interactive: isTerminal(env.Stdin)}
	if t.interactive {
		fmt.Fprintf(env.Stdout, "compass – content from %s. %s\n\n", cs.Origin, chatHelp)
	}
	return t.run(ctx)
}

// terminalChat is one conversation between a terminal and the engine.
type terminalChat struct {
	env         *Env
	engine      *bot.Engine
	interactive bool // stdin is a terminal: prompt
	// buttons of the last replies, numbered from 1. A terminal has no app
	// language and sends no hint: the engine remembers the language the
	// person writes in, so a command, a location or a one-word question
	// after a Ukrainian conversation is answered in Ukrainian.
	buttons []bot.Button
}

func (t *terminalChat) run(ctx context.Context) int {
	if !t.send(ctx, bot.Message{Text: "/start"}) {
		return 1
	}
	in := bufio.NewReader(t.env.Stdin)
	for {
		if t.interactive {
			fmt.Fprint(t.env.Stdout, "> ")
		}
		line, tooLong, err := readLine(in, 64*1024)
		if err == io.EOF {
			return 0
		}
		if err != nil {
			fmt.Fprintf(t.env.Stderr, "compass chat: reading stdin: %v\n", err)
			return 1
		}
		if tooLong {
			fmt.Fprintln(t.env.Stdout, "(that line was too long; please write a shorter message)")
			continue
		}
		text := strings.TrimSpace(strings.TrimSuffix(string(line), "\r"))
		m, quit, ok := t.message(text)
		if quit {
			return 0
		}
		if ok && !t.send(ctx, m) {
			return 1
		}
	}
}

// message turns a typed line into a message: a button number, a location,
// or text. quit reports /quit; ok is false when there is nothing to send.
func (t *terminalChat) message(text string) (m bot.Message, quit, ok bool) {
	switch {
	case text == "":
		return m, false, false
	case text == "/quit" || text == "/exit":
		return m, true, false
	case strings.HasPrefix(text, "/location"):
		f := strings.Fields(text)
		var g content.Geo
		var err1, err2 error
		if len(f) == 3 {
			g.Lat, err1 = strconv.ParseFloat(f[1], 64)
			g.Lon, err2 = strconv.ParseFloat(f[2], 64)
		}
		if len(f) != 3 || err1 != nil || err2 != nil || g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180 {
			fmt.Fprintln(t.env.Stdout, "(usage: /location LAT LON, e.g. /location 47.0707 15.4395)")
			return m, false, false
		}
		m.Location = &g
		return m, false, true
	}
	if n, err := strconv.Atoi(text); err == nil && n >= 1 && n <= len(t.buttons) {
		m.Payload = t.buttons[n-1].Payload
		return m, false, true
	}
	m.Text = text
	return m, false, true
}

// send hands a message to the engine and prints the replies.
func (t *terminalChat) send(ctx context.Context, m bot.Message) bool {
	m.Channel, m.UserID, m.ChatID = "cli", "terminal", "terminal"
	replies, err := t.engine.Handle(ctx, m)
	if err != nil {
		fmt.Fprintf(t.env.Stderr, "compass chat: %v\n", err)
		return false
	}
	t.buttons = printReplies(t.env.Stdout, replies)
	return true
}

// printReplies writes replies as plain text with numbered buttons and
// returns the buttons in their numbering.
func printReplies(w io.Writer, replies []bot.Reply) []bot.Button {
	var buttons []bot.Button
	for _, r := range replies {
		fmt.Fprintln(w, r.PlainText())
		for _, row := range r.Buttons {
			cells := make([]string, len(row))
			for i, b := range row {
				buttons = append(buttons, b)
				cells[i] = fmt.Sprintf("[%d] %s", len(buttons), b.Label)
			}
			fmt.Fprintln(w, "  "+strings.Join(cells, "   "))
		}
		if v := r.Venue; v != nil {
			fmt.Fprintf(w, "  📍 %s, %s – https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f\n", v.Title, v.Address, v.Lat, v.Lon)
		}
		fmt.Fprintln(w)
	}
	return buttons
}

// isTerminal reports whether r is a character device (an interactive
// terminal) rather than a pipe or a file.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
