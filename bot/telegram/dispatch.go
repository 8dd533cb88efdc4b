package telegram

import (
	"sync"

	"github.com/compassbot/compass/bot/relay"
)

// job is one update waiting to be handled; done is called once, after it
// was handled (finished) or given up on (not finished).
type job struct {
	in   inbound
	done func(finished bool)
}

// dispatcher runs jobs in the shared per-person ordered pool (relay).
type dispatcher = relay.Dispatcher[string, job]

// newDispatcher keys jobs by the person, so that the engine never handles
// two updates of one person at once and answers them in order.
func newDispatcher(workers, maxQueued, maxPerChat int, run func(job) bool, shed func(job), notice func(job) (job, bool)) *dispatcher {
	return relay.NewDispatcher(relay.DispatcherConfig[string, job]{
		Workers: workers, MaxQueued: maxQueued, MaxPerKey: maxPerChat,
		Key: func(j job) string { return j.in.key() }, Run: run, Shed: shed, Notice: notice,
		Done: func(j job, finished bool) { j.done(finished) },
	})
}

// offsets tracks which fetched updates are finished, so the getUpdates
// offset confirms only updates below the lowest unfinished one.
type offsets struct {
	mu      sync.Mutex
	pending []int        // update ids in the order fetched (increasing)
	done    map[int]bool // finished ids still in pending
	maxSeen int
}

func newOffsets() *offsets { return &offsets{done: map[int]bool{}} }

// add records a fetched update; it returns false for one already seen.
func (o *offsets) add(id int) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if id <= o.maxSeen {
		return false
	}
	o.maxSeen = id
	o.pending = append(o.pending, id)
	return true
}

// finish marks an update handled; the offset moves past it once every
// earlier update is finished too.
func (o *offsets) finish(id int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[id] = true
	for len(o.pending) > 0 && o.done[o.pending[0]] {
		delete(o.done, o.pending[0])
		o.pending = o.pending[1:]
	}
}

// next is the offset for getUpdates: the lowest unfinished update, or one
// past the last seen; 0 before anything was seen.
func (o *offsets) next() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	if len(o.pending) > 0 {
		return o.pending[0]
	}
	if o.maxSeen == 0 {
		return 0
	}
	return o.maxSeen + 1
}

// unfinished is the number of fetched updates not yet confirmable.
func (o *offsets) unfinished() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.pending)
}
