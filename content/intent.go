package content

import "time"

// TranslationStatus says how far a translation can be trusted.
type TranslationStatus string

const (
	StatusReviewed TranslationStatus = "reviewed" // checked by a person
	StatusMachine  TranslationStatus = "machine"  // machine-made, not yet checked
	StatusOutdated TranslationStatus = "outdated" // the source-language text changed since
)

// Intent is one thing people ask about, with its answer in several languages.
// The same ID may exist in several regions; see Pack.Intent for which wins.
type Intent struct {
	ID           string // "<topic>.<name>"
	Topic        string
	Region       string    // region the variant is valid for
	Source       string    // official source of the facts (URL)
	Reviewed     time.Time // date a person last checked the facts; zero if never
	Services     []string  // ids of related services
	Translations map[string]*Translation
	File         string // pack file it was read from, relative to the pack root; "" if none
}

// Translation is an intent in one language.
type Translation struct {
	Title    string
	Examples []string // questions people ask
	Keywords []string // words or phrases
	Answer   string
	Status   TranslationStatus // "" means not stated
}

// In returns the translation in the first of langs that has one, with its
// language, or nil and "" when the intent has none of them.
func (i *Intent) In(langs ...string) (*Translation, string) {
	for _, l := range langs {
		if t, ok := i.Translations[l]; ok {
			return t, l
		}
	}
	return nil, ""
}
