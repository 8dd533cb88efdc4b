package packfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// Names of the files and directories of a content pack.
const (
	packFile    = "pack.yaml"
	topicsFile  = "topics.yaml"
	intentsDir  = "intents"
	servicesDir = "services"
)

// LoadDir reads the content pack in the directory dir (LoadDirContext
// without a context).
func LoadDir(dir string) (*content.Pack, error) {
	return LoadDirContext(context.Background(), dir)
}

// LoadDirContext reads the content pack in the directory dir. Nothing
// outside dir is read, not even through a symbolic link; only regular
// files are opened; DefaultLimits apply. When ctx ends it stops and
// returns ctx's error.
func LoadDirContext(ctx context.Context, dir string) (*content.Pack, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content pack %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content pack %s: not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("content pack %s: %w", dir, err)
	}
	defer root.Close()
	return load(ctx, dirFS{root}, DefaultLimits)
}

// Load reads a content pack (see docs/content-pack.md) from fsys, whose
// root is the pack directory. It checks everything and returns either a
// valid pack or every error found, as PackErrors. Only regular files are
// read; when fsys can read links (fs.ReadLinkFS), links must be relative
// and stay inside the pack; DefaultLimits apply.
func Load(fsys fs.FS) (*content.Pack, error) {
	return LoadContext(context.Background(), fsys)
}

// LoadContext is Load that stops when ctx ends, returning ctx's error.
func LoadContext(ctx context.Context, fsys fs.FS) (*content.Pack, error) {
	return load(ctx, fsys, DefaultLimits)
}

func load(ctx context.Context, fsys fs.FS, limits Limits) (*content.Pack, error) {
	if fsys == nil {
		return nil, content.PackErrors{{File: packFile, Msg: "no pack file system (nil)"}}
	}
	l := &loader{ctx: ctx, fsys: fsys, limits: limits, errs: &errorList{perFile: limits.ErrorsInFile}, origins: map[any]*origin{},
		decoders: make(chan struct{}, runtime.GOMAXPROCS(0))}
	p := &content.Pack{}
	packOK := l.readPack(p)
	topicsOK := l.readTopics(p)
	l.readDir(intentsDir, func(o *origin, n *yaml.Node) {
		if in := l.intent(o, n); in != nil {
			p.Intents = append(p.Intents, in)
		}
	})
	l.readDir(servicesDir, func(o *origin, n *yaml.Node) {
		if s := l.service(o, n); s != nil {
			p.Services = append(p.Services, s)
		}
	})
	p.EmergencyPhrases = l.readEmergencyPhrases()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("content pack: reading stopped: %w", err)
	}
	if packOK && topicsOK && !l.full {
		// Without a readable pack.yaml or topics.yaml every reference
		// would look wrong: report the files' own errors only. The same
		// when the pack was not read to the end.
		l.defaultRegions(p)
		content.Validate(p, l.report)
	}
	if err := l.errs.err(); err != nil {
		return nil, err
	}
	return p, nil
}

type loader struct {
	ctx     context.Context
	fsys    fs.FS
	limits  Limits
	errs    *errorList
	origins map[any]*origin // object → where it was read
	phrases []string        // file of each of the pack's emergency phrase lists

	files   int   // YAML files read
	read    int64 // their bytes
	decoded int64 // their decoded size (see decodedSize)
	full    bool  // a limit of the whole pack was reached: read no more files

	decoders    chan struct{} // a token for each file being decoded (parsing)
	decodedFull bool          // the decoded size of the files taken up passed the pack's limit
}

// report places an error about an object's field at the field's line.
// The rules name a phrase list as the pack's field emergency_phrases[i]
// ("line N: …" in the message): that is the file it was read from.
func (l *loader) report(obj any, field, msg string) {
	if file, ok := l.phraseFile(field); ok {
		line := 0
		if n, rest, ok := strings.Cut(strings.TrimPrefix(msg, "line "), ": "); ok && strings.HasPrefix(msg, "line ") {
			if v, err := strconv.Atoi(n); err == nil {
				line, msg = v, rest
			}
		}
		l.errs.addf(content.PackError{File: file, Line: line}, "%s", msg)
		return
	}
	o := l.origins[obj]
	if o == nil { // cannot happen: every object read has an origin
		l.errs.addf(content.PackError{File: packFile, Field: field}, "%s", msg)
		return
	}
	o.failAt(field, "%s", msg)
}

// parse reads one YAML file into its document's root node. After ctx
// ended or a pack-wide limit was reached it reads nothing.
func (l *loader) parse(name string) (root *yaml.Node, ok bool) {
	p := l.start(name)
	l.decode(p)
	return l.finish(p)
}

