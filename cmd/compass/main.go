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
	"syscall"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
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
