package main

import (
	"bytes"
	"context"
	"flag"
	"strings"
	"testing"
)

func newFlagSetForTest() *flag.FlagSet { return flag.NewFlagSet("test", flag.ContinueOnError) }

// cliResult is what one in-process run of compass produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs compass in-process with the given stdin, environment and
// arguments, as the binary would run them.
func runCLI(t *testing.T, stdin string, env map[string]string, args ...string) cliResult {
	t.Helper()
	return runIn(stdin, env, args...)
}

// runIn is runCLI outside a test, for results shared by several tests.
func runIn(stdin string, env map[string]string, args ...string) cliResult {
	var out, errOut bytes.Buffer
	e := &Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(k string) string { return env[k] },
	}
	code := Run(context.Background(), e, args)
	return cliResult{code, out.String(), errOut.String()}
}

func TestHelp_ListsCommandsAndConfiguration(t *testing.T) {
	r := runCLI(t, "", nil, "help")
	if r.code != 0 {
		t.Fatalf("help exited %d", r.code)
	}
	for _, want := range []string{"chat", "ask", "check", "version",
		"DATABASE_URL", "TELEGRAM_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET",
		"DISCORD_TOKEN", "COMPASS_PACK", "COMPASS_LISTEN", "COMPASS_LOG_LEVEL"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("compass help does not mention %s:\n%s", want, r.stdout)
		}
	}
}

func TestVersion(t *testing.T) {
	r := runCLI(t, "", nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "compass ") || !strings.Contains(r.stdout, "go1.") {
		t.Fatalf("version: exit %d, %q", r.code, r.stdout)
	}
}

func TestSourceFlags_Precedence(t *testing.T) {
	tests := []struct {
		name        string
		args        []string
		env         map[string]string
		pack, dbURL string
	}{
		{"nothing: bundled", nil, nil, "", ""},
		{"env pack", nil, map[string]string{"COMPASS_PACK": "/p"}, "/p", ""},
		{"env database", nil, map[string]string{"DATABASE_URL": "postgres://x"}, "", "postgres://x"},
		{"env pack beats env database", nil, map[string]string{"COMPASS_PACK": "/p", "DATABASE_URL": "postgres://x"}, "/p", ""},
		{"flag database beats env pack", []string{"--database-url", "postgres://y"}, map[string]string{"COMPASS_PACK": "/p"}, "", "postgres://y"},
		{"flag pack beats env database", []string{"--pack", "/q"}, map[string]string{"DATABASE_URL": "postgres://x"}, "/q", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := &Env{Getenv: func(k string) string { return tt.env[k] }, Stderr: &bytes.Buffer{}}
			fs := newFlagSetForTest()
			s := addSourceFlags(fs, env)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if p, d := s.choice(); p != tt.pack || d != tt.dbURL {
				t.Errorf("choice() = %q, %q; want %q, %q", p, d, tt.pack, tt.dbURL)
			}
		})
	}
}
