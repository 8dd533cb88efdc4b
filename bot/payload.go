package bot

import (
	"errors"
	"hash/fnv"
	"strconv"
	"strings"
)

// Button payloads are short, versioned strings that fit Telegram's 64-byte
// callback_data limit whatever the content ids look like:
//
//	1:<kind>[:<arg>[:<arg>]]
//
// A payload may end in "@<lang>": the language the conversation was in
// when the button was made, so that pressing it answers in that language
// even when the person never chose one (it was detected from their text).
//
// Ids of intents, topics, regions and services are not spelled out but
// replaced by an 8-character hash (see idHash) that the engine looks up in
// the pack it serves. Hashes are stable, so buttons keep working after a
// reload; a hash the current pack does not know marks the button as stale.
const payloadVersion = "1"

// MaxPayloadBytes is the longest payload Encode ever produces.
const MaxPayloadBytes = 64

// Payload kinds.
const (
	kindLanguage = 'l' // choose a language: arg = language tag
	kindRegion   = 'r' // choose a region: arg = region hash
	kindTopic    = 't' // list a topic's questions: arg = topic hash, arg = page
	kindIntent   = 'i' // show an answer: arg = intent hash
	kindLocal    = 'b' // show an answer in the region's local language: arg = intent hash
	kindServices = 's' // related services of an intent: arg = intent hash
	kindOthers   = 'n' // "not what I meant": arg = up to 3 intent hashes joined by "."
	kindHuman    = 'h' // talk to a person: no args
	kindHandoff  = 'x' // a step of a request for a person: arg = step (see handoff.go), arg = ticket number
	kindVenue    = 'v' // send a service as a venue: arg = service hash
	kindMenu     = 'm' // open a menu: arg = "topics" | "language" | "region"
	kindList     = 'q' // a page of services: args = kind, languages (+), topic hash, "o" (open now), page; "-" for none
)

const hashLen = 8

// maxStampedLang is the longest language tag a payload carries.
const maxStampedLang = 12

// payload is a decoded button payload.
type payload struct {
	kind byte
	args []string
	lang string // language of the conversation that made the button; may be ""
}

// errBadPayload is returned for any payload that is not well formed.
var errBadPayload = errors.New("malformed button payload")

// encode returns the wire form of p.
func (p payload) encode() string {
	var b strings.Builder
	b.WriteString(payloadVersion)
	b.WriteByte(':')
	b.WriteByte(p.kind)
	for _, a := range p.args {
		b.WriteByte(':')
		b.WriteString(a)
	}
	if p.lang != "" {
		b.WriteByte('@')
		b.WriteString(p.lang)
	}
	return b.String()
}

// argCount gives the number of arguments each kind takes.
var argCount = map[byte]int{
	kindLanguage: 1, kindRegion: 1, kindTopic: 2, kindIntent: 1, kindLocal: 1,
	kindServices: 1, kindOthers: 1, kindHuman: 0, kindVenue: 1, kindMenu: 1, kindList: 5, kindHandoff: 2,
}

// regionScoped are the kinds that may carry one more argument, a region
// hash: the button belongs to an answer for a region the question named
// (see mention.go), not the person's own, and answers for that region too.
var regionScoped = map[byte]bool{kindIntent: true, kindLocal: true, kindServices: true, kindOthers: true}

// decodePayload parses a payload strictly: the version, the kind, the number
// of arguments and the form of each argument must be exactly right.
func decodePayload(s string) (payload, error) {
	if len(s) > MaxPayloadBytes || !strings.HasPrefix(s, payloadVersion+":") {
		return payload{}, errBadPayload
	}
	s, lang, stamped := strings.Cut(s, "@")
	if stamped && (len(lang) > maxStampedLang || !isLanguageTag(lang)) {
		return payload{}, errBadPayload
	}
	parts := strings.Split(s[len(payloadVersion)+1:], ":")
	if len(parts[0]) != 1 {
		return payload{}, errBadPayload
	}
	p := payload{kind: parts[0][0], args: parts[1:], lang: lang}
	n, ok := argCount[p.kind]
	scoped := regionScoped[p.kind] && len(p.args) == n+1
	if !ok || (len(p.args) != n && !scoped) {
		return payload{}, errBadPayload
	}
	valid := !scoped || isHash(p.args[n])
	switch p.kind {
	case kindLanguage:
		valid = isLanguageTag(p.args[0])
	case kindTopic:
		valid = isHash(p.args[0]) && isPage(p.args[1])
	case kindRegion, kindIntent, kindLocal, kindServices, kindVenue:
		valid = valid && isHash(p.args[0])
	case kindOthers:
		hs := strings.Split(p.args[0], ".")
		valid = valid && len(hs) <= 3
		for _, h := range hs {
			valid = valid && (isHash(h) || (h == "" && len(hs) == 1))
		}
	case kindList:
		valid = validListArgs(p.args)
	case kindHandoff:
		valid = isHandoffStep(p.args[0]) && isTicketNumber(p.args[1])
	case kindMenu:
		switch p.args[0] {
		case "topics", "language", "region":
		default:
			valid = false
		}
	}
	if !valid {
		return payload{}, errBadPayload
	}
	return p, nil
}

