package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
	"github.com/compassbot/compass/content"
)

// Channel is the value of bot.Message.Channel for Discord.
const Channel = "discord"

// DefaultAPIURL is Discord's REST API base URL as its documentation
// names it; the adapter adds the version (/v9).
const DefaultAPIURL = "https://discord.com/api"

// Engine is what the adapter needs from the conversation engine: answers,
// the content in use (for autocomplete and the options' values) and the
// volunteer inbox (nil where the deployment has none).
type Engine interface {
	bot.Handler
	Pack() *content.Pack
	Inbox() *bot.Inbox
}

// Config configures an Adapter. Token and Engine are required.
type Config struct {
	Token     string // bot token (DISCORD_TOKEN), without "Bot "
	AppID     string // application id (DISCORD_APP_ID); "" means the bot user's id, which is the same for applications made in the developer portal
	PublicKey string // hex Ed25519 key (DISCORD_PUBLIC_KEY): take interactions over HTTP instead of the gateway
	GuildID   string // register the commands in this guild (DISCORD_GUILD_ID; at once); "" registers them globally
	Inbox     string // channel id the inbox is kept in (DISCORD_INBOX_CHANNEL); "" keeps none here
	APIURL    string // REST API base (DISCORD_API_URL); default DefaultAPIURL
	Engine    Engine
	Logger    *slog.Logger

	Workers   int           // interactions handled at once; default 16
	MaxQueued int           // interactions waiting or running before new ones are turned away politely; default 512
	MaxPerKey int           // interactions of one person waiting or running; more are shed with a notice; default 4
	AckAfter  time.Duration // defer an interaction not answered by then (Discord allows 3 s); default 2 s
	Timeout   time.Duration // budget for answering one interaction, follow-ups included; default 2 min
	MaxSkew   time.Duration // HTTP: refuse signatures whose timestamp is further from now; default 5 min
	// Interactions, if set, is the log of interaction ids that replicas
	// sharing a database keep (store.DB.Updates): a signed request
	// captured and posted again to another replica is refused there too,
	// not only by the replica that took it.
	Interactions content.UpdateLog
	// KeepWhile, when set, runs the inbox channel's keeper (Run gives it
	// KeepInbox): serve runs it only while this replica holds the inbox's
	// lock, so that replicas that all name the inbox channel (to take its
	// volunteers' interactions) post each ticket once. nil keeps the inbox
	// for as long as Run runs.
	KeepWhile func(ctx context.Context, keep func(context.Context) error) error
	// InboxSweep is how often the inbox channel is checked for tickets whose
	// text the bot no longer keeps (deleted, or past the retention); default 1 h.
	InboxSweep time.Duration
	Policy     relay.Policy // retries after 429 and 5xx
	Now        func() time.Time

	HTTPClient *http.Client // transport for REST calls; default: pooled, 20 s timeout
}

// Adapter connects one Discord application to the engine: slash commands,
// buttons and modals in, answers out, over the gateway or an HTTP
// interactions endpoint.
type Adapter struct {
	cfg       Config
	s         *discordgo.Session
	publicKey ed25519.PublicKey
	botID     string // the bot user's id
	log       *slog.Logger
	stats     relay.Counters
	dispatch  *relay.Dispatcher[string, *job]

	channelInInbox sync.Map // channel id → whether it is a thread of the inbox channel (inInbox)
	seen           seenIDs  // interactions the HTTP endpoint took, against replays

	hardCtx    context.Context // answers in flight; canceled when draining times out
	hardCancel context.CancelFunc
}

// New checks the token (GET /users/@me) and that the inbox channel (when
// there is one) is a text channel the bot sees, and returns an adapter
// ready to Run over the gateway, or to serve InteractionsHandler when
// PublicKey is set. It does not register the commands; Start and Run do.
func New(ctx context.Context, cfg Config) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: no bot token (set DISCORD_TOKEN)")
	}
	if cfg.Engine == nil {
		return nil, errors.New("discord: no engine")
	}
	cfg = withDefaults(cfg)
	a := &Adapter{cfg: cfg, log: cfg.Logger}
	if cfg.PublicKey != "" {
		key, err := ParsePublicKey(cfg.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("discord: %w", err)
		}
		a.publicKey = key
	}
	s, err := newSession(cfg)
	if err != nil {
		return nil, err
	}
	a.s = s
	me, err := s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("discord: checking the token at %s: %w", cfg.APIURL, relay.Scrub(err, cfg.Token))
	}
	a.botID = me.ID
	if a.cfg.AppID == "" {
		a.cfg.AppID = me.ID
	}
	if cfg.Inbox != "" {
		ch, err := s.Channel(cfg.Inbox, discordgo.WithContext(ctx))
		if err != nil {
			return nil, fmt.Errorf("discord: DISCORD_INBOX_CHANNEL %s: the bot cannot see it (is the id right? does the bot have View Channel there? see docs/discord.md): %w", cfg.Inbox, relay.Scrub(err, cfg.Token))
		}
		if ch.Type != discordgo.ChannelTypeGuildText && ch.Type != discordgo.ChannelTypeGuildNews {
			return nil, fmt.Errorf("discord: DISCORD_INBOX_CHANNEL %s (%q) is not a text channel", cfg.Inbox, ch.Name)
		}
	}
	a.hardCtx, a.hardCancel = context.WithCancel(context.Background())
	a.dispatch = relay.NewDispatcher(relay.DispatcherConfig[string, *job]{
		Workers: cfg.Workers, MaxQueued: cfg.MaxQueued, MaxPerKey: cfg.MaxPerKey,
		Key:  func(j *job) string { return j.person },
		Run:  a.run,
		Shed: a.shed,
	})
	return a, nil
}

