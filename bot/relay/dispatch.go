package relay

import (
	"context"
	"sync"
)

// DispatcherConfig is what a Dispatcher runs. Key and Run are required.
type DispatcherConfig[K comparable, J any] struct {
	Workers   int // items run at once; default 16
	MaxQueued int // items waiting or running before Submit refuses; default 512
	MaxPerKey int // items of one key waiting or running; more are shed; default 8

	Key func(J) K // the person (or chat) an item belongs to
	// Run does the work and reports whether the item is finished: false
	// when shutdown cut it off and it should be taken again later.
	Run func(J) bool
	// Done is called once per item, after it ran or was shed (finished
	// true). Optional.
	Done func(j J, finished bool)
	// Shed is called, on its own goroutine, for an item dropped because
	// its key has MaxPerKey items already. Optional.
	Shed func(J)
	// Notice is called, under the dispatcher's lock, for every shed item;
	// it may return one more item (a notice to the person) that is queued
	// behind the key's items although the key is full. Optional.
	Notice func(J) (J, bool)
}

// Dispatcher runs items on a bounded number of workers. Items of one key
// run one after another in the order they were submitted; items of
// different keys run concurrently. A key flooding the dispatcher beyond
// MaxPerKey has its extra items shed (finished unanswered), so that it
// cannot hold everybody else back for long.
type Dispatcher[K comparable, J any] struct {
	cfg     DispatcherConfig[K, J]
	workers chan struct{}

	mu      sync.Mutex
	keys    map[K][]J // items per key; the head is running or next
	queued  int
	closed  bool
	wg      sync.WaitGroup
	changed chan struct{} // signalled (without blocking) when an item ends
}

// NewDispatcher returns a dispatcher ready to take items.
func NewDispatcher[K comparable, J any](cfg DispatcherConfig[K, J]) *Dispatcher[K, J] {
	if cfg.Workers <= 0 {
		cfg.Workers = 16
	}
	if cfg.MaxQueued <= 0 {
		cfg.MaxQueued = 512
	}
	if cfg.MaxPerKey <= 0 {
		cfg.MaxPerKey = 8
	}
	if cfg.Done == nil {
		cfg.Done = func(J, bool) {}
	}
	if cfg.Shed == nil {
		cfg.Shed = func(J) {}
	}
	return &Dispatcher[K, J]{
		cfg:     cfg,
		workers: make(chan struct{}, cfg.Workers),
		keys:    map[K][]J{},
		changed: make(chan struct{}, 1),
	}
}

// Submit queues j behind the other items of its key. It returns false when
// the dispatcher is closed, or full and !force; the caller keeps the item.
// A poller forces (it checks for room before fetching a batch); a webhook
// does not (the platform delivers a refused update again).
func (d *Dispatcher[K, J]) Submit(j J, force bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || (!force && d.queued >= d.cfg.MaxQueued) {
		return false
	}
	key := d.cfg.Key(j)
	q, busy := d.keys[key]
	if len(q) >= d.cfg.MaxPerKey {
		if d.cfg.Notice != nil {
			if n, ok := d.cfg.Notice(j); ok {
				// q is not empty, so its drain is running and will run n.
				d.queued++
				d.keys[key] = append(q, n)
			}
		}
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.cfg.Shed(j)
			d.cfg.Done(j, true)
		}()
		return true
	}
	d.queued++
	d.keys[key] = append(q, j)
	if !busy {
		d.wg.Add(1)
		go d.drain(key)
	}
	return true
}

// drain runs the items of one key until its queue is empty.
func (d *Dispatcher[K, J]) drain(key K) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.keys[key]
		if len(q) == 0 {
			delete(d.keys, key)
			d.mu.Unlock()
			return
		}
		j := q[0]
		d.mu.Unlock()

		d.workers <- struct{}{}
		finished := d.cfg.Run(j)
		<-d.workers

		d.mu.Lock()
		d.keys[key] = d.keys[key][1:]
		d.queued--
		d.mu.Unlock()
		d.cfg.Done(j, finished)
		select {
		case d.changed <- struct{}{}:
		default:
		}
	}
}

// Len is the number of items waiting or running.
func (d *Dispatcher[K, J]) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queued
}

// Changed receives a signal (coalesced) after an item ends.
func (d *Dispatcher[K, J]) Changed() <-chan struct{} { return d.changed }

// Close refuses new items and waits until every queued item has run.
func (d *Dispatcher[K, J]) Close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.wg.Wait()
}

// Drain is Close within ctx: it refuses new items and waits until every
// queued item has run; if ctx ends first it calls cancel, which must make
// the items still running give up, waits for them and returns ctx's
// error.
func (d *Dispatcher[K, J]) Drain(ctx context.Context, cancel func()) error {
	done := make(chan struct{})
	go func() { d.Close(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		cancel()
		<-done
		return ctx.Err()
	}
}

// workerKey marks a context as belonging to a Run that holds a worker.
type workerKey struct{}

// Lend marks ctx as the context of a Run of d, which holds one of d's
// workers: code running under it may give the worker up while it only
// waits (Idle).
func (d *Dispatcher[K, J]) Lend(ctx context.Context) context.Context {
	return context.WithValue(ctx, workerKey{}, d.workers)
}

// Idle runs wait, which only waits (for a platform's rate limit), without
// holding a worker when ctx comes from Lend: other people's items run
// meanwhile, so that a burst of replies waiting for the platform does not
// keep the next message (an emergency) from being handled at all. The
// worker is taken back, in turn, before Idle returns. Without Lend's mark
// it just runs wait. Call it from the goroutine of the Run only, and never
// while another Idle of the same Run is in progress.
func Idle(ctx context.Context, wait func() error) error {
	w, ok := ctx.Value(workerKey{}).(chan struct{})
	if !ok {
		return wait()
	}
	<-w
	defer func() { w <- struct{}{} }()
	return wait()
}
