package bot

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compassbot/compass/content/bundled"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Every translation of a UI string must keep the English placeholders, and
// every language must translate every key (or the English shows through).
func TestUIStrings_CompleteAndConsistent(t *testing.T) {
	en := uiStrings[uiLanguage]
	if len(en) == 0 {
		t.Fatal("ui.yaml has no English strings")
	}
	for lang, m := range uiStrings {
		for key, s := range m {
			want, ok := en[key]
			if !ok {
				t.Errorf("%s.%s: key not in English", lang, key)
				continue
			}
			got, exp := placeholder.FindAllString(s, -1), placeholder.FindAllString(want, -1)
			slices.Sort(got)
			slices.Sort(exp)
			if !slices.Equal(got, exp) {
				t.Errorf("%s.%s: placeholders %v, English has %v", lang, key, got, exp)
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s.%s: empty", lang, key)
			}
		}
		for key := range en {
			if _, ok := m[key]; !ok {
				t.Errorf("%s: missing key %s", lang, key)
			}
		}
	}
}

// The bundled pack's languages all have UI strings.
func TestUIStrings_CoverBundledPack(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range p.Languages {
		if _, ok := uiStrings[l]; !ok {
			t.Errorf("bundled pack language %s has no UI strings in ui.yaml", l)
		}
	}
}

func TestTr_FallsBackToEnglishAndFillsPlaceholders(t *testing.T) {
	if got := tr("xx", "checked", "date", "2026-11-23"); got != "Checked: 2026-11-23" {
		t.Errorf("unknown language: %q", got)
	}
	if got := tr("de-AT", "checked", "date", "2026-11-23"); got != "Geprüft: 2026-11-23" {
		t.Errorf("de-AT: %q", got)
	}
	if got := tr("en", "no_such_key"); got != "no_such_key" {
		t.Errorf("missing key: %q", got)
	}
}
