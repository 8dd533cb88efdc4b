package packfile

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/content/contenttest"

	"github.com/compassbot/compass/content"
)

// TestWritePack_TrickyTexts writes texts that YAML could easily mangle and
// expects them back unchanged.
func TestWritePack_TrickyTexts(t *testing.T) {
	tricky := []string{
		"  leading spaces", "trailing spaces  ", "a: b", "- dash", "#hash", "yes", "null", "~", "123", "0800",
		"\ttab", "multi\n\n  indented\n", "no final newline\nx", "two final newlines\n\n", "trailing  \nspaces\n",
		"windows\r\nline", "'single' \"double\"", "مرحبا\nسلام", "[not, a, list]", "{not: map}", "&anchor", "*alias",
		"!tag", "%percent", "@at", "`tick", "2026-10-01", "true", "a #comment", "x\u00a0nbsp", "\u200f rtl mark",
	}
	p := contenttest.ValidPack()
	tr := p.Intents[0].Translations["en"]
	for i, s := range tricky {
		tr.Examples = append(tr.Examples, s)
		tr.Keywords = append(tr.Keywords, s)
		p.Intents = append(p.Intents, &content.Intent{ID: "residence.t" + strconv.Itoa(i), Topic: "residence", Region: "at",
			Translations: map[string]*content.Translation{"en": {Title: "T " + s, Answer: "A " + s}}})
	}
	p.Services[0].Address = "Schmiedgasse 26\n8010 Graz"
	dir := t.TempDir()
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	back, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*content.Intent{}
	for _, in := range back.Intents {
		got[in.ID] = in
	}
	for _, in := range p.Intents {
		b := got[in.ID]
		if b == nil {
			t.Fatalf("%s lost", in.ID)
		}
		for l, tr := range in.Translations {
			bt := b.Translations[l]
			if bt.Title != tr.Title || bt.Answer != tr.Answer || strings.Join(bt.Examples, "|") != strings.Join(tr.Examples, "|") ||
				strings.Join(bt.Keywords, "|") != strings.Join(tr.Keywords, "|") {
				t.Errorf("%s changed:\n%q\n%q", in.ID, tr, bt)
			}
		}
	}
	if a := back.Service("graz-meldeamt").Address; a != p.Services[0].Address {
		t.Errorf("address %q", a)
	}
}

func TestWritePack_FilesAndDirectory(t *testing.T) {
	t.Run("canonical names for a pack without files", func(t *testing.T) {
		dir := t.TempDir()
		if err := Write(dir, contenttest.ValidPack()); err != nil {
			t.Fatal(err)
		}
		files := readTree(t, dir)
		for _, name := range []string{"pack.yaml", "topics.yaml", "intents/residence/registration.at-graz.yaml", "services/at-graz/graz-meldeamt.yaml"} {
			if _, ok := files[name]; !ok {
				t.Errorf("%s not written; files: %v", name, files)
			}
		}
	})
	t.Run("stale files removed, others kept, unchanged files not rewritten", func(t *testing.T) {
		dir := t.TempDir()
		p := mustLoad(t, fixture(t, "graz", nil))
		if err := Write(dir, p); err != nil {
			t.Fatal(err)
		}
		stale := filepath.Join(dir, "intents", "health", "old.yaml")
		notes := filepath.Join(dir, "intents", "NOTES.md")
		os.WriteFile(stale, []byte("id: health.old\n"), 0o644)
		os.WriteFile(notes, []byte("notes"), 0o644)
		topics := filepath.Join(dir, "topics.yaml")
		before, _ := os.Stat(topics)
		if err := Write(dir, p); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
			t.Error("stale intent file survived")
		}
		if _, err := os.Stat(notes); err != nil {
			t.Error("non-YAML file was removed")
		}
		if after, _ := os.Stat(topics); !after.ModTime().Equal(before.ModTime()) {
			t.Error("unchanged topics.yaml was rewritten")
		}
	})
	t.Run("refuses a directory that is not a pack", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "thesis.txt"), []byte("x"), 0o644)
		if err := Write(dir, contenttest.ValidPack()); err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("bad and shared file names", func(t *testing.T) {
		for file, want := range map[string]string{
			"../escape.yaml":                      "not a pack file name",
			"services/x.yaml":                     "not a pack file name",
			"intents/.hidden.yaml":                "not a pack file name",
			"intents/a.txt":                       "not a pack file name",
			"services/at-graz/graz-meldeamt.yaml": "not a pack file name",
		} {
			p := contenttest.ValidPack()
			p.Intents[0].File = file
			if err := Write(t.TempDir(), p); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("File %q: got %v", file, err)
			}
		}
		p := contenttest.ValidPack()
		p.Intents = append(p.Intents, &content.Intent{ID: "residence.other", Topic: "residence", Region: "at",
			Translations: map[string]*content.Translation{"en": {Title: "T", Answer: "A"}}})
		p.Intents[0].File, p.Intents[1].File = "intents/same.yaml", "intents/same.yaml"
		if err := Write(t.TempDir(), p); err == nil || !strings.Contains(err.Error(), "is also the file of") {
			t.Errorf("shared file: got %v", err)
		}
	})
	t.Run("invalid pack is not written", func(t *testing.T) {
		p := contenttest.ValidPack()
		p.Intents[0].Region = "nowhere"
		dir := filepath.Join(t.TempDir(), "out")
		if err := Write(dir, p); err == nil {
			t.Fatal("wrote an invalid pack")
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Error("directory created for an invalid pack")
		}
	})
}

// TestWritePack_StaysInsideThePack: export into a pack whose directories
// are links out of it, or whose files are named pipes or links, neither
// blocks nor writes, reads or deletes anything outside the pack.
func TestWritePack_StaysInsideThePack(t *testing.T) {
	base := t.TempDir()
	dir, outside := filepath.Join(base, "pack"), filepath.Join(base, "outside")
	p := mustLoad(t, fixture(t, "graz", nil))
	if err := Write(dir, p); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(outside, 0o755)
	other := filepath.Join(outside, "other.yaml")
	os.WriteFile(other, []byte("id: health.other\n"), 0o644)
	os.RemoveAll(filepath.Join(dir, "services"))
	os.Symlink("../outside", filepath.Join(dir, "services")) // a directory link out of the pack
	registration := filepath.Join(dir, "intents/residence/registration.yaml")
	os.Remove(registration)
	if err := syscall.Mkfifo(registration, 0o644); err != nil { // would block a reader
		t.Fatal(err)
	}
	doctor := filepath.Join(dir, "intents/health/doctor.yaml")
	os.Remove(doctor)
	os.Symlink("../../../outside/other.yaml", doctor) // a file link out of the pack

	done := make(chan error, 1)
	go func() { done <- Write(dir, p) }()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Write blocked")
	}
	if err == nil || !strings.Contains(err.Error(), "services") {
		t.Errorf("writing services through a link out of the pack: err = %v", err)
	}
	if data, err := os.ReadFile(other); err != nil || string(data) != "id: health.other\n" {
		t.Errorf("the file outside the pack was changed or removed: %q, %v", data, err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files written outside the pack: %v", entries)
	}
	for _, name := range []string{registration, doctor} {
		if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
			t.Errorf("%s: not replaced by a regular file: %v", name, err)
		}
	}
}
