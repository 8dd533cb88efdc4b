package packfile

import (
	"maps"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/compassbot/compass/content/contenttest"

	"github.com/compassbot/compass/content"
)

// TestLoadPack_ReportsAllErrorsAtOnce breaks four files in different ways
// and expects every error, in file order, in one PackErrors.
func TestLoadPack_ReportsAllErrorsAtOnce(t *testing.T) {
	_, err := Load(fixture(t, "graz", map[string]string{
		"pack.yaml":   "id: graz\nlanguages: [en, de]\ntimezon: Europe/Vienna\n",
		"topics.yaml": "- id: health\n  name: {en: Health}\n- id: residence\n  name: {en: \"\"}\n",
		doctor:        "id: health.find_doctor\ntranslations:\n  fa:\n    title: دکتر\n    answer: \"\"\n",
		meldeamt:      service("graz-meldeamt", "geo: {lat: 47, lon: 200}", "hours: {mon: [\"9-12\"]}"),
	}))
	want := []string{
		"pack.yaml:3: timezon: unknown field",
		`topics.yaml:4: topics[1].name.en: must not be empty`,
		`intents/health/doctor.yaml:3: translations.fa: "fa" is not one of the pack's languages`,
		"intents/health/doctor.yaml:5: translations.fa.answer: must not be empty",
		`intents/residence/registration.at-graz.yaml:11: translations.fa: "fa" is not`,
		"services/at-graz/graz-meldeamt.yaml:2: region: unknown region \"at-graz\"",
		"services/at-graz/graz-meldeamt.yaml:4: geo.lon: longitude 200 is outside",
		"services/at-graz/graz-meldeamt.yaml:5: hours.mon[0]: opening hours must be written HH:MM-HH:MM",
	}
	errs := contenttest.PackErrors(t, err)
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(errs) {
		t.Fatalf("%d lines for %d errors", len(lines), len(errs))
	}
	next := 0
	for _, l := range lines {
		if next < len(want) && strings.HasPrefix(l, want[next]) {
			next++
		}
	}
	if next < len(want) {
		t.Errorf("missing or out of order: %q\ngot:\n%v", want[next], err)
	}
}

// FuzzLoadPack feeds arbitrary text as pack.yaml and as an intent file. The
// loader must never panic, and every error must name its file.
func FuzzLoadPack(f *testing.F) {
	for _, name := range []string{"pack.yaml", "intents/residence/registration.yaml", "services/at-graz/graz-meldeamt.yaml"} {
		data, err := os.ReadFile("testdata/packs/graz/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data), "")
		f.Add("", string(data))
	}
	f.Add("id: x\nlanguages: [en]\nregions: [{id: a, parent: a}]\n", "id: a.b\ntranslations: {en: {title: &x t, answer: *x}}")
	f.Add("&a [*a]", "{\"\xff\": 1}")
	f.Add(strings.Repeat("[", 20000), strings.Repeat("- ", 20000)+"x")
	f.Add("id: x\nlanguages: &l [en]\nregions: [&r {id: a, parent: *r}]\n", "id: a.b\n---\nid: c.d\n")
	base := fixture(f, "graz", nil)
	f.Fuzz(func(t *testing.T, pack, intent string) {
		fsys := maps.Clone(base)
		if pack != "" {
			fsys["pack.yaml"] = &fstest.MapFile{Data: []byte(pack)}
		}
		if intent != "" {
			fsys[doctor] = &fstest.MapFile{Data: []byte(intent)}
		}
		p, err := Load(fsys)
		if err == nil {
			if p == nil {
				t.Fatal("nil pack without error")
			}
			if verr := content.ValidatePack(p); verr != nil {
				t.Fatalf("loaded pack does not validate: %v", verr)
			}
			return
		}
		for _, e := range contenttest.PackErrors(t, err) {
			if e.File == "" || e.Msg == "" {
				t.Fatalf("error without file or message: %#v", e)
			}
		}
	})
}
