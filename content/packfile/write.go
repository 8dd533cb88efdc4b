package packfile

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/compassbot/compass/content"

	"go.yaml.in/yaml/v4"
)

// Write writes p as a content pack into dir, in the canonical form (see
// docs/content-pack.md): Load on the result gives the same pack, and
// writing that again gives the same bytes. Intents and services go to their
// File if set, else to intents/<topic>/<name>[.<region>].yaml and
// services/<region>/<id>.yaml (the region part is left out for the root).
//
// dir is created if missing; an existing dir must be empty or hold a pack.
// YAML files under intents/ and services/ that are not part of p are removed,
// so that the directory holds exactly p. Unchanged files are not rewritten.
// An invalid pack is not written (the error is ValidatePack's).
func Write(dir string, p *content.Pack) error {
	if err := content.ValidatePack(p); err != nil {
		return err
	}
	files, err := renderPack(p)
	if err != nil {
		return err
	}
	root, err := preparePackDir(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := writeIfChanged(root, name, files[name]); err != nil {
			return fmt.Errorf("write pack: %w", err)
		}
	}
	return removeStale(root, files)
}

// renderPack renders every file of p, keyed by slash-separated path.
func renderPack(p *content.Pack) (map[string][]byte, error) {
	e := &encoder{langs: p.Languages}
	files, owner := map[string][]byte{}, map[string]string{}
	var errs errorList
	add := func(obj, name string, nameErr error, root *yaml.Node) {
		fail := func(format string, args ...any) {
			errs.addf(content.PackError{Object: obj, Field: "file"}, format, args...)
		}
		if nameErr != nil {
			fail("%v", nameErr)
			return
		}
		if other := owner[name]; other != "" {
			fail("%s is also the file of %s", name, other)
			return
		}
		data, err := e.file(root)
		if err != nil {
			fail("cannot write YAML: %v", err)
			return
		}
		owner[name], files[name] = obj, data
	}
	add("pack", packFile, nil, e.pack(p))
	add("topics", topicsFile, nil, e.topics(p.Topics))
	root := p.RootRegion()
	for _, in := range p.Intents {
		name, err := fileFor(in.File, intentsDir, canonicalIntentFile(in, root))
		add(content.ObjectName(in), name, err, e.intent(in, root))
	}
	for _, s := range p.Services {
		name, err := fileFor(s.File, servicesDir, canonicalServiceFile(s, root))
		add(content.ObjectName(s), name, err, e.service(s, root))
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	return files, nil
}

func canonicalIntentFile(in *content.Intent, root string) string {
	topic, name, _ := strings.Cut(in.ID, ".")
	return path.Join(intentsDir, topic, name+regionSuffix(in.Region, root)+".yaml")
}

func canonicalServiceFile(s *content.Service, root string) string {
	return path.Join(servicesDir, s.Region, s.ID+".yaml")
}

func regionSuffix(region, root string) string {
	if region == root {
		return ""
	}
	return "." + region
}

// fileFor returns file if it is a path Load reads back from dir, else
// an error; an empty file gives the canonical name.
func fileFor(file, dir, canonical string) (string, error) {
	if file == "" {
		return canonical, nil
	}
	ext := path.Ext(file)
	ok := fs.ValidPath(file) && strings.HasPrefix(file, dir+"/") && (ext == ".yaml" || ext == ".yml")
	for _, part := range strings.Split(file, "/") {
		ok = ok && !strings.HasPrefix(part, ".")
	}
	if !ok {
		return "", fmt.Errorf("%q is not a pack file name: use %s/…/<name>.yaml", file, dir)
	}
	return file, nil
}

// preparePackDir creates dir, or checks that it is empty or holds a pack,
// and opens it as a root: nothing Write does reaches outside it, not even
// through a symbolic link in the pack.
func preparePackDir(dir string) (*os.Root, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, packFile)); len(entries) > 0 && err != nil {
		return nil, fmt.Errorf("write pack: %s is not empty and holds no %s; refusing to write into it", dir, packFile)
	}
	return os.OpenRoot(dir)
}

// writeIfChanged replaces a file atomically unless it already is a regular
// file holding data (anything else there, a link or a pipe, is replaced
// without being read).
func writeIfChanged(root *os.Root, name string, data []byte) error {
	if old, ok := readRegular(root, name, int64(len(data))); ok && bytes.Equal(old, data) {
		return nil
	}
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := createTemp(root, path.Dir(name))
	if err != nil {
		return err
	}
	defer root.Remove(tmp)
	if err := root.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := root.Chmod(tmp, 0o644); err != nil { // whatever the umask
		return err
	}
	return root.Rename(tmp, name)
}

// readRegular reads name if it is a regular file of exactly size bytes.
func readRegular(root *os.Root, name string, size int64) ([]byte, bool) {
	if info, err := root.Lstat(name); err != nil || !info.Mode().IsRegular() || info.Size() != size {
		return nil, false
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, size+1))
	return data, err == nil
}

// createTemp creates an empty file with a fresh name in dir and returns its name.
func createTemp(root *os.Root, dir string) (string, error) {
	for {
		var b [8]byte
		rand.Read(b[:])
		name := path.Join(dir, ".compass-"+hex.EncodeToString(b[:])+".tmp")
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return name, f.Close()
	}
}

// removeStale deletes the YAML files below intents/ and services/ that are
// not in files, so that no old intent outlives the export. Links are not
// followed: a linked directory's files are not the pack's to delete.
func removeStale(root *os.Root, files map[string][]byte) error {
	for _, sub := range []string{intentsDir, servicesDir} {
		if info, err := root.Lstat(sub); err != nil || !info.IsDir() {
			continue // missing, or a link: nothing of ours to remove
		}
		err := fs.WalkDir(root.FS(), sub, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err
			}
			if ext := path.Ext(name); (ext == ".yaml" || ext == ".yml") && files[name] == nil {
				return root.Remove(name)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("write pack: %w", err)
		}
	}
	return nil
}
