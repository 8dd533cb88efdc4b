package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite README.md's table of settings")

// readmeSettings is the Markdown table of settings README.md shows.
func readmeSettings() string {
	var b strings.Builder
	b.WriteString("| variable | flag | default | meaning |\n|---|---|---|---|\n")
	for _, s := range settings {
		flagName, def := "", ""
		if s.Flag != "" {
			flagName = "`--" + s.Flag + "`"
		}
		if s.Default != "" {
			def = "`" + s.Default + "`"
		}
		b.WriteString("| `" + s.Env + "` | " + flagName + " | " + def + " | " + strings.ReplaceAll(s.Help, "|", "\\|") + " |\n")
	}
	return b.String()
}

// README.md lists every setting, with its flag and default, exactly as the
// table in config.go defines them.
func TestReadme_ListsEverySetting(t *testing.T) {
	const begin, end = "<!-- settings: generated -->\n", "<!-- /settings -->"
	path := "../../README.md"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q … %q block", begin, end)
	}
	want := readmeSettings()
	if got := readme[i+len(begin) : j]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(readme[:i+len(begin)]+want+readme[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's settings differ from config.go; run go test ./cmd/compass -run Readme -update\ngot:\n%s\nwant:\n%s", got, want)
	}
	for _, s := range settings {
		if strings.Count(readme, "`"+s.Env+"`") < 1 {
			t.Errorf("README.md does not list %s", s.Env)
		}
	}
}

// Every environment variable the commands read is in the table: none is
// read around it (a literal Getenv outside config.go), and `compass help`
// lists each one.
func TestSettings_DefinedOnce(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	getenv := regexp.MustCompile(`Getenv\("([A-Z_]+)"\)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "config.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range getenv.FindAllStringSubmatch(string(src), -1) {
			t.Errorf("%s reads %s with Getenv: read it through the settings table (settingFor(%q).fromEnv)", f, m[1], m[1])
		}
	}
	help := runCLI(t, "", nil, "help").stdout
	seen := map[string]bool{}
	for _, s := range settings {
		if seen[s.Env] {
			t.Errorf("%s is in the table twice", s.Env)
		}
		seen[s.Env] = true
		if !strings.Contains(help, s.Env) || (s.Flag != "" && !strings.Contains(help, "--"+s.Flag)) {
			t.Errorf("compass help does not list %s (--%s)", s.Env, s.Flag)
		}
		if s.Commands == "" || s.Help == "" {
			t.Errorf("%s has no help or no commands", s.Env)
		}
	}
}

// A flag beats the environment, which beats the default; help shows the
// default, never the environment's value.
func TestSettings_Precedence(t *testing.T) {
	env := &Env{Getenv: envMap{"COMPASS_DRAIN": "45s", "TELEGRAM_TOKEN": "secret-token"}.get}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	var token, listen string
	var drain time.Duration
	stringFlag(fs, env, "TELEGRAM_TOKEN", &token)
	stringFlag(fs, env, "COMPASS_LISTEN", &listen)
	if err := durationFlag(fs, env, "COMPASS_DRAIN", &drain); err != nil {
		t.Fatal(err)
	}
	if token != "secret-token" || drain != 45*time.Second || listen != "" {
		t.Errorf("from the environment: token %q, drain %v, listen %q", token, drain, listen)
	}
	if err := fs.Parse([]string{"--drain", "5s", "--listen", ":9"}); err != nil {
		t.Fatal(err)
	}
	if drain != 5*time.Second || listen != ":9" || token != "secret-token" {
		t.Errorf("flags: drain %v, listen %q, token %q", drain, listen, token)
	}
	var usage strings.Builder
	fs.SetOutput(&usage)
	fs.PrintDefaults()
	if strings.Contains(usage.String(), "secret-token") {
		t.Errorf("help shows the token from the environment:\n%s", usage.String())
	}
	// 1487448511296d overflows days×24h and wrapped to one hour: a retention
	// mistyped too long must not delete what it meant to keep.
	for _, bad := range []string{"soon", "-3d", "0", "1487448511296d", "9999999d"} {
		e := &Env{Getenv: envMap{"COMPASS_SESSION_RETENTION": bad}.get}
		if _, err := durationSetting(e, "COMPASS_SESSION_RETENTION", time.Hour); err == nil || !strings.Contains(err.Error(), "COMPASS_SESSION_RETENTION") {
			t.Errorf("COMPASS_SESSION_RETENTION=%q: error %v, want one naming the variable", bad, err)
		}
	}
}

// envMap is an environment for tests.
type envMap map[string]string

func (m envMap) get(k string) string { return m[k] }
