package discord

import (
	"github.com/bwmarrin/discordgo"
)

// inboxCommand answers /reply and /close.
func (a *Adapter) inboxCommand(i *discordgo.Interaction, initial initialFunc, name string, opts options) {
	a.notice(i, initial, word(string(i.Locale), "no_inbox"))
}

// ticketButton answers a ticket's Claim, Reply and Close buttons.
func (a *Adapter) ticketButton(i *discordgo.Interaction, initial initialFunc, id customID) {
	a.notice(i, initial, word(string(i.Locale), "no_inbox"))
}

// modalSubmit takes a reply typed into a ticket's reply modal.
func (a *Adapter) modalSubmit(i *discordgo.Interaction, initial initialFunc) {
	a.notice(i, initial, word(string(i.Locale), "no_inbox"))
}

// ticketChoices offers the open tickets for /reply and /close.
func (a *Adapter) ticketChoices(i *discordgo.Interaction, typed string) []*discordgo.ApplicationCommandOptionChoice {
	return nil
}