// hashAlphabet encodes 5 bits per character.
const hashAlphabet = "0123456789abcdefghijklmnopqrstuv"

// idHash returns a short stable hash of an id (40 bits of FNV-1a).
func idHash(id string) string {
	h := fnv.New64a()
	h.Write([]byte(id))
	v := h.Sum64()
	var b [hashLen]byte
	for i := range b {
		b[i] = hashAlphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

func isHash(s string) bool {
	if len(s) != hashLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(hashAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// isTicketNumber accepts a positive decimal number without leading zeros
// that fits an int64.
func isTicketNumber(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0 && strconv.FormatInt(n, 10) == s
}

func isPage(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n < 1000 && strconv.Itoa(n) == s
}

// isLanguageTag accepts the shape of a BCP 47 tag: letters, digits and
// hyphens, at most 35 characters.
func isLanguageTag(s string) bool {
	if s == "" || len(s) > 35 || s[0] == '-' || s[len(s)-1] == '-' {
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

// stampLanguage appends "@lang" to every button payload of replies made
// outside a conversation (ticket notices) that has no language yet. Tags
// too long to fit are left out. Buttons of a conversation get theirs from
// conversation.encode.
func stampLanguage(replies []Reply, lang string) {
	if lang == "" || len(lang) > maxStampedLang || !isLanguageTag(lang) {
		return
	}
	for i := range replies {
		r := &replies[i]
		if r.Again != "" && !strings.Contains(r.Again, "@") {
			r.Again += "@" + lang
		}
		for _, row := range r.Buttons {
			for i := range row {
				if !strings.Contains(row[i].Payload, "@") {
					row[i].Payload += "@" + lang
				}
			}
		}
	}
}

// Constructors for the payloads the engine puts on buttons. They stay
// structured until the one place that encodes them: conversation.encode
// for the buttons of a conversation (it adds the region a question named
// and the language stamp), payload.encode for the rest.

func languagePayload(tag string) payload { return payload{kind: kindLanguage, args: []string{tag}} }
func regionPayload(id string) payload    { return hashPayload(kindRegion, id) }
func topicPayload(id string, page int) payload {
	return payload{kind: kindTopic, args: []string{idHash(id), strconv.Itoa(page)}}
}
func intentPayload(id string) payload   { return hashPayload(kindIntent, id) }
func localPayload(id string) payload    { return hashPayload(kindLocal, id) }
func servicesPayload(id string) payload { return hashPayload(kindServices, id) }
func venuePayload(id string) payload    { return hashPayload(kindVenue, id) }
func humanPayload() payload             { return payload{kind: kindHuman} }
func menuPayload(menu string) payload   { return payload{kind: kindMenu, args: []string{menu}} }
func handoffPayload(step string, number int64) payload {
	return payload{kind: kindHandoff, args: []string{step, strconv.FormatInt(number, 10)}}
}

func hashPayload(kind byte, id string) payload {
	return payload{kind: kind, args: []string{idHash(id)}}
}

func othersPayload(ids []string) payload {
	if len(ids) > 3 {
		ids = ids[:3]
	}
	hs := make([]string, len(ids))
	for i, id := range ids {
		hs[i] = idHash(id)
	}
	return payload{kind: kindOthers, args: []string{strings.Join(hs, ".")}}
}

// encode is the single place where a payload made in a conversation gets
// its wire form. A button that leads on from an answer for a region the
// question named (c.asked) carries that region, so that related services
// and other answers stay in it; and while the person has chosen no
// language (or has just been forgotten) every payload carries the language
// of this reply, so that pressing it answers in that language.
func (c *conversation) encode(p payload) string {
	if c.asked != "" && !c.stateless && regionScoped[p.kind] && len(p.args) == argCount[p.kind] {
		p.args = append(p.args, idHash(c.asked))
	}
	if !c.stateless && (c.sess.Lang == "" || c.forgotten) && len(c.lang) <= maxStampedLang && isLanguageTag(c.lang) {
		p.lang = c.lang
	}
	return p.encode()
}

// validListArgs checks the arguments of a services list: a kind or "-",
// one or two language tags joined by "+" or "-", a topic hash or "-", "o"
// or "-", a page.
func validListArgs(a []string) bool {
	kind := a[0] == "-" || (a[0] != "" && len(a[0]) <= 32 && strings.Trim(a[0], "abcdefghijklmnopqrstuvwxyz0123456789_") == "")
	langs := a[1] == "-"
	if parts := strings.Split(a[1], "+"); !langs && len(parts) <= 2 {
		langs = true
		for _, l := range parts {
			langs = langs && len(l) <= maxStampedLang && isLanguageTag(l)
		}
	}
	return kind && langs && (a[2] == "-" || isHash(a[2])) && (a[3] == "-" || a[3] == "o") && isPage(a[4])
}
