package match

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// phraseKey is how the router and small talk see a phrase: its normalised,
// folded words.
func phraseKey(text string) string {
	return strings.Join(foldAll(Tokenize(Normalize(text))), " ")
}

// TestPhraseLists_NoDuplicates rejects a phrase listed twice once
// normalised (case, diacritics, Arabic letter variants): an emergency
// phrase anywhere in the router's lists (they are matched together, so a
// duplicate is dead weight that hides which list holds it), a small-talk
// phrase within its language ("hvala" is both Slovenian and Croatian).
func TestPhraseLists_NoDuplicates(t *testing.T) {
	for name, lists := range map[string][]content.PhraseList{"emergency": BuiltinEmergencyPhrases(), "smalltalk": BuiltinSmallTalk()} {
		seen := map[string]string{}
		for _, l := range lists {
			if name == "smalltalk" {
				clear(seen)
			}
			if len(l.Phrases) == 0 {
				t.Errorf("%s/%s.txt: no phrases", name, l.Lang)
			}
			for _, p := range l.Phrases {
				k := phraseKey(strings.ReplaceAll(p.Text, "*", ""))
				if strings.HasSuffix(p.Text, "*") {
					k += "*"
				}
				if k == "" {
					t.Errorf("%s/%s.txt:%d: %q normalises to nothing", name, l.Lang, p.Line, p.Text)
					continue
				}
				where := name + "/" + l.Lang + ".txt:" + strconv.Itoa(p.Line)
				if first, dup := seen[k]; dup {
					t.Errorf("%s: %q repeats %s", where, p.Text, first)
				}
				seen[k] = where
			}
		}
	}
}

// TestSmallTalk_EveryUILanguage checks that every language of the bot's
// user interface has a small-talk list, and that every phrase of every
// list is understood as small talk (and never as an emergency).
func TestSmallTalk_EveryUILanguage(t *testing.T) {
	ui, err := os.ReadFile("../../bot/ui.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, l := range BuiltinSmallTalk() {
		have = append(have, l.Lang)
	}
	for _, m := range regexp.MustCompile(`(?m)^([a-z]{2,3}):\s*$`).FindAllStringSubmatch(string(ui), -1) {
		if !slices.Contains(have, m[1]) {
			t.Errorf("UI language %s has no small-talk list data/smalltalk/%s.txt", m[1], m[1])
		}
	}
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMatcher(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range BuiltinSmallTalk() {
		thanks := ""
		for _, ph := range l.Phrases {
			if ph.Kind == content.SmallTalkThanks && thanks == "" {
				thanks = ph.Text
			}
		}
		for _, ph := range l.Phrases {
			if ph.Kind == smallTalkFiller {
				// A filler alone is no small talk; beside a phrase it stays small talk.
				if u := m.Understand(content.Query{Text: ph.Text, Hint: l.Lang}); u.SmallTalk != "" {
					t.Errorf("smalltalk/%s.txt:%d: the filler %q alone is taken for small talk", l.Lang, ph.Line, ph.Text)
				}
				text := thanks + " " + ph.Text
				if u := m.Understand(content.Query{Text: text, Hint: l.Lang}); u.SmallTalk == "" || u.Best() != "" {
					t.Errorf("smalltalk/%s.txt:%d: %q is not small talk: %q, answer %q", l.Lang, ph.Line, text, u.SmallTalk, u.Best())
				}
				continue
			}
			u := m.Understand(content.Query{Text: ph.Text, Hint: l.Lang})
			if u.SmallTalk == "" || u.Emergency != "" || u.Best() != "" {
				t.Errorf("smalltalk/%s.txt:%d %q: small talk %q, emergency %q, answer %q", l.Lang, ph.Line, ph.Text, u.SmallTalk, u.Emergency, u.Best())
			}
		}
	}
}

// TestNoUnsafe keeps the package, and so the emergency router, free of
// package unsafe: a few allocations more cost nothing next to a memory
// error on the path that answers people in danger.
func TestNoUnsafe(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"unsafe"` {
				t.Errorf("%s imports unsafe", name)
			}
		}
	}
}
