package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
)

func init() {
	register(command{
		name:    "inbox",
		summary: "answer requests for a person from a terminal: list, show, claim, reply, release, close",
		run:     runInbox,
	})
}

const inboxUsage = `Usage: compass inbox [flags] [list | show N | claim N | reply N [TEXT] | release N | close N]

The volunteers' inbox on the database (DATABASE_URL): people's requests for a
person (docs/handoff.md). Without a subcommand it lists the open tickets with
their question. Volunteers never see who wrote a ticket, only what the person
chose to share.

  list         the tickets not closed, oldest first, with their question
  show N       ticket N with its follow-ups and replies
  claim N      take ticket N (nobody else can then reply to it)
  reply N TEXT send TEXT to the person (TEXT from stdin when not given); claims
               an open ticket. Quote TEXT: compass inbox reply 3 "Hello …"
  release N    give ticket N back to everyone
  close N      close ticket N; the person is told politely

A reply is delivered by the compass serve that runs the person's channel.

Flags (anywhere before TEXT):
`

// inboxConfig is what compass inbox is told.
type inboxConfig struct {
	databaseURL string
	as          string // the volunteer's name
	sign        bool   // show the name to the person with a reply
	asJSON      bool
}

func runInbox(ctx context.Context, env *Env, args []string) int {
	var c inboxConfig
	fs := flag.NewFlagSet("inbox", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	stringFlag(fs, env, "DATABASE_URL", &c.databaseURL)
	stringFlag(fs, env, "COMPASS_VOLUNTEER", &c.as)
	fs.BoolVar(&c.sign, "sign", false, "show your name (--as) to the person with your reply; without it they read \"a volunteer\"")
	fs.BoolVar(&c.asJSON, "json", false, "print tickets as JSON")
	fs.Usage = func() {
		fmt.Fprint(env.Stderr, inboxUsage)
		fs.PrintDefaults()
	}
	words, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if c.databaseURL == "" {
		fmt.Fprintln(env.Stderr, "compass inbox: no database: set DATABASE_URL (the inbox lives in the bot's database)")
		return 2
	}
	sub := "list"
	if len(words) > 0 {
		sub, words = words[0], words[1:]
	}
	step, known := inboxSteps[sub]
	if !known {
		fmt.Fprintf(env.Stderr, "compass inbox: unknown subcommand %q\n\n", sub)
		fs.Usage()
		return 2
	}
	var number int64
	if sub != "list" {
		var err error
		if len(words) == 0 {
			fmt.Fprintf(env.Stderr, "compass inbox %s: which ticket? (compass inbox %s N)\n", sub, sub)
			return 2
		}
		if number, err = strconv.ParseInt(strings.TrimPrefix(words[0], "#"), 10, 64); err != nil || number <= 0 {
			fmt.Fprintf(env.Stderr, "compass inbox %s: %q is not a ticket number\n", sub, words[0])
			return 2
		}
		words = words[1:]
	}
	if step.volunteer && strings.TrimSpace(c.as) == "" {
		fmt.Fprintf(env.Stderr, "compass inbox %s: say who you are with --as NAME (or COMPASS_VOLUNTEER)\n", sub)
		return 2
	}
	if sub != "reply" && len(words) > 0 {
		fmt.Fprintf(env.Stderr, "compass inbox %s: unexpected argument %q\n", sub, words[0])
		return 2
	}
	in, closeDB, err := openInbox(ctx, c.databaseURL, newLogger(env, env.Stderr, slog.LevelWarn))
	if err != nil {
		fmt.Fprintf(env.Stderr, "compass inbox: %v\n", err)
		return 1
	}
	defer closeDB()
	r := inboxRun{ctx: ctx, env: env, cfg: c, in: in, number: number, words: words}
	if err := step.run(&r); err != nil {
		fmt.Fprintf(env.Stderr, "compass inbox %s: %s\n", sub, r.explain(err))
		return 1
	}
	return 0
}

// parseInterleaved parses flags that may stand between the words of a
// command line ("reply 3 --as maria"); "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) (words []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, 0, false
			}
			return nil, 2, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, 0, true
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(words, rest...), 0, true
		}
		words, args = append(words, rest[0]), rest[1:]
	}
}

// openInbox connects to the database and makes an engine on its content,
// for views in the region's language and replies in the person's.
func openInbox(ctx context.Context, url string, logger *slog.Logger) (*bot.Inbox, func(), error) {
	db, err := openStore(ctx, url, logger)
	if err != nil {
		return nil, nil, err
	}
	p, err := db.Load(ctx)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	e := bot.New(bot.Config{Sessions: db.Sessions(), Tickets: db.Tickets(), NewMatcher: understandNothing, Logger: logger})
	if err := e.SetPack(p); err != nil {
		db.Close()
		return nil, nil, err
	}
	return e.Inbox(), func() { db.Close() }, nil
}

// understandNothing is the inbox engine's matcher: it answers no
// questions (volunteers do), so building the real index would only cost
// time at every command.
func understandNothing(*content.Pack) (content.Matcher, error) { return noMatcher{}, nil }

type noMatcher struct{}

func (noMatcher) Understand(content.Query) content.Understanding { return content.Understanding{} }

// inboxDBWait bounds each database step of compass inbox, so that a
// volunteer whose tickets another session holds locked is told so instead
// of waiting silently (typing a reply on stdin is not bounded).
var inboxDBWait = 15 * time.Second

// errDBWait is what a step that ran out of inboxDBWait is explained as.
var errDBWait = errors.New("the database did not answer in time")

// inboxRun is one run of an inbox subcommand.
type inboxRun struct {
	ctx    context.Context
	env    *Env
	cfg    inboxConfig
	in     *bot.Inbox
	number int64
	words  []string
}

