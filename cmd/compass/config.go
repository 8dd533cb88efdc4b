package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// setting is one thing an operator configures: an environment variable,
// the flag that overrides it on the command line (none for secrets and
// for what only a deployment decides), its default and its help. Every
// command reads configuration through this table; `compass help` and each
// command's usage print it, and a test checks that README.md lists every
// variable (TestReadme_ListsEverySetting).
type setting struct {
	Env      string // environment variable
	Flag     string // flag name without dashes; "" for environment only
	Default  string // as shown and as parsed; "" for none
	Help     string
	Commands string // the commands that read it, space-separated
}

// settings is the configuration of compass, in the order help lists it.
var settings = []setting{
	{"DATABASE_URL", "database-url", "", "PostgreSQL URL: content, sessions, tickets, unanswered questions, live reload, replicas", "serve chat ask check migrate import export inbox gaps prune"},
	{"COMPASS_PACK", "pack", "", "content-pack directory to use instead of the database or the bundled pack", "serve chat ask check import"},
	{"COMPASS_REGION", "region", "", "region id of people who have not chosen one, e.g. at-graz (default: the pack's root region)", "serve chat ask check"},
	{"COMPASS_LOG_LEVEL", "", "info", "debug, info, warn or error (message text is never logged)", "serve chat ask check migrate import export inbox gaps prune"},
	{"COMPASS_LISTEN", "listen", "", "HTTP address of the Telegram webhook, Discord interactions, /healthz, /readyz and /metrics (default :8080 with a webhook or DISCORD_PUBLIC_KEY; else none)", "serve"},
	{"COMPASS_WORKERS", "workers", "16", "updates handled at once", "serve"},
	{"COMPASS_DRAIN", "drain", "20s", "on shutdown, how long updates in flight may take", "serve"},
	{"COMPASS_INBOX", "", "", "where volunteers answer requests for a person: terminal (compass inbox on DATABASE_URL); unset (and no DISCORD_INBOX_CHANNEL): no handoff, \"Talk to a person\" lists helplines", "serve"},
	{"COMPASS_VOLUNTEER", "as", "", "your name as a volunteer in compass inbox", "inbox"},
	{"COMPASS_TICKET_RETENTION", "", "30d", "how long a closed request for a person keeps its text and its person", "serve prune"},
	{"COMPASS_SESSION_RETENTION", "", "180d", "sessions (language, region) of people who have not written for this long are deleted", "serve prune"},
	{"COMPASS_GAPS_RETENTION", "", "30d", "how long unanswered questions are kept for compass gaps", "serve prune"},
	{"COMPASS_AUDIT_RETENTION", "", "365d", "how long the audit log keeps content edits and ticket state changes", "serve prune"},
	{"TELEGRAM_TOKEN", "token", "", "Telegram bot token from @BotFather; Telegram runs when it is set (prefer the environment: flags show in ps)", "serve"},
	{"TELEGRAM_API_URL", "api-url", "https://api.telegram.org", "Bot API server: a self-hosted one, or a fake one in tests", "serve"},
	{"TELEGRAM_WEBHOOK_URL", "webhook-url", "", "public HTTPS URL Telegram posts updates to (http only for a loopback host); unset: long polling", "serve"},
	{"TELEGRAM_WEBHOOK_SECRET", "webhook-secret", "", "secret token Telegram sends with every webhook update (1-256 of A-Z a-z 0-9 _ -; required with a webhook)", "serve"},
	{"DISCORD_TOKEN", "", "", "Discord bot token; Discord runs when it is set (over the gateway unless DISCORD_PUBLIC_KEY)", "serve"},
	{"DISCORD_APP_ID", "", "", "Discord application id (default: the bot user's id)", "serve"},
	{"DISCORD_PUBLIC_KEY", "", "", "the application's public key: interactions over HTTP at /discord/interactions on COMPASS_LISTEN instead of the gateway", "serve"},
	{"DISCORD_GUILD_ID", "", "", "register the slash commands in this server only (they appear at once)", "serve"},
	{"DISCORD_INBOX_CHANNEL", "", "", "Discord channel where volunteers answer requests for a person (turns the handoff on)", "serve"},
	{"DISCORD_API_URL", "", "https://discord.com/api", "Discord REST API base (tests point it at a fake one)", "serve"},
}

