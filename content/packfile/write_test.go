package packfile

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
)

// samePack compares the exported content of two packs.
func samePack(t *testing.T, a, b *content.Pack) {
	t.Helper()
	check := func(what string, x, y any) {
		if !reflect.DeepEqual(x, y) {
			t.Errorf("%s differ:\n%#v\n%#v", what, x, y)
		}
	}
	check("metadata", []any{a.ID, a.Name, a.SourceLanguage, a.Languages}, []any{b.ID, b.Name, b.SourceLanguage, b.Languages})
	check("regions", a.Regions, b.Regions)
	check("topics", a.Topics, b.Topics)
	check("intents", a.Intents, b.Intents)
	check("services", a.Services, b.Services)
}

// readTree returns every file below dir by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWritePack_RoundTrip(t *testing.T) {
	for _, name := range []string{"graz", "minimal"} {
		t.Run(name, func(t *testing.T) {
			first := mustLoad(t, fixture(t, name, nil))
			dir := t.TempDir()
			if err := Write(dir, first); err != nil {
				t.Fatal(err)
			}
			second, err := LoadDir(dir)
			if err != nil {
				t.Fatalf("written pack does not load:\n%v\nfiles: %v", err, readTree(t, dir))
			}
			samePack(t, first, second)

			again := t.TempDir()
			if err := Write(again, second); err != nil {
				t.Fatal(err)
			}
			if a, b := readTree(t, dir), readTree(t, again); !reflect.DeepEqual(a, b) {
				t.Errorf("write→load→write is not byte-identical:\n%v\n%v", a, b)
			}
		})
	}
}

func TestWritePack_CanonicalText(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, mustLoad(t, fixture(t, "graz", nil))); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, dir)
	want := map[string][]string{
		"pack.yaml": {"id: graz\nname: Graz test pack\nsource_language: en\nlanguages: [en, de, ar, fa]\nregions:\n  - id: at\n",
			"    name: {en: Austria, de: Österreich, ar: النمسا, fa: اتریش}\n",
			`    emergency: {general: "112", police: "133", ambulance: "144", fire: "122"}`},
		"intents/residence/registration.yaml": {"id: residence.registration\nsource:",
			"    examples:\n      - How do I register my address?\n    keywords: [Meldezettel, register address]\n    status: reviewed\n    answer: |\n      Within 3 days",
			"  de:\n"},
		"intents/residence/registration.at-graz.yaml": {"region: at-graz\n", "services: [graz-meldeamt]\n"},
		"services/at-graz/graz-meldeamt.yaml":         {"geo: {lat: 47.0707, lon: 15.4395}\n", "hours:\n  mon: [", "  fri: ["},
	}
	for name, parts := range want {
		for _, part := range parts {
			if !strings.Contains(files[name], part) {
				t.Errorf("%s lacks %q:\n%s", name, part, files[name])
			}
		}
	}
	if _, ok := files["intents/README.md"]; ok {
		t.Error("non-pack files must not be written")
	}
	if strings.Contains(files["intents/residence/registration.at-graz.yaml"], "topic:") {
		t.Error("topic equal to the id prefix must be left out")
	}
}
