package bot

import (
	"context"
	"strings"

	"github.com/compassbot/compass/content"
)

// Message is one thing a person did in a chat: typed text, pressed a
// button, or shared a location.
type Message struct {
	Channel  string       // "telegram", "discord", "cli", ...
	UserID   string       // the person (sessions are kept per channel and user)
	ChatID   string       // the conversation the reply goes to
	Group    bool         // the chat is a group, not a private chat
	Text     string       // typed text, commands included ("/start graz")
	LangHint string       // platform language hint: Telegram language_code, Discord locale
	Location *content.Geo // a shared location, or nil
	Payload  string       // data of a pressed button (see payload.go), or ""

	// Lang and Region answer this one message in that language and for
	// that region, as a command's options ask (Discord's /ask language:
	// region:), without changing the person's choices. "" (or a value the
	// pack does not have) means the usual.
	Lang   string
	Region string
	// Compare shows an answer a second time, in this language, right
	// after it, to read side by side (Discord's /compare); CompareLocal
	// means the region's local language.
	Compare string
}

// CompareLocal, as Message.Compare, compares with the language spoken at
// offices in the region.
const CompareLocal = "local"

// Address is where replies to the message go: its channel and chat.
func (m Message) Address() Address { return Address{Channel: m.Channel, ChatID: m.ChatID} }

// Reply is one message the bot sends back. Text is plain text (paragraphs
// separated by blank lines); each adapter escapes and formats it for its
// platform and splits it at the platform's length limit.
type Reply struct {
	Title   string     // optional heading, shown bold where the platform can
	Text    string     // plain text body
	Links   []Link     // e.g. the official source
	Buttons [][]Button // rows of buttons, in reading order (adapters mirror for RTL if they must)
	Lang    string     // language of the text
	RTL     bool       // the text is right to left
	Venue   *Venue     // a place to send as a map pin, or nil
	// ShareLocation is the label of a button that shares the person's
	// location (Telegram's request_location keyboard), set only for
	// channels that can share one; adapters without such a button ignore
	// it (the text already says how). "" offers none.
	ShareLocation string
	// Urgent marks emergency numbers: adapters send it before every
	// ordinary message waiting for the platform's rate limit.
	Urgent bool
	// Again is a payload that shows this reply again (an answer, an answer
	// in the local language, a list of services), for a channel that
	// offers to repost it, e.g. to everyone in a Discord channel; "" if none.
	Again string
}

// Button is a quick reply. Payload is opaque to adapters and fits in 64 bytes.
type Button struct {
	Label   string
	Payload string
}

// Link is a labelled URL.
type Link struct {
	Label string
	URL   string
}

// Venue is a place with a name and coordinates.
type Venue struct {
	Title   string
	Address string
	Lat     float64
	Lon     float64
}

// Handler answers messages. The Engine implements it; adapters depend on it.
type Handler interface {
	Handle(ctx context.Context, m Message) ([]Reply, error)
}

// PlainText is the reply as a person reads it on a plain-text channel: the
// title, the text and the links, separated by blank lines. Buttons and the
// venue are not included.
func (r Reply) PlainText() string {
	parts := make([]string, 0, 3)
	if r.Title != "" {
		parts = append(parts, r.Title)
	}
	if r.Text != "" {
		parts = append(parts, r.Text)
	}
	var links []string
	for _, l := range r.Links {
		links = append(links, l.URL)
	}
	if len(links) > 0 {
		parts = append(parts, strings.Join(links, "\n"))
	}
	return strings.Join(parts, "\n\n")
}