// start reads one YAML file, for decode to decode on another goroutine
// (see parsing); finish, called in the order of start, reports what was
// found. Reading and the limits of the whole pack are checked here, in
// order, so that the files read are those a reading one by one would
// read. It returns nil after ctx ended or a pack-wide limit was reached.
func (l *loader) start(name string) *parsing {
	if l.full || l.ctx.Err() != nil {
		return nil
	}
	p := &parsing{name: name, done: make(chan struct{})}
	fail := func(line int, format string, args ...any) *parsing {
		p.fail(line, format, args...)
		close(p.done)
		return p
	}
	if l.files++; l.files > l.limits.Files {
		l.full = true
		return fail(0, "the pack has more than %d YAML files (the limit for a pack); files from here on are not read", l.limits.Files)
	}
	data, err := l.readFile(name)
	switch {
	case errors.Is(err, fs.ErrNotExist) && (name == packFile || name == topicsFile):
		return fail(0, "missing: every content pack needs this file")
	case errors.Is(err, fs.ErrNotExist):
		return fail(0, "is a symbolic link to a file that does not exist")
	}
	if err != nil {
		return fail(0, "%s", errOpen(err))
	}
	p.data = data
	return p
}

// decode starts decoding a file read by start on another goroutine, as
// soon as fewer files than CPUs are being decoded.
func (l *loader) decode(p *parsing) {
	if p == nil || p.data == nil {
		return // nothing read
	}
	data := p.data
	p.data = nil
	l.decoders <- struct{}{}
	go func() {
		defer func() { <-l.decoders }()
		p.decode(data, l.limits.DecodedFile)
	}()
}

// finish waits for p's decoding and reports its errors, unless a file
// before it reached a pack-wide limit (then a reading one by one would
// not have read it). The decoded size counts against the pack's limit.
func (l *loader) finish(p *parsing) (root *yaml.Node, ok bool) {
	if p == nil {
		return nil, false
	}
	<-p.done
	if l.decodedFull {
		return nil, false
	}
	for _, e := range p.errs {
		l.errs.addf(content.PackError{File: p.name, Line: e.line}, "%s", e.msg)
	}
	if p.root == nil {
		return nil, false
	}
	if l.decoded += p.size; l.decoded > l.limits.DecodedPack {
		l.full, l.decodedFull = true, true
		l.errs.addf(content.PackError{File: p.name}, "with aliases expanded the pack holds more than %s (the limit for a pack); files from here on are not read", mib(l.limits.DecodedPack))
		return nil, false
	}
	return p.root, true
}

func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
		i += size
	}
	return 0
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?`)

// decodeYAML parses exactly one YAML document. The YAML library is trusted
// not to panic, but a panic on hostile input is turned into an error anyway.
func decodeYAML(data []byte, fail func(int, string, ...any) (*yaml.Node, bool)) (root *yaml.Node, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			root, ok = fail(0, "cannot parse YAML: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return fail(0, "file is empty")
		}
		msg := err.Error()
		m := yamlLine.FindStringSubmatch(msg)
		line, _ := strconv.Atoi(m[1])
		return fail(line, "%s", msg[len(m[0]):])
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return fail(extra.Line, "only one YAML document per file (remove the second ---)")
	}
	if len(doc.Content) == 0 || isNull(deref(doc.Content[0])) {
		return fail(0, "file is empty")
	}
	return deref(doc.Content[0]), true
}

// readDir parses every .yaml/.yml file below dir, in lexical order; other
// files and names starting with a dot are skipped, and so are links to
// directories (which could loop), with an error.
func (l *loader) readDir(dir string, fn func(*origin, *yaml.Node)) {
	if _, err := checkLinks(l.fsys, dir); err != nil {
		l.errs.addf(content.PackError{File: dir}, "%v", err)
		return
	}
	q := &parseQueue{l: l, budget: l.limits.FileBytes, fn: func(name string, root *yaml.Node) {
		fn(newOrigin(name, "", root.Line, l.errs), root)
	}}
	err := fs.WalkDir(l.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if l.full || l.ctx.Err() != nil {
			return fs.SkipAll
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == dir {
				return fs.SkipDir
			}
			q.failed(name, "cannot read: %s", errOpen(err))
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && name != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		yamlFile := path.Ext(name) == ".yaml" || path.Ext(name) == ".yml"
		if d.Type()&fs.ModeSymlink != 0 && !yamlFile {
			// A YAML file's link is checked when it is read.
			if _, err := checkLinks(l.fsys, name); err != nil {
				q.failed(name, "%v", err)
			} else if info, err := fs.Stat(l.fsys, name); err == nil && info.IsDir() {
				q.failed(name, "is a symbolic link to a directory; links to directories are not followed (copy the directory, or link its files)")
			}
			return nil
		}
		if d.IsDir() || !yamlFile {
			return nil
		}
		q.push(l.start(name))
		return nil
	})
	q.drain()
	if err != nil && !errors.Is(err, fs.SkipDir) {
		l.errs.addf(content.PackError{File: dir}, "cannot read: %s", errOpen(err))
	}
}
