package content

// Query is what the matcher is asked: one message and what is known about
// the person who wrote it.
type Query struct {
	Text   string // the message as typed
	Chosen string // language the person chose (stored in the session); "" if none
	Hint   string // language the person likely writes in: the one they last wrote in, else the platform hint (Telegram language_code, Discord locale)
	Region string // the person's region; "" for the pack's root
}

// Candidate is an intent the message may be about, with a confidence in [0,1].
type Candidate struct {
	Intent string
	Score  float64
}

// Understanding is what the matcher made of a message.
type Understanding struct {
	Lang       string      // language to answer in (a pack language)
	Detected   string      // language the message seems written in; "" if unsure
	Emergency  string      // emergency kind ("" when none): life, violence, suicide, medical
	Candidates []Candidate // up to a few best intents, best first
	Confident  bool        // Candidates[0] clears the matcher's threshold
	// AskBack says the best candidates are plausible but too close to
	// each other (or the best not quite sure enough) to pick one: the
	// engine asks "did you mean …?" with them as buttons instead of
	// guessing. Never set together with Confident.
	AskBack bool
	// SmallTalk is the kind of a message that is only small talk
	// (SmallTalkGreeting, SmallTalkThanks, SmallTalkAbout, SmallTalkBye);
	// "" otherwise. Such a message has no candidates.
	SmallTalk string
	// Region is the region the message names ("… in Wien?") when it is
	// another one than Query.Region and names exactly one clearly; the
	// candidates were ranked for it. "" otherwise.
	Region string
	// NotLanguage says the message is no language at all (random bytes,
	// a row of symbols): the engine asks for the question in words. It
	// has no candidates and no emergency.
	NotLanguage bool
}

// Small-talk kinds reported in Understanding.SmallTalk.
const (
	SmallTalkGreeting = "greeting" // hello, salam, привіт
	SmallTalkThanks   = "thanks"   // thank you, danke, شكرا
	SmallTalkAbout    = "about"    // who are you, what can you do, are you a robot
	SmallTalkBye      = "bye"      // goodbye, tschüss
)

// Best returns the chosen intent id, or "" when the matcher is not confident.
func (u Understanding) Best() string {
	if !u.Confident || len(u.Candidates) == 0 {
		return ""
	}
	return u.Candidates[0].Intent
}

// Matcher understands messages against one Pack. It must be safe for
// concurrent use; a new Pack gets a new Matcher.
type Matcher interface {
	Understand(q Query) Understanding
}

// MatcherFactory builds a Matcher for a pack (off the hot path).
type MatcherFactory func(*Pack) (Matcher, error)
