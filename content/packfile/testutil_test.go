package packfile

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/compassbot/compass/content"
)

// deleted marks a file a test removes from a fixture pack.
const deleted = "\x00deleted"

// fixture returns the pack in testdata/packs/<name> as a MapFS, with files
// replaced, added or (with the content deleted) removed.
func fixture(t testing.TB, name string, files map[string]string) fstest.MapFS {
	t.Helper()
	root := "testdata/packs/" + name
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(root + "/" + p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if data == deleted {
			delete(m, p)
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// packErrors returns the PackErrors in err, failing the test if there are none.
func mustLoad(t testing.TB, fsys fs.FS) *content.Pack {
	t.Helper()
	p, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return p
}
