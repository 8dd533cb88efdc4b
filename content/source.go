package content

import (
	"context"
	"errors"
)

// Source supplies content snapshots: the bundled pack, a pack directory and
// PostgreSQL implement it.
type Source interface {
	// Load returns the current content. It fails rather than return a pack
	// that does not validate.
	Load(ctx context.Context) (*Pack, error)
}

// Watcher is a Source that tells when its content may have changed. The
// channel is closed when the watcher stops.
type Watcher interface {
	Source
	Changes() <-chan struct{}
}

// Session is everything compass keeps about a person: which chat they use,
// the language they chose, the language they last wrote in (a language tag,
// detected from their question), their region, the topic they browse and
// what a shared location should look for.
// Nothing else: no names, no message text.
type Session struct {
	Channel string // "telegram", "discord", "cli", ...
	UserID  string // the platform's id of the person or chat
	Lang    string // chosen language; "" until they choose
	Written string // language the person last wrote a question in (detected); "" if none
	Region  string // chosen region; "" until they choose
	Topic   string // topic browsed last, for location searches; "" if none
	// Focus is what a location shared next should look for, as the engine
	// wrote it: the answer or the service request (a kind, a language)
	// shown last. Never message text. "" if none.
	Focus string
}

// ErrNotFound is returned by lookups that find nothing.
var ErrNotFound = errors.New("not found")

// SessionStore keeps sessions. Get returns ErrNotFound for an unknown user.
// Delete removes everything stored about the user (/forget).
type SessionStore interface {
	Get(ctx context.Context, channel, userID string) (Session, error)
	Put(ctx context.Context, s Session) error
	Delete(ctx context.Context, channel, userID string) error
}