// db runs one database step within inboxDBWait.
func (r *inboxRun) db(step func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(r.ctx, inboxDBWait)
	defer cancel()
	err := step(ctx)
	if err != nil && ctx.Err() == context.DeadlineExceeded && r.ctx.Err() == nil {
		return fmt.Errorf("%w (%s; another session may hold the tickets locked: try again, or ask the operator): %v", errDBWait, inboxDBWait, err)
	}
	return err
}

func (r *inboxRun) volunteer() bot.Volunteer {
	v := bot.Volunteer{ID: "terminal:" + strings.TrimSpace(r.cfg.as)}
	if r.cfg.sign {
		v.Name = strings.TrimSpace(r.cfg.as)
	}
	return v
}

// inboxStep is one subcommand.
type inboxStep struct {
	volunteer bool // acts as a volunteer: needs --as
	run       func(*inboxRun) error
}

var inboxSteps = map[string]inboxStep{
	"list": {run: (*inboxRun).list},
	"show": {run: func(r *inboxRun) error {
		return r.db(func(ctx context.Context) error {
			v, err := r.in.Get(ctx, r.number)
			if err == nil {
				r.print(v, true)
			}
			return err
		})
	}},
	"claim":   {volunteer: true, run: func(r *inboxRun) error { return r.step(r.in.Claim, "claimed") }},
	"release": {volunteer: true, run: func(r *inboxRun) error { return r.step(r.in.Release, "released") }},
	"close":   {volunteer: true, run: func(r *inboxRun) error { return r.step(r.in.Close, "closed; the person was told") }},
	"reply":   {volunteer: true, run: (*inboxRun).reply},
}

func (r *inboxRun) list() error {
	var views []bot.TicketView
	err := r.db(func(ctx context.Context) (err error) {
		views, err = r.in.List(ctx)
		return err
	})
	if err != nil {
		return err
	}
	if r.cfg.asJSON {
		return writeJSON(r.env.Stdout, views)
	}
	if len(views) == 0 {
		fmt.Fprintln(r.env.Stdout, "No open tickets.")
		return nil
	}
	for _, v := range views {
		r.print(v, false)
	}
	return nil
}

func (r *inboxRun) step(act func(context.Context, int64, bot.Volunteer) (bot.TicketView, error), done string) error {
	var v bot.TicketView
	err := r.db(func(ctx context.Context) (err error) {
		v, err = act(ctx, r.number, r.volunteer())
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "%s %s.\n", v.No(), done)
	return nil
}

func (r *inboxRun) reply() error {
	text := strings.Join(r.words, " ")
	if strings.TrimSpace(text) == "" {
		b, err := io.ReadAll(io.LimitReader(r.env.Stdin, bot.MaxReplyBytes+1))
		if err != nil {
			return err
		}
		text = string(b)
	}
	var v bot.TicketView
	err := r.db(func(ctx context.Context) (err error) {
		v, err = r.in.Reply(ctx, r.number, r.volunteer(), text)
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(r.env.Stdout, "%s: reply queued; it reaches the person as soon as the bot delivers it.\n", v.No())
	return nil
}

// explain words an inbox error for the volunteer at the terminal.
func (r *inboxRun) explain(err error) string {
	switch {
	case errors.Is(err, bot.ErrTicketTaken):
		holder := "another volunteer"
		_ = r.db(func(ctx context.Context) error {
			if v, gerr := r.in.Get(ctx, r.number); gerr == nil && v.Volunteer != "" {
				holder = v.Volunteer
			}
			return nil
		})
		return fmt.Sprintf("ticket #%d is taken by %s (they can release it: compass inbox release %d)", r.number, holder, r.number)
	case errors.Is(err, bot.ErrTicketClosed):
		return fmt.Sprintf("ticket #%d is closed", r.number)
	case errors.Is(err, bot.ErrNoTicket):
		return fmt.Sprintf("there is no ticket #%d (the person may have asked to be forgotten)", r.number)
	}
	return err.Error()
}

// print writes one ticket: a line with its number, state, language,
// region and topic, then its question; in full with its messages.
func (r *inboxRun) print(v bot.TicketView, full bool) {
	w := r.env.Stdout
	if r.cfg.asJSON {
		_ = writeJSON(w, v)
		return
	}
	where := v.RegionName
	if v.TopicName != "" {
		where += " · " + v.TopicName
	}
	holder := ""
	if v.Volunteer != "" {
		holder = " (" + v.Volunteer + ")"
	}
	fmt.Fprintf(w, "%-5s %-8s %s (%s) · %s · %s%s\n", v.No(), v.State, v.LangName, v.Lang, where, stamp(v.Opened), holder)
	if !full {
		fmt.Fprintf(w, "      %s\n", v.Preview(100))
		if n := len(v.Messages); n > 0 {
			fmt.Fprintf(w, "      (%d more messages: compass inbox show %d)\n", n, v.Number)
		}
		return
	}
	for _, l := range strings.Split(v.Question, "\n") {
		fmt.Fprintf(w, "      %s\n", l)
	}
	for _, g := range v.Guesses {
		fmt.Fprintf(w, "      bot's guess: %s (%s)\n", g.Title, g.Intent)
	}
	for _, m := range v.Messages {
		who := "person"
		switch m.From {
		case string(content.FromBot):
			fmt.Fprintf(w, "  %s bot: a message to the person could not be delivered; they do not have it\n", stamp(m.At))
			continue
		case string(content.FromVolunteer):
			who = m.Volunteer
		}
		fmt.Fprintf(w, "  %s %s:\n", stamp(m.At), who)
		for _, l := range strings.Split(m.Text, "\n") {
			fmt.Fprintf(w, "      %s\n", l)
		}
	}
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