// settingFor returns the setting of an environment variable. Asking for
// one that is not in the table is a programming error.
func settingFor(envVar string) setting {
	for _, s := range settings {
		if s.Env == envVar {
			return s
		}
	}
	panic("compass: no setting " + envVar)
}

// usedBy reports whether command reads the setting.
func (s setting) usedBy(command string) bool {
	for _, c := range strings.Fields(s.Commands) {
		if c == command {
			return true
		}
	}
	return false
}

// fromEnv is the environment's value (spaces trimmed), else the default.
func (s setting) fromEnv(env *Env) string {
	if v := s.inEnv(env); v != "" {
		return v
	}
	return s.Default
}

// inEnv is the environment's value (spaces trimmed), "" when unset.
func (s setting) inEnv(env *Env) string { return strings.TrimSpace(env.Getenv(s.Env)) }

// flagHelp is the setting's help for a flag: its text and variable.
func (s setting) flagHelp() string {
	return s.Help + " (env " + s.Env + ")"
}

// stringFlag registers the setting's flag on fs, into dst; once parsed,
// dst holds the flag when given, else the environment's value, else the
// default. Help shows the table's default, never the environment's value
// (a token).
func stringFlag(fs *flag.FlagSet, env *Env, envVar string, dst *string) {
	s := settingFor(envVar)
	fs.StringVar(dst, s.Flag, s.Default, s.flagHelp())
	*dst = s.fromEnv(env)
}

// intFlag is stringFlag for a whole number.
func intFlag(fs *flag.FlagSet, env *Env, envVar string, dst *int) error {
	s := settingFor(envVar)
	v := s.fromEnv(env)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return usageError{fmt.Sprintf("%s=%q: want a positive whole number", s.Env, v)}
	}
	def, _ := strconv.Atoi(s.Default)
	fs.IntVar(dst, s.Flag, def, s.flagHelp())
	*dst = n
	return nil
}

// durationFlag is stringFlag for a duration (30d, 720h, 20s).
func durationFlag(fs *flag.FlagSet, env *Env, envVar string, dst *time.Duration) error {
	s := settingFor(envVar)
	d, err := durationSetting(env, envVar, 0)
	if err != nil {
		return err
	}
	def, _ := parseDays(s.Default)
	fs.DurationVar(dst, s.Flag, def, s.flagHelp())
	*dst = d
	return nil
}

// durationSetting reads a duration setting from the environment (30d,
// 720h, 90m), else its default; shorter than least is a usage error.
func durationSetting(env *Env, envVar string, least time.Duration) (time.Duration, error) {
	s := settingFor(envVar)
	v := s.fromEnv(env)
	d, err := parseDays(v)
	if err != nil || d <= 0 || d < least {
		want := "a duration such as " + s.Default
		if least > 0 {
			want = fmt.Sprintf("a duration of at least %v, such as %s", least, s.Default)
		}
		return 0, usageError{fmt.Sprintf("%s=%q: want %s (d for days, h, m, s)", s.Env, v, want)}
	}
	return d, nil
}

// maxDays is the most days a duration holds (time.Duration is int64
// nanoseconds: about 292 years); more would wrap around.
const maxDays = int(math.MaxInt64 / int64(24*time.Hour))

// parseDays reads "30d" as 30 days, and anything else as a Go duration
// ("720h", "90m").
func parseDays(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 || days > maxDays {
			return 0, fmt.Errorf("%q is not a number of days up to %d", s, maxDays)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// printSettings lists the settings a command reads (all for ""), one per
// line with its flag and default, for help and usage texts.
func printSettings(w io.Writer, command string) {
	for _, s := range settings {
		if command != "" && !s.usedBy(command) {
			continue
		}
		help := s.Help
		if s.Flag != "" {
			help = "--" + s.Flag + ": " + help
		}
		if s.Default != "" {
			help += "; default " + s.Default
		}
		fmt.Fprintf(w, "  %-26s %s\n", s.Env, help)
	}
}