// ParsePublicKey reads the application's public key (Config.PublicKey):
// 64 hex digits.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	key, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("DISCORD_PUBLIC_KEY must be the 64 hex digits of the application's public key (developer portal, General Information)")
	}
	return key, nil
}

func withDefaults(c Config) Config {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.MaxQueued <= 0 {
		c.MaxQueued = 512
	}
	if c.MaxPerKey <= 0 {
		c.MaxPerKey = 4
	}
	if c.AckAfter <= 0 {
		c.AckAfter = 2 * time.Second
	}
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	if c.MaxSkew <= 0 {
		c.MaxSkew = 5 * time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.InboxSweep <= 0 {
		c.InboxSweep = time.Hour
	}
	return c
}

// Capabilities are what Discord can show, for bot.Engine.Connect: no
// shared locations, 5 buttons a row; the engine gets 4 of the 5 rows, the
// last is the adapter's ("Post to the channel").
var Capabilities = bot.Capabilities{
	Location:         false,
	MaxButtonsPerRow: maxButtonsInRow,
	MaxButtonRows:    maxRows - 1,
	MaxTextLen:       MaxMessageLen,
	MaxPayloadBytes:  bot.MaxPayloadBytes,
	Formatting:       bot.FormatMarkdown,
}

// newSession makes the discordgo session: REST calls go to cfg.APIURL
// through apiTransport (no package-level endpoint is changed), 429s come
// back to the adapter (which waits retry_after within its policy instead
// of discordgo's unbounded retries), no state cache, no intents: the
// adapter needs interactions only, which Discord sends to every bot.
func newSession(cfg Config) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, err
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second, Transport: relay.NewTransport(cfg.Workers)}
	}
	base := client.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	rewired := *client
	rewired.Transport = apiTransport{base: base, api: cfg.APIURL + "/v" + discordgo.APIVersion + "/"}
	s.Client = &rewired
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 1
	s.StateEnabled = false
	s.Identify.Intents = discordgo.IntentsNone
	s.LogLevel = discordgo.LogWarning
	setLogger(cfg.Logger)
	return s, nil
}

// apiTransport sends the requests discordgo makes to its built-in base,
// https://discord.com/api/v9/, to api instead. discordgo keeps its
// endpoints in package-level variables; rewriting per session here,
// rather than reassigning those variables, keeps several adapters (and
// tests with their own fake servers) in one process independent. The
// gateway's address needs nothing: discordgo asks GET /gateway for it,
// and that goes to api too.
type apiTransport struct {
	base http.RoundTripper
	api  string
}

func (t apiTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	u := r.URL.String()
	if !strings.HasPrefix(u, discordgo.EndpointAPI) || t.api == discordgo.EndpointAPI {
		return t.base.RoundTrip(r)
	}
	nr := r.Clone(r.Context())
	target, err := nr.URL.Parse(t.api + strings.TrimPrefix(u, discordgo.EndpointAPI))
	if err != nil {
		return nil, err
	}
	nr.URL, nr.Host = target, target.Host
	return t.base.RoundTrip(nr)
}

var loggerOnce sync.Once

// setLogger sends discordgo's own log lines (gateway reconnects and the
// like, warnings and errors only) to the first adapter's logger.
// discordgo has one package-level logger; it is set once per process.
func setLogger(l *slog.Logger) {
	loggerOnce.Do(func() {
		discordgo.Logger = func(level, _ int, format string, a ...any) {
			lvl := slog.LevelWarn
			if level == discordgo.LogError {
				lvl = slog.LevelError
			}
			l.Log(context.Background(), lvl, "discordgo: "+fmt.Sprintf(format, a...))
		}
	})
}

// Stats returns the adapter's counters.
func (a *Adapter) Stats() relay.Stats { return a.stats.Snapshot() }

// AppID is the application id the commands are registered for.
func (a *Adapter) AppID() string { return a.cfg.AppID }

// HTTPMode reports whether interactions come over HTTP (PublicKey set).
func (a *Adapter) HTTPMode() bool { return a.publicKey != nil }
