package discord

import (
	"context"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot"
)

// Send delivers a reply to a Discord channel (bot.Sender): formatted and
// split as answers are, its buttons working as they do under answers. An
// address's ChatID is the channel's id.
func (a *Adapter) Send(ctx context.Context, to bot.Address, r bot.Reply) error {
	for _, m := range (view{}).render(r) {
		err := a.call(ctx, "send", func(opt discordgo.RequestOption) error {
			_, err := a.s.ChannelMessageSendComplex(to.ChatID, &discordgo.MessageSend{
				Content: m.Content, Embeds: m.Embeds, Components: components(m.Components), AllowedMentions: noMentions(),
			}, opt)
			return err
		})
		if err != nil {
			return err
		}
		a.stats.Outbound.Add(1)
	}
	return nil
}
