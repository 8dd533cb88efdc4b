package discord

import (
	"errors"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/compassbot/compass/bot"
)

// Button custom ids are short, versioned strings of at most 100
// characters (Discord's limit):
//
//	c1:e:<lang>:<region>:<payload>   an engine button (bot.Button.Payload)
//	c1:p:<lang>:<region>:<payload>   post this answer to the channel (bot.Reply.Again)
//	c1:t:<action>:<number>           a ticket's claim / reply / close button
//	c1:m:<number>                    the reply modal of a ticket
//
// <lang> and <region> are the one-message language and region the
// answer was asked with (/ask language: region:), or empty: a button
// answers in the same language and for the same region as the message it
// is on. <region> is a hash of the region id (regionKey), looked up in
// the content in use. Decoding is strict; anything else is forged, and a
// press on it gets a polite notice, never an error.
const customIDVersion = "c1"

// maxCustomID is Discord's limit for custom_id.
const maxCustomID = 100

// Kinds of custom ids.
const (
	idEngine = "e"
	idPost   = "p"
	idTicket = "t"
	idModal  = "m"
)

// Ticket button actions.
const (
	actClaim = "claim"
	actReply = "reply"
	actClose = "close"
)

// customID is a decoded custom id.
type customID struct {
	kind    string
	lang    string // e, p: one-message language, or ""
	region  string // e, p: region key, or ""
	payload string // e, p: the engine's payload
	action  string // t
	ticket  int64  // t, m
}

var errForged = errors.New("malformed custom id")

func (c customID) encode() string {
	parts := []string{customIDVersion, c.kind}
	switch c.kind {
	case idEngine, idPost:
		parts = append(parts, c.lang, c.region, c.payload)
	case idTicket:
		parts = append(parts, c.action, strconv.FormatInt(c.ticket, 10))
	case idModal:
		parts = append(parts, strconv.FormatInt(c.ticket, 10))
	}
	return strings.Join(parts, ":")
}

// decodeCustomID parses a custom id strictly.
func decodeCustomID(s string) (customID, error) {
	if len(s) > maxCustomID || !strings.HasPrefix(s, customIDVersion+":") {
		return customID{}, errForged
	}
	kind, rest, _ := strings.Cut(s[len(customIDVersion)+1:], ":")
	c := customID{kind: kind}
	switch kind {
	case idEngine, idPost:
		parts := strings.SplitN(rest, ":", 3)
		if len(parts) != 3 {
			return customID{}, errForged
		}
		c.lang, c.region, c.payload = parts[0], parts[1], parts[2]
		if (c.lang != "" && !isLangTag(c.lang)) || (c.region != "" && !isRegionKey(c.region)) ||
			c.payload == "" || len(c.payload) > bot.MaxPayloadBytes {
			return customID{}, errForged
		}
	case idTicket:
		action, number, ok := strings.Cut(rest, ":")
		if !ok || (action != actClaim && action != actReply && action != actClose) {
			return customID{}, errForged
		}
		c.action = action
		if c.ticket = parseTicketNumber(number); c.ticket == 0 || strconv.FormatInt(c.ticket, 10) != number {
			return customID{}, errForged
		}
	case idModal:
		if c.ticket = parseTicketNumber(rest); c.ticket == 0 || strconv.FormatInt(c.ticket, 10) != rest {
			return customID{}, errForged
		}
	default:
		return customID{}, errForged
	}
	return c, nil
}

// parseTicketNumber reads a ticket number as people type it ("12", "#12",
// " 12 "); 0 when it is not one.
func parseTicketNumber(s string) int64 {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > 1e15 {
		return 0
	}
	return n
}

// isLangTag accepts the shape of a short language tag.
func isLangTag(s string) bool {
	if len(s) > 12 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

const regionKeyAlphabet = "0123456789abcdefghijklmnopqrstuv"

// regionKey is a 7-character hash of a region id (35 bits of FNV-1a), so
// that any region fits in a custom id.
func regionKey(id string) string {
	if id == "" {
		return ""
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	v := h.Sum64()
	b := make([]byte, 7)
	for i := range b {
		b[i] = regionKeyAlphabet[v&31]
		v >>= 5
	}
	return string(b)
}

func isRegionKey(s string) bool {
	if len(s) != 7 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(regionKeyAlphabet, rune(s[i])) {
			return false
		}
	}
	return true
}
