package match

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/packfile"
)

// fixtureWith returns the fixture pack's files with extra files added.
func fixtureWith(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("testdata/pack")
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func TestPackEmergencyPhrases_AddToTheRouter(t *testing.T) {
	const cue = "the kettle is screaming"
	p, err := packfile.Load(fixtureWith(t, map[string]string{
		"emergency/en.txt": "# a test pack's own phrase\nreview: team\nlife: " + cue + "\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.EmergencyPhrases) != 1 || p.EmergencyPhrases[0].Review != "team" {
		t.Fatalf("pack phrases %+v, want one list reviewed by the team", p.EmergencyPhrases)
	}
	m, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Understand(content.Query{Text: "help, " + cue + " in the kitchen"}).Emergency; got != EmergencyLife {
		t.Errorf("the pack's phrase: emergency %q, want life", got)
	}
	if got := m.Understand(content.Query{Text: "he is not breathing"}).Emergency; got != EmergencyMedical {
		t.Errorf("a built-in phrase: emergency %q, want medical", got)
	}
	plain, _ := New(mustFixture(t))
	if got := plain.Understand(content.Query{Text: cue}).Emergency; got != "" {
		t.Errorf("without the pack's phrase: emergency %q, want none", got)
	}
}

func mustFixture(t *testing.T) *content.Pack {
	t.Helper()
	p, err := packfile.LoadDir("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPackEmergencyPhrases_BadListsAreReported(t *testing.T) {
	for _, tc := range []struct{ name, file, text, want string }{
		{"unknown kind", "emergency/en.txt", "review: team\nfire: it burns\n", `emergency/en.txt:2: kind "fire" is not one of suicide, violence, medical, life`},
		{"no review line", "emergency/en.txt", "life: it burns\n", `no "review:" line`},
		{"bad review", "emergency/en.txt", "review: yes\nlife: it burns\n", `review status "yes"`},
		{"duplicate", "emergency/en.txt", "review: team\nlife: it burns\nmedical: it burns\n", `emergency/en.txt:3: "it burns" repeats line 2`},
		{"not a pack language", "emergency/sw.txt", "review: team\nlife: moto\n", `language "sw" is not one of the pack's languages`},
		{"no kind", "emergency/en.txt", "review: team\nit burns\n", `want "kind: phrase"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := packfile.Load(fixtureWith(t, map[string]string{tc.file: tc.text}))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
		})
	}
}
