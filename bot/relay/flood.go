package relay

import (
	"sync"
	"time"
)

// FloodQuiet ends a flood episode: after this long without a shed item,
// the next shed item starts a new episode and earns a notice. So a person
// gets at most one flood notice per FloodQuiet, and one who keeps flooding
// gets only the first.
const FloodQuiet = time.Minute

// FloodNotices decides which shed items earn their key a notice: the first
// of each flood episode. It remembers when each key last had an item shed
// and forgets keys quiet for longer than an episode, so that it does not
// grow with every person who ever flooded. It is safe for concurrent use.
type FloodNotices[K comparable] struct {
	quiet time.Duration

	mu    sync.Mutex
	last  map[K]time.Time // key → when its last item was shed
	calls int
}

// NewFloodNotices returns an empty record; quiet is usually FloodQuiet.
func NewFloodNotices[K comparable](quiet time.Duration) *FloodNotices[K] {
	return &FloodNotices[K]{quiet: quiet, last: map[K]time.Time{}}
}

// Due records that an item of key was shed at now and reports whether this
// starts a flood episode (no item of the key shed in the quiet period
// before).
func (f *FloodNotices[K]) Due(key K, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.calls%256 == 0 {
		for k, t := range f.last {
			if now.Sub(t) >= f.quiet {
				delete(f.last, k)
			}
		}
	}
	prev, seen := f.last[key]
	f.last[key] = now
	return !seen || now.Sub(prev) >= f.quiet
}

// Len is the number of keys remembered.
func (f *FloodNotices[K]) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.last)
}
