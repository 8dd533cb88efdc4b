package packfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
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

	maxFileSize = 4 << 20 // larger pack files are refused
)

// LoadDir reads the content pack in the directory dir.
func LoadDir(dir string) (*content.Pack, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content pack %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content pack %s: not a directory", dir)
	}
	return Load(os.DirFS(dir))
}

// Load reads a content pack (see docs/content-pack.md) from fsys, whose
// root is the pack directory. It checks everything and returns either a
// valid pack or every error found, as PackErrors.
func Load(fsys fs.FS) (*content.Pack, error) {
	if fsys == nil {
		return nil, content.PackErrors{{File: packFile, Msg: "no pack file system (nil)"}}
	}
	l := &loader{fsys: fsys, errs: &errorList{}, origins: map[any]*origin{}}
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
	if packOK && topicsOK {
		// Without a readable pack.yaml or topics.yaml every reference
		// would look wrong: report the files' own errors only.
		l.defaultRegions(p)
		content.Validate(p, l.report)
	}
	if err := l.errs.err(); err != nil {
		return nil, err
	}
	return p, nil
}

type loader struct {
	fsys    fs.FS
	errs    *errorList
	origins map[any]*origin // object → where it was read
}

// report places an error about an object's field at the field's line.
func (l *loader) report(obj any, field, msg string) {
	o := l.origins[obj]
	if o == nil { // cannot happen: every object read has an origin
		l.errs.addf(content.PackError{File: packFile, Field: field}, "%s", msg)
		return
	}
	o.failAt(field, "%s", msg)
}

// parse reads one YAML file into its document's root node.
func (l *loader) parse(name string) (root *yaml.Node, ok bool) {
	fail := func(line int, format string, args ...any) (*yaml.Node, bool) {
		l.errs.addf(content.PackError{File: name, Line: line}, format, args...)
		return nil, false
	}
	f, err := l.fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return fail(0, "missing: every content pack needs this file")
	}
	if err != nil {
		return fail(0, "cannot open: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return fail(0, "cannot read: %v", err)
	}
	if len(data) > maxFileSize {
		return fail(0, "file is larger than %d MiB", maxFileSize>>20)
	}
	if !utf8.Valid(data) {
		return fail(invalidUTF8Line(data), "not valid UTF-8 text (save the file as UTF-8)")
	}
	return decodeYAML(data, fail)
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
// files and names starting with a dot are skipped.
func (l *loader) readDir(dir string, fn func(*origin, *yaml.Node)) {
	err := fs.WalkDir(l.fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == dir {
				return fs.SkipDir
			}
			l.errs.addf(content.PackError{File: name}, "cannot read: %v", err)
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && name != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(name); d.IsDir() || (ext != ".yaml" && ext != ".yml") {
			return nil
		}
		if root, ok := l.parse(name); ok {
			fn(newOrigin(name, "", root.Line, l.errs), root)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipDir) {
		l.errs.addf(content.PackError{File: dir}, "cannot read: %v", err)
	}
}
