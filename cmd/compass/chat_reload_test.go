package main

import (
	"context"
	"database/sql"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/compassbot/compass/store/storetest"
)

// An editor's committed SQL edit reaches a running `compass chat
// --database-url` as it reaches compass serve: the next question is
// answered with the new text, without restarting the chat.
func TestChat_DatabaseEditReachesARunningChat(t *testing.T) {
	env := map[string]string{"DATABASE_URL": storetest.NewDatabase(t)}
	if r := runCLI(t, "", env, "import", "--pack", storeFixturePack); r.code != 0 {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	stdin, typed := io.Pipe()
	var out, errOut lockedBuffer
	e := &Env{Stdin: stdin, Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() { done <- Run(context.Background(), e, []string{"chat", "--lang", "en"}) }()
	ask := func() { io.WriteString(typed, "Do I need a work permit?\n") }

	ask()
	waitFor(t, 10*time.Second, func() bool {
		return strings.Contains(out.String(), "It depends on your residence status. Ask the AMS.")
	})
	editor, err := sql.Open("postgres", env["DATABASE_URL"])
	if err != nil {
		t.Fatal(err)
	}
	defer editor.Close()
	const edited = "Edited while the chat runs: ask the AMS."
	if _, err := editor.Exec(`UPDATE translations SET answer = $1 WHERE intent = 'work.permit' AND lang = 'en'`, edited); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), edited) && time.Now().Before(deadline) {
		ask()
		time.Sleep(200 * time.Millisecond)
	}
	typed.Close()
	if code := <-done; code != 0 {
		t.Fatalf("chat: exit %d\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), edited) {
		t.Fatalf("the running chat never answered with the edited text within 10 s:\n%s", out.String())
	}
}
