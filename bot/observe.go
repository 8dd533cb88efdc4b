package bot

import "time"

// Outcome is what the engine did with one message, for metrics: one of a
// small fixed set, never anything about who wrote or what.
type Outcome string

// The outcomes of Handle (Outcomes lists them all).
const (
	OutcomeAnswer      Outcome = "answer"       // a confident answer
	OutcomeAskBack     Outcome = "ask_back"     // "did you mean …?" with close candidates
	OutcomeNotSure     Outcome = "not_sure"     // no answer: the honest "not sure"
	OutcomeEmergency   Outcome = "emergency"    // emergency numbers first
	OutcomeSmallTalk   Outcome = "small_talk"   // hello, thanks, who are you
	OutcomeServices    Outcome = "services"     // a request for services ("a doctor open now")
	OutcomeNotLanguage Outcome = "not_language" // random bytes: asked to write in words
	OutcomeCommand     Outcome = "command"      // /start, /help, /language …
	OutcomeButton      Outcome = "button"       // a button pressed
	OutcomeLocation    Outcome = "location"     // a shared location
	OutcomeTicket      Outcome = "ticket"       // asked for a person, or wrote to their open request
	OutcomeEmpty       Outcome = "empty"        // nothing to read
)

// Outcomes lists every Outcome, for exporters that declare their labels.
var Outcomes = []Outcome{OutcomeAnswer, OutcomeAskBack, OutcomeNotSure, OutcomeEmergency, OutcomeSmallTalk,
	OutcomeServices, OutcomeNotLanguage, OutcomeCommand, OutcomeButton, OutcomeLocation, OutcomeTicket, OutcomeEmpty}

// Observer learns what the engine does, for metrics (compass serve exports
// them to Prometheus; this package knows nothing of it). Its methods are
// called on the answer path: they must be quick and safe for concurrent
// use. They are told a channel name, an outcome and durations, never who
// wrote or what.
type Observer interface {
	// Handled is called once per message Handle answered.
	Handled(channel string, outcome Outcome, took time.Duration)
	// Matched is called once per question the matcher read.
	Matched(took time.Duration)
	// StoreFailed is called when a session or ticket store call on the
	// answer path failed or passed its deadline.
	StoreFailed()
	// GapDropped is called when an unanswered question could not be kept
	// (the gap store failed, or too many were being written at once).
	GapDropped()
	// DeliveryGivenUp is called when the outbox gives up a reply to a
	// person (a volunteer's reply, a notice): the platform refused it for
	// good, no channel here delivers to it, or it failed for hours. The
	// person never gets it. (A chat that blocked the bot is not counted.)
	DeliveryGivenUp()
}

// noObserver is the Observer of an engine without one.
type noObserver struct{}

func (noObserver) Handled(string, Outcome, time.Duration) {}
func (noObserver) Matched(time.Duration)                  {}
func (noObserver) StoreFailed()                           {}
func (noObserver) GapDropped()                            {}
func (noObserver) DeliveryGivenUp()                       {}
