package discord

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/compassbot/compass/bot/relay"
)

// Run registers the commands, keeps the inbox channel (when there is one)
// and answers interactions until ctx ends: over the gateway, or, in HTTP
// mode, from InteractionsHandler, which the caller serves. Then it lets
// the answers in flight finish (up to drain) and disconnects. started is
// called once interactions are taken. discordgo reconnects (and resumes)
// by itself when the gateway connection drops.
func (a *Adapter) Run(ctx context.Context, drain time.Duration, started func()) error {
	if err := a.RegisterCommands(ctx); err != nil {
		return err
	}
	if !a.HTTPMode() {
		a.s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
			if ic.Interaction != nil {
				a.handleInteraction(ic.Interaction, a.callbackInitial(ic.Interaction))
			}
		})
		if err := a.s.Open(); err != nil {
			return fmt.Errorf("discord: connecting to the gateway: %w", relay.Scrub(err, a.cfg.Token))
		}
		a.log.Info("discord: connected to the gateway", "app", a.cfg.AppID)
		defer func() {
			if err := a.s.Close(); err != nil {
				a.log.Debug("discord: closing the gateway", "error", err)
			}
		}()
	}
	var keeping sync.WaitGroup
	keeping.Add(1)
	go func() {
		defer keeping.Done()
		keep := a.KeepInbox
		if a.cfg.KeepWhile != nil && a.cfg.Inbox != "" && a.cfg.Engine.Inbox() != nil {
			keep = func(ctx context.Context) error { return a.cfg.KeepWhile(ctx, a.KeepInbox) }
		}
		if err := keep(ctx); err != nil {
			a.log.Error("discord: keeping the inbox failed", "error", err)
		}
	}()
	if started != nil {
		started()
	}
	<-ctx.Done()
	keeping.Wait()
	drainCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	return a.Shutdown(drainCtx)
}

// callbackInitial answers an interaction that came over the gateway: by a
// POST to its callback endpoint.
func (a *Adapter) callbackInitial(i *discordgo.Interaction) initialFunc {
	return func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		return a.call(ctx, "answer", func(opt discordgo.RequestOption) error {
			return a.s.InteractionRespond(i, resp, opt)
		})
	}
}

// Shutdown stops taking interactions, waits for the answers in flight (up
// to ctx's deadline, then cancels them).
func (a *Adapter) Shutdown(ctx context.Context) error {
	err := a.dispatch.Drain(ctx, a.hardCancel)
	a.hardCancel()
	return err
}
