package match

import (
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/compassbot/compass/content"
)

// The matcher's built-in phrase lists are data files, one per language, in
// the phrase-list format (content.ParsePhraseList), embedded in the
// binary: data/emergency/<lang>.txt for the emergency router and
// data/smalltalk/<lang>.txt for small talk. Each says who has reviewed it.
//
//go:embed data/emergency/*.txt data/smalltalk/*.txt data/concepts/*.txt data/markers/*.txt data/offdomain/*.txt
var dataFiles embed.FS

// smallTalkFiller is the kind of a small-talk file's filler words: words
// that come with small talk without asking anything ("for your help",
// "brother", "today"). Alone they are no small talk.
const smallTalkFiller = "filler"

// smallTalkKinds are the kinds of lines of a small-talk file.
var smallTalkKinds = []string{content.SmallTalkGreeting, content.SmallTalkThanks, content.SmallTalkAbout, content.SmallTalkBye, smallTalkFiller}

// loadPhraseLists parses every list in data/<dir>, in file-name order.
func loadPhraseLists(dir string, kinds []string) ([]content.PhraseList, error) {
	entries, err := dataFiles.ReadDir(path.Join("data", dir))
	if err != nil {
		return nil, err
	}
	var out []content.PhraseList
	for _, e := range entries {
		name := path.Join("data", dir, e.Name())
		data, err := dataFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		pl, err := content.ParsePhraseList(name, strings.TrimSuffix(e.Name(), ".txt"), data, kinds)
		if err != nil {
			return nil, err
		}
		out = append(out, pl)
	}
	return out, nil
}

// mustLists returns the built-in lists of dir; the files are part of the
// binary and tested, so an error is a bug.
func mustLists(dir string, kinds []string) []content.PhraseList {
	lists, err := loadPhraseLists(dir, kinds)
	if err != nil {
		panic(fmt.Sprintf("match: built-in phrase lists: %v", err))
	}
	return lists
}

// BuiltinEmergencyPhrases returns the router's built-in phrase lists, one
// per language, with their review status.
func BuiltinEmergencyPhrases() []content.PhraseList {
	return mustLists("emergency", content.EmergencyKinds)
}

// BuiltinSmallTalk returns the built-in small-talk lists, one per
// language, with their review status.
func BuiltinSmallTalk() []content.PhraseList { return mustLists("smalltalk", smallTalkKinds) }
