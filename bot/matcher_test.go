package bot

import (
	"slices"
	"strings"
	"unicode"

	"github.com/compassbot/compass/content"
)

// keywordMatcher is a deliberately simple, deterministic matcher for the
// engine's golden transcripts: they test the conversation, not matching
// quality (content/match has its own evaluation), so they must not change
// when the real matcher is tuned.
type keywordMatcher struct{ p *content.Pack }

func newKeywordMatcher(p *content.Pack) (content.Matcher, error) { return keywordMatcher{p}, nil }

var testEmergencies = []struct{ phrase, kind string }{
	{"kill myself", "suicide"},
	{"hits me", "violence"},
	{"schlägt mich", "violence"},
	{"يضربني", "violence"},
	{"помогите", "medical"},
}

func (m keywordMatcher) Understand(q content.Query) content.Understanding {
	text := strings.ToLower(q.Text)
	u := content.Understanding{}
	for _, e := range testEmergencies {
		if strings.Contains(text, e.phrase) {
			u.Emergency = e.kind
			break
		}
	}
	scores := map[string]float64{}
	for _, in := range m.p.IntentsFor(q.Region) {
		for lang, t := range in.Translations {
			for _, k := range t.Keywords {
				k = strings.ToLower(k)
				score := 0.0
				if strings.Contains(text, k) {
					score = 0.9
					if u.Detected == "" && lang != "en" && lang != "de" {
						u.Detected = lang
					}
				} else {
					for _, w := range strings.Fields(k) {
						if len(w) >= 4 && strings.Contains(text, w) {
							score = 0.4
						}
					}
				}
				scores[in.ID] = max(scores[in.ID], score)
			}
		}
	}
	for id, s := range scores {
		if s > 0 {
			u.Candidates = append(u.Candidates, content.Candidate{Intent: id, Score: s})
		}
	}
	slices.SortFunc(u.Candidates, func(a, b content.Candidate) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Intent, b.Intent)
	})
	if len(u.Candidates) > 3 {
		u.Candidates = u.Candidates[:3]
	}
	u.Confident = len(u.Candidates) > 0 && u.Candidates[0].Score >= 0.5
	u.AskBack = !u.Confident && len(u.Candidates) > 0 // a keyword's word only: ask
	u.Lang = q.Chosen
	if u.Lang == "" {
		u.Lang = u.Detected
	}
	if u.Lang == "" {
		u.Lang = scriptLang(text)
	}
	if u.Lang == "" && q.Hint != "" {
		if base, _, _ := strings.Cut(strings.ToLower(q.Hint), "-"); slices.Contains(m.p.Languages, base) {
			u.Lang = base
		}
	}
	if u.Lang == "" {
		u.Lang = "en"
	}
	return u
}

// scriptLang guesses Arabic or Ukrainian from the letters, or "".
func scriptLang(s string) string {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Arabic, r):
			return "ar"
		case unicode.Is(unicode.Cyrillic, r):
			return "uk"
		}
	}
	return ""
}
