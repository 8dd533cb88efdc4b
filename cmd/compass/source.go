package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	_ "time/tzdata" // opening hours need IANA zones even in a scratch image

	"github.com/compassbot/compass/content/holidays"
	"github.com/compassbot/compass/content/packfile"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
	"github.com/compassbot/compass/store"
)

// sourceFlags are the flags of every command that reads content (chat, ask,
// check, serve): a pack directory, or a database, else the bundled pack;
// and the region of people who have not chosen one.
type sourceFlags struct {
	fs          *flag.FlagSet
	env         *Env
	packDir     string
	databaseURL string
	region      string
	migrate     bool         // apply missing migrations before loading from a database (serve)
	logger      *slog.Logger // where the database logs; nil: slog.Default()
}

// addSourceFlags registers --pack, --database-url and --region on fs, with
// the environment variables COMPASS_PACK, DATABASE_URL and COMPASS_REGION
// as defaults.
func addSourceFlags(fs *flag.FlagSet, env *Env) *sourceFlags {
	s := &sourceFlags{fs: fs, env: env}
	stringFlag(fs, env, "COMPASS_PACK", &s.packDir)
	stringFlag(fs, env, "DATABASE_URL", &s.databaseURL)
	stringFlag(fs, env, "COMPASS_REGION", &s.region)
	return s
}

// contentSource is the content a command works on and where it came from.
type contentSource struct {
	Pack   *content.Pack
	DB     *store.DB // the database, when the content came from one; else nil
	Origin string    // for messages: "the bundled pack", "pack DIR", "the database"
	Region string    // default region for new users (checked to exist); "": the pack's root
}

// Close closes the database, if any.
func (c *contentSource) Close() {
	if c.DB != nil {
		c.DB.Close()
	}
}

// choice resolves where content comes from: a flag given on the command line
// beats the environment, and a pack directory beats a database.
func (s *sourceFlags) choice() (packDir, databaseURL string) {
	set := map[string]bool{}
	s.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["pack"] && s.packDir != "":
		return s.packDir, ""
	case set["database-url"] && s.databaseURL != "":
		return "", s.databaseURL
	}
	if pack := settingFor("COMPASS_PACK").fromEnv(s.env); pack != "" {
		return pack, ""
	}
	return "", settingFor("DATABASE_URL").fromEnv(s.env)
}

// usageError is an error in what the command was told (flags,
// environment): the exit status is 2, as for a bad flag.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// exitStatus is the exit status for an error opening the content.
func exitStatus(err error) int {
	if errors.As(err, new(usageError)) {
		return 2
	}
	return 1
}

// defaultRegion is --region, else $COMPASS_REGION.
func (s *sourceFlags) defaultRegion() string { return strings.TrimSpace(s.region) }

// open loads the content: from the pack directory, else from the database,
// else the bundled pack, and checks that the default region is one of its
// regions. Errors name the source; pack errors keep their
// content.PackErrors type so callers can list them.
func (s *sourceFlags) open(ctx context.Context) (*contentSource, error) {
	cs, err := s.load(ctx)
	if err != nil {
		return nil, err
	}
	if r := s.defaultRegion(); r != "" {
		if cs.Pack.Region(r) == nil {
			cs.Close()
			return nil, usageError{fmt.Sprintf("region %q (--region or COMPASS_REGION) is not a region of %s; it has: %s", r, cs.Origin, regionIDs(cs.Pack))}
		}
		cs.Region = r
	}
	return cs, nil
}

