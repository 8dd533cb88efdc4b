package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCheck_BrokenPackListsEveryErrorWithFileAndLine(t *testing.T) {
	r := runCLI(t, "", nil, "check", "--pack", "testdata/broken-pack")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", r.code, r.stdout, r.stderr)
	}
	fileLine := regexp.MustCompile(`(?m)^intents/[a-z]+\.yaml:\d+: \S+: .+$`)
	errs := fileLine.FindAllString(r.stdout, -1)
	if len(errs) < 2 {
		t.Fatalf("want the unknown field and the unknown topic, each as file:line: field: msg; got\n%s", r.stdout)
	}
	for _, want := range []string{"doctor.yaml", "school.yaml"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report does not name %s:\n%s", want, r.stdout)
		}
	}
}

func TestCheck_BundledPackHasNoErrors(t *testing.T) {
	r := runCLI(t, "", nil, "check")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "no errors") {
		t.Errorf("check output:\n%s", r.stdout)
	}
}

func TestCheck_WarningsSummarisedPerLanguage(t *testing.T) {
	r := runCLI(t, "", nil, "check", "--pack", "../../bot/testdata/pack")
	if r.code != 0 {
		t.Fatalf("warnings only must exit 0; got %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"warning: intent residence.registration (at-graz): uk: missing translation",
		"uk       3 missing, 1 outdated",
		"ar       2 missing, 1 machine",
		"1 reviews older than 12 months",
		"ps       5 missing, 2 topic names missing",
		"2 services without a source",
		"7 opening hours to check",
		"no errors, 31 warning(s)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// A service kind the vocabulary does not know is a warning, and so is a
// holiday calendar compass does not have.
func TestCheck_WarnsAboutUnknownKindsAndCalendars(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../bot/testdata/pack", dir)
	clinic := filepath.Join(dir, "services", "clinic.yaml")
	data, _ := os.ReadFile(clinic)
	os.WriteFile(clinic, []byte(strings.Replace(string(data), "kinds: [doctor]", "kinds: [docter]", 1)), 0o644)
	pack := filepath.Join(dir, "pack.yaml")
	data, _ = os.ReadFile(pack)
	os.WriteFile(pack, []byte(strings.Replace(string(data), "timezone: Europe/Vienna", "timezone: Europe/Vienna\n    holiday_calendar: xx", 1)), 0o644)
	r := runCLI(t, "", nil, "check", "--pack", dir)
	for _, want := range []string{`service graz-clinic: kinds: nobody can ask for "docter"`, `region at: no public-holiday calendar "xx"`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
