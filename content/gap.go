package content

import (
	"context"
	"time"
)

// Gap is a question the bot had no confident answer to, kept so that
// editors see what to write (compass gaps). It holds nothing that says who
// asked: no channel, user or chat id, and long digit runs and e-mail
// addresses are blanked out of the text before it is kept.
type Gap struct {
	Text     string    // the question, as written (blanked, see above)
	Lang     string    // the language it is written in, else the language answered in
	Region   string    // the region it was asked for
	NearMiss []string  // the intents the matcher found closest, best first
	Score    float64   // the best candidate's score; 0 without candidates
	At       time.Time // when it was asked
}

// GapRecorder keeps gaps. store.DB implements it in the sessions'
// database; compass serve passes it to bot.Config.Gaps.
type GapRecorder interface {
	RecordGap(ctx context.Context, g Gap) error
}
