package bot

import "strings"

// Trouble is why an adapter must answer on its own, without the engine's
// replies: the engine failed, a button could not be handed to it, or a
// flood of messages was cut short.
type Trouble int

const (
	// TroubleFailed: the engine returned an error (no content loaded yet,
	// or a failure on our side). The person may try again.
	TroubleFailed Trouble = iota
	// TroubleBrokenButton: a button press the adapter could not pass on
	// (malformed callback data).
	TroubleBrokenButton
	// TroubleNoChat: a button pressed where the bot cannot reply, such as
	// on an inline message; the person should open a chat with the bot.
	TroubleNoChat
	// TroubleTooMany: the person sent more messages at once than the
	// adapter takes from one chat (a flood); the first were answered, the
	// rest dropped, and the person should send the rest again.
	TroubleTooMany
)

// troubleKeys are the ui.yaml keys of the apologies.
var troubleKeys = [...]string{
	TroubleFailed:       "sorry_failed",
	TroubleBrokenButton: "sorry_button",
	TroubleNoChat:       "sorry_no_chat",
	TroubleTooMany:      "sorry_too_many",
}

// Apology is the short, polite text an adapter shows for trouble, in the
// language of the platform's language hint (a Telegram language_code such
// as "fa" or "pt-BR", a Discord locale such as "es-ES"), else in English.
// Adapters use it so that nobody gets an apology in a language they may not
// read; the engine owns every word a person sees.
func Apology(langHint string, why Trouble) string {
	key := troubleKeys[TroubleFailed]
	if int(why) >= 0 && int(why) < len(troubleKeys) {
		key = troubleKeys[why]
	}
	lang := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(langHint), "_", "-"))
	return tr(lang, key)
}
