package telegram

import (
	"context"
	"fmt"
	"strconv"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/relay"
)

// Capabilities is what Telegram can do, for bot.Engine.Connect: people can
// share a location; messages hold 4,096 characters (UTF-16 units) and are
// formatted in HTML; callback data holds 64 bytes; a keyboard row holds up
// to 8 buttons (the adapter wraps rows at 4 for phones).
var Capabilities = bot.Capabilities{
	Location:         true,
	MaxButtonsPerRow: 8,
	MaxTextLen:       MaxMessageLen,
	MaxPayloadBytes:  maxCallbackData,
	Formatting:       bot.FormatHTML,
}

// Send delivers a reply to a Telegram chat outside the answer to an update
// (a volunteer's reply, a notice): formatted, split and rate-limited like
// every answer. It implements bot.Sender. A chat that blocked the bot
// gives an error matching bot.ErrBlocked (and OnBlocked is called).
func (a *Adapter) Send(ctx context.Context, to bot.Address, r bot.Reply) error {
	if to.Channel != Channel {
		return fmt.Errorf("telegram: cannot send to channel %q", to.Channel)
	}
	chatID, err := strconv.ParseInt(to.ChatID, 10, 64)
	if err != nil || chatID == 0 {
		return &relay.Error{Outcome: relay.Permanent, Err: fmt.Errorf("telegram: %q is not a chat id", to.ChatID)}
	}
	// Group and supergroup ids are negative; private chats are people.
	in := inbound{chatID: chatID, msg: bot.Message{Channel: Channel, ChatID: to.ChatID, Group: chatID < 0}}
	for _, o := range a.render(in, r) {
		if err := a.sender.send(ctx, o); err != nil {
			return err
		}
	}
	a.stats.Outbound.Add(1)
	return nil
}
