package telegram

import "sync"

// job is one update waiting to be handled; done is called once, after it
// was handled (finished) or given up on (not finished).
type job struct {
	in   inbound
	done func(finished bool)
}

// dispatcher runs jobs on a bounded number of workers. Jobs of one chat run
// one after another in the order they were submitted; jobs of different
// chats run concurrently. At most maxQueued jobs wait or run at a time, and
// at most maxPerChat of one chat: a chat flooding the bot beyond that has
// its extra jobs shed (finished unanswered), so that it cannot hold back
// the getUpdates offset, and with it everybody else, for long. For a shed
// job, notice may return one more job (telling the person), which is
// queued behind the chat's jobs even though the chat is full.
type dispatcher struct {
	run        func(job) bool
	shed       func(job)
	notice     func(job) (job, bool)
	workers    chan struct{}
	maxQueued  int
	maxPerChat int

	mu      sync.Mutex
	chats   map[int64][]job // jobs per chat; the head is running or next
	queued  int
	closed  bool
	wg      sync.WaitGroup
	changed chan struct{} // signalled (without blocking) when a job ends
}

func newDispatcher(workers, maxQueued, maxPerChat int, run func(job) bool, shed func(job), notice func(job) (job, bool)) *dispatcher {
	return &dispatcher{
		run:        run,
		shed:       shed,
		notice:     notice,
		workers:    make(chan struct{}, max(workers, 1)),
		maxQueued:  max(maxQueued, 1),
		maxPerChat: max(maxPerChat, 1),
		chats:      map[int64][]job{},
		changed:    make(chan struct{}, 1),
	}
}

// submit queues j behind the other jobs of its chat. It returns false when
// the dispatcher is closed, or full and !force; the caller keeps the job.
// The poller forces (it checks for room before fetching a batch); the
// webhook does not (Telegram delivers a refused update again).
func (d *dispatcher) submit(j job, force bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || (!force && d.queued >= d.maxQueued) {
		return false
	}
	key := j.in.chatID
	q, busy := d.chats[key]
	if len(q) >= d.maxPerChat {
		if d.notice != nil {
			if n, ok := d.notice(j); ok {
				// q is not empty, so its drain is running and will run n.
				d.queued++
				d.chats[key] = append(q, n)
			}
		}
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			d.shed(j)
			j.done(true)
		}()
		return true
	}
	d.queued++
	d.chats[key] = append(q, j)
	if !busy {
		d.wg.Add(1)
		go d.drain(key)
	}
	return true
}

// drain runs the jobs of one chat until its queue is empty.
func (d *dispatcher) drain(key int64) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.chats[key]
		if len(q) == 0 {
			delete(d.chats, key)
			d.mu.Unlock()
			return
		}
		j := q[0]
		d.mu.Unlock()

		d.workers <- struct{}{}
		finished := d.run(j)
		<-d.workers

		d.mu.Lock()
		d.chats[key] = d.chats[key][1:]
		d.queued--
		d.mu.Unlock()
		j.done(finished)
		select {
		case d.changed <- struct{}{}:
		default:
		}
	}
}

// len is the number of jobs waiting or running.
func (d *dispatcher) len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.queued
}

// close refuses new jobs and waits until every queued job has run.
func (d *dispatcher) close() {
	d.mu.Lock()
	d.closed = true
	d.mu.Unlock()
	d.wg.Wait()
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