func (s *sourceFlags) load(ctx context.Context) (*contentSource, error) {
	packDir, dbURL := s.choice()
	switch {
	case packDir != "":
		p, err := packfile.LoadDirContext(ctx, packDir)
		if err != nil {
			return nil, fmt.Errorf("content pack %s: %w", packDir, err)
		}
		return &contentSource{Pack: p, Origin: "pack " + packDir}, nil
	case dbURL != "":
		openDB := openStore
		if s.migrate {
			openDB = openMigratedStore // a server may be the first to meet a new schema version
		}
		db, err := openDB(ctx, dbURL, s.logger)
		if err != nil {
			return nil, err
		}
		p, err := db.Load(ctx)
		if err != nil {
			db.Close()
			return nil, err
		}
		return &contentSource{Pack: p, DB: db, Origin: "the database"}, nil
	}
	p, err := loadBundled()
	if err != nil {
		return nil, fmt.Errorf("bundled pack: %w", err)
	}
	return &contentSource{Pack: p, Origin: "the bundled pack"}, nil
}

// loadBundled reads the bundled pack and newMatcher builds the matcher for
// a pack. They are variables only so that the tests of this package can
// share one parsed pack and one matcher per pack (shared_test.go): both
// take seconds under the race detector, and neither is changed by use.
var (
	loadBundled                        = bundled.Load
	newMatcher  content.MatcherFactory = match.New
)

func regionIDs(p *content.Pack) string {
	ids := make([]string, len(p.Regions))
	for i, r := range p.Regions {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// newEngine makes the conversation engine with the real matcher, serving
// the content, with the default region for people who chose none.
func (c *contentSource) newEngine(sessions content.SessionStore, logger *slog.Logger) (*bot.Engine, error) {
	return c.engine(bot.Config{Sessions: sessions, Logger: logger})
}

// engine makes the conversation engine from cfg with the real matcher and
// the default region, serving the content.
func (c *contentSource) engine(cfg bot.Config) (*bot.Engine, error) {
	cfg.NewMatcher, cfg.DefaultRegion, cfg.Calendars = newMatcher, c.Region, holidays.Lookup
	e := bot.New(cfg)
	lift := limitBuildMemory()
	defer lift()
	if err := e.SetPack(c.Pack); err != nil {
		return nil, fmt.Errorf("content from %s: %w", c.Origin, err)
	}
	return e, nil
}

// newLogger logs to w at the level in COMPASS_LOG_LEVEL (debug, info, warn,
// error), else at def.
func newLogger(env *Env, w io.Writer, def slog.Level) *slog.Logger {
	level := def
	if v := settingFor("COMPASS_LOG_LEVEL").inEnv(env); v != "" {
		if err := level.UnmarshalText([]byte(strings.ToLower(v))); err != nil {
			fmt.Fprintf(w, "compass: COMPASS_LOG_LEVEL=%q is not a level (debug, info, warn, error); using %s\n", v, def)
			level = def
		}
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// parseFlags parses args; it prints the error or help itself and returns
// the exit status to use when ok is false.
func parseFlags(fs *flag.FlagSet, env *Env, args []string) (code int, ok bool) {
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "compass %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

// sessions returns where people's sessions are kept: the database when the
// content comes from one, else memory.
func (c *contentSource) sessions() content.SessionStore {
	if c.DB != nil {
		return c.DB.Sessions()
	}
	return bot.NewMemorySessions()
}

// keepFresh reloads the content whenever the database reports a change and
// swaps it into the engine. Content that fails to load or to index is
// logged and the previous version keeps serving. It returns when ctx ends;
// without a database it returns at once. Run it in its own goroutine.
func (c *contentSource) keepFresh(ctx context.Context, e *bot.Engine, log *slog.Logger, loaded func(version int64, err error)) {
	if c.DB == nil {
		return
	}
	w := c.DB.Watch(ctx)
	for range w.Changes() {
		p, err := w.Load(ctx)
		if err == nil {
			err = e.SetPack(p)
		}
		if ctx.Err() == nil {
			loaded(c.version(), err)
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Error("content reload failed; still serving the previous content", "err", err)
		}
	}
}

// version is the content version in use: the database's, 0 for a pack
// from files.
func (c *contentSource) version() int64 {
	if c.DB == nil {
		return 0
	}
	return c.DB.ContentVersion()
}
