package main

import (
	"bytes"
	"database/sql"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/compassbot/compass/store/storetest"
)

// TestMain lets the tests run this test binary as the compass command
// (COMPASS_TEST_AS_COMMAND=1), to send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("COMPASS_TEST_AS_COMMAND") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// startCompass starts compass as a child process with args.
func startCompass(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "COMPASS_TEST_AS_COMMAND=1"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, &out
}

// exitWithin waits for cmd and returns its exit status, failing the test
// if it runs longer than d.
func exitWithin(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("%v still running %v later", cmd.Args[1:], d)
		return 0
	}
}

// hangingDatabase accepts connections and never answers, like a database
// behind a hung proxy. It returns a URL to it and a channel that receives
// once per connection.
func hangingDatabase(t *testing.T) (string, <-chan struct{}) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan struct{}, 16)
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			select {
			case accepted <- struct{}{}:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "postgres://compass@" + ln.Addr().String() + "/compass?sslmode=disable&connect_timeout=600", accepted
}

// TestSignal_EveryCommandEnds: a command stuck on a database that never
// answers ends after SIGTERM (within the grace of 10 s) or at once on a
// second signal, with 128 + the signal's number.
func TestSignal_EveryCommandEnds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs compass as a child process for seconds")
	}
	url, accepted := hangingDatabase(t)
	pack := t.TempDir()
	if err := os.CopyFS(pack, os.DirFS("../../bot/testdata/pack")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		sigs []syscall.Signal
		want int
		max  time.Duration
	}{
		{"check, SIGTERM", []string{"check", "--database-url", url}, []syscall.Signal{syscall.SIGTERM}, 143, 13 * time.Second},
		{"import, SIGINT twice", []string{"import", "--pack", pack, "--database-url", url}, []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, 130, 3 * time.Second},
		{"ask, SIGTERM twice", []string{"ask", "--database-url", url}, []syscall.Signal{syscall.SIGTERM, syscall.SIGTERM}, 143, 3 * time.Second},
		{"migrate, SIGTERM then SIGINT", []string{"migrate", "--database-url", url}, []syscall.Signal{syscall.SIGTERM, syscall.SIGINT}, 130, 3 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd, out := startCompass(t, nil, tt.args...)
			select {
			case <-accepted:
			case <-time.After(10 * time.Second):
				t.Fatalf("never connected: %s", out)
			}
			time.Sleep(100 * time.Millisecond)
			start := time.Now()
			for _, s := range tt.sigs {
				if err := cmd.Process.Signal(s); err != nil {
					t.Fatal(err)
				}
				time.Sleep(50 * time.Millisecond)
			}
			if code := exitWithin(t, cmd, tt.max); code != tt.want {
				t.Errorf("exit status %d, want %d; output:\n%s", code, tt.want, out)
			}
			t.Logf("ended %v after the first signal", time.Since(start).Round(10*time.Millisecond))
		})
	}
}

// TestSignal_CheckOfAPackWithAPipe is the probe's reproduction: a named
// pipe in a pack used to block check forever, and no signal ended it. Now
// check reports the pipe at once.
func TestSignal_CheckOfAPackWithAPipe(t *testing.T) {
	pack := t.TempDir()
	if err := os.CopyFS(pack, os.DirFS("../../bot/testdata/pack")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(pack, "intents", "x.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, out := startCompass(t, nil, "check", "--pack", pack)
	if code := exitWithin(t, cmd, 20*time.Second); code != 1 || !strings.Contains(out.String(), "intents/x.yaml: is a named pipe") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// TestEndOnSignal_Grace checks the rule without processes: the first
// signal cancels, the grace ends the process, a second signal ends it at
// once.
func TestEndOnSignal_Grace(t *testing.T) {
	run := func(sigs []os.Signal, grace time.Duration) (code int, after time.Duration) {
		ch := make(chan os.Signal, 2)
		exited := make(chan int, 1)
		var cancelled sync.WaitGroup
		cancelled.Add(1)
		start := time.Now()
		go endOnSignal(ch, cancelled.Done, func() time.Duration { return grace }, &bytes.Buffer{}, func(c int) { exited <- c })
		for _, s := range sigs {
			ch <- s
		}
		select {
		case code = <-exited:
		case <-time.After(grace + 2*time.Second):
			code = -1
		}
		cancelled.Wait() // the context was canceled
		return code, time.Since(start)
	}
	if code, after := run([]os.Signal{syscall.SIGTERM}, 300*time.Millisecond); code != 143 || after < 300*time.Millisecond {
		t.Errorf("one SIGTERM: exit %d after %v, want 143 after the grace", code, after)
	}
	if code, after := run([]os.Signal{syscall.SIGINT, syscall.SIGTERM}, time.Minute); code != 143 || after > time.Second {
		t.Errorf("two signals: exit %d after %v, want 143 at once", code, after)
	}
}

// TestSignal_ImportWaitingForALock: an import queued behind another one
// (the import lock held) stops at SIGTERM at once, imports nothing and
// says so.
func TestSignal_ImportWaitingForALock(t *testing.T) {
	if testing.Short() {
		t.Skip("runs compass as a child process")
	}
	url := storetest.NewDatabase(t)
	if r := runCLI(t, "", nil, "migrate", "--database-url", url); r.code != 0 {
		t.Fatalf("migrate: %s", r.stderr)
	}
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`SELECT pg_advisory_xact_lock(x'636f6d70617374'::bigint)`); err != nil {
		t.Fatal(err)
	}
	cmd, out := startCompass(t, nil, "import", "--pack", storeFixturePack, "--database-url", url)
	waitFor(t, 20*time.Second, func() bool {
		var n int
		db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock%'`).Scan(&n)
		return n > 0
	})
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	if code := exitWithin(t, cmd, 5*time.Second); code != 1 || !strings.Contains(out.String(), "nothing was imported") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	t.Logf("ended %v after SIGTERM", time.Since(start).Round(10*time.Millisecond))
	tx.Rollback()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM intents`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d intents imported (%v)", n, err)
	}
}

// waitFor polls cond until it holds, failing the test after d.
func waitFor(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("condition not met within %v", d)
		}
	}
}
