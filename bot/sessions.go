package bot

import (
	"context"
	"sync"

	"github.com/compassbot/compass/content"
)

// memorySessions is a content.SessionStore that forgets everything when the
// process ends: for the terminal, tests and single-instance bots.
type memorySessions struct {
	mu       sync.Mutex
	sessions map[sessionKey]content.Session
}

type sessionKey struct{ channel, userID string }

// NewMemorySessions returns an empty in-memory session store, safe for
// concurrent use.
func NewMemorySessions() content.SessionStore {
	return &memorySessions{sessions: map[sessionKey]content.Session{}}
}

func (m *memorySessions) Get(_ context.Context, channel, userID string) (content.Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[sessionKey{channel, userID}]
	if !ok {
		return content.Session{}, content.ErrNotFound
	}
	return s, nil
}

func (m *memorySessions) Put(_ context.Context, s content.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sessions[sessionKey{s.Channel, s.UserID}] = s
	return nil
}

func (m *memorySessions) Delete(_ context.Context, channel, userID string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sessions, sessionKey{channel, userID})
	return nil
}
