package discord

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Run registers the commands, connects to the gateway and answers
// interactions until ctx ends; then it lets the answers in flight finish
// (up to drain) and disconnects. discordgo reconnects (and resumes) by
// itself when the connection drops.
// started is called once the gateway is connected.
func (a *Adapter) Run(ctx context.Context, withInbox bool, drain time.Duration, started func()) error {
	if err := a.RegisterCommands(ctx, withInbox); err != nil {
		return err
	}
	a.s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		if ic.Interaction != nil {
			a.handleInteraction(ic.Interaction, a.callbackInitial(ic.Interaction))
		}
	})
	if err := a.s.Open(); err != nil {
		return fmt.Errorf("discord: connecting to the gateway: %w", scrub(err, a.cfg.Token))
	}
	a.log.Info("discord: connected to the gateway", "app", a.cfg.AppID)
	if started != nil {
		started()
	}
	<-ctx.Done()
	drainCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	err := a.Shutdown(drainCtx)
	if cerr := a.s.Close(); cerr != nil {
		a.log.Debug("discord: closing the gateway", "error", cerr)
	}
	return err
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

// Start registers the commands, for HTTP mode (Run does it for the
// gateway).
func (a *Adapter) Start(ctx context.Context, withInbox bool) error {
	return a.RegisterCommands(ctx, withInbox)
}

// Shutdown stops taking interactions, waits for the answers in flight (up
// to ctx's deadline, then cancels them).
func (a *Adapter) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() { a.dispatch.Close(); close(done) }()
	select {
	case <-done:
		a.hardCancel()
		return nil
	case <-ctx.Done():
		a.hardCancel()
		<-done
		return ctx.Err()
	}
}
