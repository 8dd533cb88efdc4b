package store_test

import (
	"github.com/compassbot/compass/content/packfile"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// packFiles lists the pack files (YAML) of a pack directory; other files
// such as a README are not content and are not exported.
func packFiles(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := path.Ext(name); !d.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	return files
}

// roundTrip imports p, loads it back from the database, writes it as a
// pack and reads that: the content and the file set must be those of the
// original.
func roundTrip(t *testing.T, p *content.Pack, original fs.FS) {
	db, _ := newDB(t)
	if _, err := db.Import(ctxT(t), p); err != nil {
		t.Fatal(err)
	}
	loaded := assertLoads(t, db, p)
	dir := t.TempDir()
	if err := packfile.Write(dir, loaded); err != nil {
		t.Fatal(err)
	}
	exported, err := packfile.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertSamePack(t, exported, p)
	got, want := packFiles(t, os.DirFS(dir)), packFiles(t, original)
	if !slices.Equal(got, want) {
		t.Fatalf("exported files %q,\nwant the original's %q", got, want)
	}
}

func TestRoundTrip_FixturePack(t *testing.T) {
	roundTrip(t, loadFixture(t), os.DirFS(fixturePack))
}

func TestRoundTrip_BundledPack(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Skipf("the bundled pack does not load yet: %v", err)
	}
	roundTrip(t, p, bundled.FS())
}

// Every other pack in the repository that loads (test packs of the other
// packages, the held-out evaluation pack) must survive the round trip too:
// packs written by other people are the best test of the schema.
func TestRoundTrip_OtherPacksInTheRepository(t *testing.T) {
	dirs, _ := filepath.Glob("../content/packfile/testdata/packs/*")
	dirs = append(dirs, "../eval/testdata/heldout/pack", "../bot/testdata/pack")
	tested := 0
	for _, dir := range dirs {
		p, err := packfile.LoadDir(dir)
		if err != nil {
			continue // missing, or a deliberately broken pack
		}
		tested++
		t.Run(dir, func(t *testing.T) { roundTrip(t, p, os.DirFS(dir)) })
	}
	if tested == 0 {
		t.Skip("no other valid pack in the repository")
	}
}
