package main

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/compassbot/compass/bot"
	"github.com/compassbot/compass/bot/discord"
	"github.com/compassbot/compass/store"
)

// discordConfig is what serve is told about Discord, by the environment
// only: tokens do not belong on a command line.
type discordConfig struct {
	token, appID, publicKey, guildID, inboxChannel, apiURL string
}

func (d *discordConfig) fromEnv(env *Env) {
	for _, v := range []struct {
		dst *string
		key string
	}{
		{&d.token, "DISCORD_TOKEN"}, {&d.appID, "DISCORD_APP_ID"}, {&d.publicKey, "DISCORD_PUBLIC_KEY"},
		{&d.guildID, "DISCORD_GUILD_ID"}, {&d.inboxChannel, "DISCORD_INBOX_CHANNEL"}, {&d.apiURL, "DISCORD_API_URL"},
	} {
		*v.dst = settingFor(v.key).fromEnv(env)
	}
}

// check finds mistakes before anything connects.
func (d discordConfig) check() error {
	if d.token == "" {
		for _, v := range []string{d.appID, d.publicKey, d.guildID, d.inboxChannel} {
			if v != "" {
				return errors.New("DISCORD_* settings without DISCORD_TOKEN: set the bot token too (see docs/discord.md)")
			}
		}
		return nil
	}
	if d.publicKey != "" {
		if _, err := discord.ParsePublicKey(d.publicKey); err != nil {
			return err
		}
	}
	for name, id := range map[string]string{"DISCORD_APP_ID": d.appID, "DISCORD_GUILD_ID": d.guildID, "DISCORD_INBOX_CHANNEL": d.inboxChannel} {
		if strings.Trim(id, "0123456789") != "" {
			return errors.New(name + " must be a numeric Discord id (turn on Developer Mode, then right-click → Copy ID)")
		}
	}
	return nil
}

// newDiscord makes the Discord adapter when DISCORD_TOKEN is set, and
// connects it to the engine; nil when it is not.
//
// Every replica may name the inbox channel (its volunteers' interactions
// reach any replica, and each accepts inbox steps only from that channel);
// with a database one replica at a time keeps it (posts and edits the
// tickets), the one holding the inbox's advisory lock.
func newDiscord(ctx context.Context, c serveConfig, engine *bot.Engine, db *store.DB, logger *slog.Logger) (*discord.Adapter, error) {
	d := c.discord
	if d.token == "" {
		return nil, nil
	}
	cfg := discord.Config{
		Token: d.token, AppID: d.appID, PublicKey: d.publicKey, GuildID: d.guildID, APIURL: d.apiURL, Inbox: d.inboxChannel,
		Engine: engine, Logger: logger, Workers: c.workers,
	}
	if db != nil && d.publicKey != "" {
		// Interaction ids are unique across Discord: one log for every application.
		cfg.Interactions = db.Updates("discord:interactions", replicaName())
	}
	if db != nil && d.inboxChannel != "" {
		key := store.LockKey("discord-inbox:" + d.inboxChannel)
		cfg.KeepWhile = func(ctx context.Context, keep func(context.Context) error) error {
			whileLocked(ctx, db, key, "keeps the Discord inbox channel", logger, keep)
			return nil
		}
	}
	dc, err := discord.New(ctx, cfg)
	if err != nil {
		return nil, err
	}
	engine.Connect(discord.Channel, dc, discord.Capabilities)
	mode := "gateway"
	if dc.HTTPMode() {
		mode = "http " + discord.InteractionsPath
	}
	logger.Info("compass serve: Discord started", "app", dc.AppID(), "mode", mode, "guild", d.guildID, "inbox", d.inboxChannel)
	return dc, nil
}

// runDiscord answers Discord interactions (over the gateway, or from the
// HTTP endpoint startHTTP serves) and keeps the inbox channel until ctx
// ends, then drains.
func runDiscord(ctx context.Context, c serveConfig, dc *discord.Adapter, started func()) error {
	return dc.Run(ctx, c.drain, started)
}
