package bot

import (
	"context"
	"regexp"
	"time"

	"github.com/compassbot/compass/content"
)

// gapWriters bounds the unanswered questions being written at once: a
// slow database must not pile up goroutines; past it, gaps are dropped
// (Observer.GapDropped).
const gapWriters = 16

// gapTimeout bounds writing one gap.
const gapTimeout = 2 * time.Second

// nearMisses is how many of the closest intents a gap keeps.
const nearMisses = 3

var (
	emailPattern  = regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+`)
	numberPattern = regexp.MustCompile(`\+?\p{Nd}[\p{Nd} ./()-]{3,}\p{Nd}`)
)

// blankPersonal removes from a question what most often identifies a
// person: e-mail addresses and numbers of five digits or more (phone
// numbers, case and document numbers). Shorter numbers (a year, a
// paragraph, a bus line) stay.
func blankPersonal(text string) string {
	text = emailPattern.ReplaceAllString(text, "[e-mail]")
	return numberPattern.ReplaceAllStringFunc(text, func(s string) string {
		digits := 0
		for _, r := range s {
			if r >= '0' && r <= '9' || r > 127 {
				digits++
			}
		}
		if digits < 5 {
			return s
		}
		return "[number]"
	})
}

// recordGap keeps a question that got no confident answer for the
// editors (Config.Gaps), in the background and without waiting: the
// person's answer never waits for it. One-off questions (Ask, as compass
// ask and evaluations pose them) are not kept.
func (c *conversation) recordGap(text string, u content.Understanding) {
	if c.e.cfg.Gaps == nil || c.stateless {
		return
	}
	g := content.Gap{Text: blankPersonal(text), Lang: u.Detected, Region: c.region(), At: c.e.cfg.Now()}
	if g.Lang == "" {
		g.Lang = c.lang
	}
	for i, cand := range u.Candidates {
		if i == nearMisses {
			break
		}
		g.NearMiss = append(g.NearMiss, cand.Intent)
	}
	if len(u.Candidates) > 0 {
		g.Score = u.Candidates[0].Score
	}
	select {
	case c.e.gapSlots <- struct{}{}:
	default:
		c.e.observe.GapDropped()
		return
	}
	go func() {
		defer func() { <-c.e.gapSlots }()
		ctx, cancel := context.WithTimeout(context.Background(), gapTimeout)
		defer cancel()
		if err := c.e.cfg.Gaps.RecordGap(ctx, g); err != nil {
			c.e.observe.GapDropped()
			c.e.log.Warn("keeping an unanswered question failed", "err", err)
		}
	}()
}
