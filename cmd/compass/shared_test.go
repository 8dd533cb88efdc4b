package main

import (
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
	"github.com/compassbot/compass/content/match"
)

// Loading the bundled pack and building its matcher take seconds each
// under the race detector on a busy machine, and most tests of this
// package start a command that does both. The commands under test run
// unchanged; only these two steps are done once per test binary:
// loadBundled parses the embedded pack once (packs are never changed
// after loading), and newMatcher builds one matcher per pack content (a
// pack read back from a test database that holds the bundled pack gets
// the matcher built for the bundled pack, which is the same).
func init() {
	loadBundled = sharedBundled
	newMatcher = sharedMatcher
}

var sharedPack = sync.OnceValues(bundled.Load)

func sharedBundled() (*content.Pack, error) { return sharedPack() }

var matchers struct {
	sync.Mutex
	byContent map[[32]byte]*builtMatcher
}

type builtMatcher struct {
	once sync.Once
	m    content.Matcher
	err  error
}

func sharedMatcher(p *content.Pack) (content.Matcher, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return match.New(p)
	}
	key := sha256.Sum256(raw)
	matchers.Lock()
	if matchers.byContent == nil {
		matchers.byContent = map[[32]byte]*builtMatcher{}
	}
	b := matchers.byContent[key]
	if b == nil {
		b = &builtMatcher{}
		matchers.byContent[key] = b
	}
	matchers.Unlock()
	b.once.Do(func() { b.m, b.err = match.New(p) })
	return b.m, b.err
}

// bundledCheck is `compass check` of the bundled pack, run once for the
// tests that read its output.
var bundledCheck = sync.OnceValue(func() cliResult { return runIn("", nil, "check") })

// exportRoot holds what the tests of this binary export; TestMain removes it.
var exportRoot = sync.OnceValue(func() string {
	dir, err := os.MkdirTemp("", "compass-test-export-")
	if err != nil {
		panic(err)
	}
	return dir
})

// bundledExport is `compass export --out DIR` without a database (the
// bundled pack), run once for the tests that read the output or the pack.
var bundledExport = sync.OnceValues(func() (cliResult, string) {
	dir := filepath.Join(exportRoot(), "bundled")
	return runIn("", nil, "export", "--out", dir), dir
})
