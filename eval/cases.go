package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Kinds of evaluation lines. Hard kinds are the ones people type when they
// do not write like a textbook; the targets in issue 4 are set for them
// separately from paraphrases.
const (
	KindParaphrase = "paraphrase" // a natural question in fresh wording
	KindTypo       = "typo"       // misspellings, missing letters or diacritics
	KindOneWord    = "oneword"    // one or two words
	KindLong       = "long"       // a story of a few sentences with the question inside
	KindMixed      = "mixed"      // a German office name inside another language
	KindTranslit   = "translit"   // Cyrillic or Arabic-script language typed in Latin letters
	KindOffTopic   = "offtopic"   // not about anything the pack covers: must fall back
	KindGibberish  = "gibberish"  // keyboard mash, emoji: must fall back
	KindEmergency  = "emergency"  // danger now: the emergency router must answer
	KindSituation  = "situation"  // what happened, without naming the office or procedure
	KindSmallTalk  = "smalltalk"  // greetings, thanks, questions about the bot: the small-talk reply
)

// Kinds lists every kind in report order.
var Kinds = []string{KindParaphrase, KindSituation, KindTypo, KindOneWord, KindLong, KindMixed,
	KindTranslit, KindOffTopic, KindSmallTalk, KindGibberish, KindEmergency}

// hardKinds are reported together as "hard".
var hardKinds = map[string]bool{KindTypo: true, KindOneWord: true, KindLong: true,
	KindMixed: true, KindTranslit: true}

// Case is one line of the evaluation set.
type Case struct {
	Text      string `json:"text"`
	Lang      string `json:"lang"`             // language the text is written in
	Hint      string `json:"hint,omitempty"`   // platform language hint, may differ from Lang
	Region    string `json:"region,omitempty"` // the person's region; "" for the pack's root
	Kind      string `json:"kind"`
	Intent    string `json:"intent"` // expected intent; "" (null in the file) when none fits
	Emergency bool   `json:"emergency,omitempty"`
	Line      int    `json:"-"` // line in the file, for messages
}

// wantsFallback reports whether the right answer is "I'm not sure".
func (c Case) wantsFallback() bool { return c.Intent == "" && !c.Emergency }

// LoadCases reads an evaluation split: one JSON object per line, blank lines
// ignored. Every malformed line is reported, each as file:line: problem.
func LoadCases(path string) ([]Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("evaluation set: %w", err)
	}
	return ParseCases(path, data)
}

// ParseCases parses an evaluation split read from the named file.
func ParseCases(name string, data []byte) ([]Case, error) {
	var (
		cases []Case
		errs  []string
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c Case
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		c.Line = n
		if msg := c.problem(); msg != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: %s", name, n, msg))
			continue
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", name, err))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("evaluation set:\n%s", strings.Join(errs, "\n"))
	}
	return cases, nil
}

// problem returns what is wrong with a case, or "".
func (c Case) problem() string {
	switch {
	case strings.TrimSpace(c.Text) == "":
		return "text: empty"
	case c.Lang == "":
		return "lang: missing"
	case !knownKind(c.Kind):
		return fmt.Sprintf("kind: %q is not one of %s", c.Kind, strings.Join(Kinds, ", "))
	case (c.Kind == KindOffTopic || c.Kind == KindGibberish || c.Kind == KindSmallTalk) && c.Intent != "":
		return fmt.Sprintf("intent: a %s line must expect no intent, not %q", c.Kind, c.Intent)
	case (c.Kind == KindEmergency) != c.Emergency:
		return "emergency: must be true exactly on emergency lines"
	case c.Emergency && c.Intent != "" && !strings.HasPrefix(c.Intent, "emergency."):
		return fmt.Sprintf("intent: an emergency line expects no intent or emergency.*, not %q", c.Intent)
	case c.Kind != KindOffTopic && c.Kind != KindGibberish && c.Kind != KindSmallTalk && !c.Emergency && c.Intent == "":
		return fmt.Sprintf("intent: a %s line needs an expected intent", c.Kind)
	}
	return ""
}

func knownKind(k string) bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}
