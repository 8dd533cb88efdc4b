package bundled

import (
	"bytes"
	"github.com/compassbot/compass/content/packfile"
	"io/fs"
	"os"
	"reflect"
	"testing"

	"github.com/compassbot/compass/content"
	"go.yaml.in/yaml/v4"
)

func TestLoad_BundledPackIsValid(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Fatalf("the bundled pack does not load:\n%v", err)
	}
	if err := content.ValidatePack(p); err != nil {
		t.Errorf("ValidatePack disagrees with Load:\n%v", err)
	}
	if len(p.Intents) == 0 || len(p.Topics) == 0 || len(p.Languages) == 0 {
		t.Errorf("bundled pack is empty: %d intents, %d topics, %d languages", len(p.Intents), len(p.Topics), len(p.Languages))
	}
}

// BenchmarkLoad measures loading and checking the bundled pack; compare it
// with BenchmarkLoad_ParseOnly, which only parses the same YAML files.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad_ParseOnly is the baseline: reading and parsing every YAML
// file of the bundled pack into nodes, with no checks.
func BenchmarkLoad_ParseOnly(b *testing.B) {
	b.ReportAllocs()
	fsys := FS()
	for b.Loop() {
		err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			var n yaml.Node
			return yaml.Unmarshal(data, &n)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestLoad_ExportRoundTrip writes the bundled pack out and reads it back:
// the content must be unchanged and a second export byte-identical.
func TestLoad_ExportRoundTrip(t *testing.T) {
	p, err := Load()
	if err != nil {
		t.Skipf("bundled pack does not load yet: %v", err)
	}
	first, second := t.TempDir(), t.TempDir()
	if err := packfile.Write(first, p); err != nil {
		t.Fatal(err)
	}
	back, err := packfile.LoadDir(first)
	if err != nil {
		t.Fatalf("exported pack does not load:\n%v", err)
	}
	for i, in := range p.Intents {
		if !reflect.DeepEqual(in, back.Intents[i]) {
			t.Errorf("intent %s changed:\n%+v\n%+v", in.ID, in, back.Intents[i])
		}
	}
	if !reflect.DeepEqual(p.Regions, back.Regions) || !reflect.DeepEqual(p.Topics, back.Topics) ||
		!reflect.DeepEqual(p.Services, back.Services) || !reflect.DeepEqual(p.Languages, back.Languages) {
		t.Error("regions, topics, services or languages changed")
	}
	if err := packfile.Write(second, back); err != nil {
		t.Fatal(err)
	}
	a, b := os.DirFS(first), os.DirFS(second)
	fs.WalkDir(a, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		x, _ := fs.ReadFile(a, name)
		y, err := fs.ReadFile(b, name)
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs after a second export", name)
		}
		return nil
	})
}
