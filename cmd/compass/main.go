// Command compass answers newcomers' questions from a content pack or from
// PostgreSQL, in a terminal, on Telegram and on Discord.
//
// Each subcommand lives in its own file and registers itself in commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"sync/atomic"
	"syscall"
	"time"
)

// command is one subcommand of the compass binary.
type command struct {
	name    string
	summary string                                                 // one line for `compass help`
	run     func(ctx context.Context, env *Env, args []string) int // exit status
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// Env is the outside world of one invocation, injected so tests can run
// commands in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go endOnSignal(sigs, cancel, stopGrace, os.Stderr, os.Exit)
	code := Run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	os.Exit(code)
}

// stopGrace is how long a command may take to finish after SIGINT or
// SIGTERM before the process exits anyway: 10 s, or what serve sets (its
// drain time and a margin).
var stopGrace = func() time.Duration {
	if d := time.Duration(serveGrace.Load()); d > 0 {
		return d
	}
	return 10 * time.Second
}

// serveGrace is serve's stopGrace, set once its drain time is known.
var serveGrace atomic.Int64

// endOnSignal makes every command end on a signal: the first SIGINT or
// SIGTERM cancels the command's context (commands stop reading, finish
// what is in flight and return); if the command has not returned after
// grace(), or a second signal comes, the process exits anyway with 128 +
// the signal's number, as a shell reports a process killed by it. Nothing
// a command waits for (a database that never answers, a blocked file) can
// then keep it alive.
func endOnSignal(sigs <-chan os.Signal, cancel func(), grace func() time.Duration, stderr io.Writer, exit func(int)) {
	sig, ok := <-sigs
	if !ok {
		return
	}
	cancel()
	wait := grace()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case again, ok := <-sigs:
		if !ok {
			return
		}
		fmt.Fprintf(stderr, "compass: second signal (%v); exiting now\n", again)
		exit(signalStatus(again))
	case <-timer.C:
		fmt.Fprintf(stderr, "compass: still busy %v after %v; exiting\n", wait, sig)
		exit(signalStatus(sig))
	}
}

// signalStatus is 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// Run runs the subcommand named by args[0] and returns the exit status.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		usage(env.Stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage(env.Stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "compass: unknown command %q\n\n", name)
		usage(env.Stderr)
		return 2
	}
	return c.run(ctx, env, args[1:])
}

// envVars are the environment variables compass reads, for `compass help`.
var envVars = [][2]string{
	{"DATABASE_URL", "PostgreSQL URL: content, sessions and live reload (--database-url)"},
	{"COMPASS_PACK", "content-pack directory to use instead of the bundled pack (--pack)"},
	{"COMPASS_REGION", "region id of people who have not chosen one, e.g. at-graz (--region)"},
	{"COMPASS_LISTEN", "address of the HTTP listener for webhooks and health checks (serve)"},
	{"COMPASS_LOG_LEVEL", "debug, info, warn or error"},
	{"COMPASS_INBOX", "where volunteers answer requests for a person: terminal (compass inbox); unset: no handoff (serve)"},
	{"COMPASS_TICKET_RETENTION", "how long closed tickets keep their text, e.g. 30d (default) (serve)"},
	{"COMPASS_VOLUNTEER", "your name as a volunteer in compass inbox (--as)"},
	{"TELEGRAM_TOKEN", "Telegram bot token from BotFather (serve)"},
	{"TELEGRAM_API_URL", "Bot API server URL, for a self-hosted Bot API server"},
	{"TELEGRAM_WEBHOOK_URL", "public HTTPS URL: use a webhook instead of long polling"},
	{"TELEGRAM_WEBHOOK_SECRET", "secret token Telegram sends with every webhook update"},
	{"DISCORD_TOKEN", "Discord bot token (reserved: the Discord adapter is not built yet)"},
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: compass <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'compass <command> -h' for the flags of a command.")
	fmt.Fprintln(w, "\nConfiguration (flags override these environment variables):")
	for _, v := range envVars {
		fmt.Fprintf(w, "  %-24s %s\n", v[0], v[1])
	}
}
