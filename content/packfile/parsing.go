package packfile

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// parsing is one pack file being decoded: the loader reads files in order
// and decodes them on as many goroutines as there are CPUs (YAML decoding
// is most of a large pack's loading time), then takes them up in the order
// read, so that errors and limits come out as in a reading one by one.
type parsing struct {
	name string
	data []byte // read, until decoding starts
	done chan struct{}
	// Set before done is closed:
	errs []fileError
	root *yaml.Node // nil after an error
	size int64      // decoded size (decodedSize)
}

// fileError is an error found in a file, not yet reported.
type fileError struct {
	line int
	msg  string
}

func (p *parsing) fail(line int, format string, args ...any) {
	p.errs = append(p.errs, fileError{line, fmt.Sprintf(format, args...)})
}

// decode checks and decodes the file's data; a file that decodes to more
// than limit bytes is an error. It closes p.done.
func (p *parsing) decode(data []byte, limit int64) {
	defer close(p.done)
	fail := func(line int, format string, args ...any) (*yaml.Node, bool) {
		p.fail(line, format, args...)
		return nil, false
	}
	if !utf8.Valid(data) {
		fail(invalidUTF8Line(data), "not valid UTF-8 text (save the file as UTF-8)")
		return
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		fail(1+bytes.Count(data[:i], []byte("\n")), "not a text file (it holds a NUL byte)")
		return
	}
	root, ok := decodeYAML(data, fail)
	if !ok {
		return
	}
	size := decodedSize(root, limit)
	if size > limit {
		fail(0, "with its aliases (*name) expanded this file holds more than %s (the limit for one file); write repeated values out or use fewer aliases", mib(limit))
		return
	}
	gatherValues(root)
	p.root, p.size = root, size
}

// parseQueue holds the files of a directory being decoded, in the order
// read. At most a few are decoded ahead, and no more than budget bytes of
// them (unless one file alone is larger), so that decoding ahead costs
// no more memory than decoding one file at the size limit.
type parseQueue struct {
	l        *loader
	budget   int64
	fn       func(name string, root *yaml.Node) // called for each file decoded, in order
	pending  []*parsing
	bytes    []int64 // read, of each pending file
	inFlight int64   // their sum
}

// push starts decoding a file read (nil: none) and queues it, first
// taking up the oldest while too many are pending.
func (q *parseQueue) push(p *parsing) {
	if p == nil {
		return
	}
	n := int64(len(p.data))
	for len(q.pending) > 0 && (len(q.pending) >= 4*cap(q.l.decoders) || q.inFlight+n > q.budget) {
		q.next()
	}
	q.l.decode(p)
	q.pending = append(q.pending, p)
	q.bytes = append(q.bytes, n)
	q.inFlight += n
}

// failed queues an error about a file that is not decoded, to be reported
// in its place in the order.
func (q *parseQueue) failed(name, format string, args ...any) {
	p := &parsing{name: name, done: make(chan struct{})}
	p.fail(0, format, args...)
	close(p.done)
	q.push(p)
}

// next takes up the oldest pending file.
func (q *parseQueue) next() {
	p := q.pending[0]
	q.pending[0] = nil
	q.pending = q.pending[1:]
	q.inFlight -= q.bytes[0]
	q.bytes = q.bytes[1:]
	if root, ok := q.l.finish(p); ok {
		q.fn(p.name, root)
	}
}

// drain takes up every pending file.
func (q *parseQueue) drain() {
	for len(q.pending) > 0 {
		q.next()
	}
}
