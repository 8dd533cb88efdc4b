// Package discordtest is a fake Discord server for tests: the REST API
// (under /api/v9) and the gateway websocket, speaking the real wire format
// so that the real discordgo client can be pointed at it.
//
// It implements what compass uses: bulk overwrite of application commands
// (global and per guild), interaction callbacks, follow-up and
// @original webhooks, channel messages (create, edit, get, list, delete), threads
// started from a message, /gateway and /gateway/bot, /users/@me, and the
// gateway (hello, identify, heartbeat and its ack, ready, resume, and
// dispatching INTERACTION_CREATE). Interactions can also be delivered to
// an HTTP interactions endpoint, signed with the server's Ed25519 key as
// Discord signs them.
//
// It validates what Discord validates (2,000-character messages, embed
// limits, 5 action rows of 5 buttons, custom ids of 1–100 characters,
// command names and descriptions, one answer per interaction within 3
// seconds, follow-ups only after the answer and for 15 minutes) and answers
// with Discord's status codes and JSON error codes, so that formatting and
// protocol bugs fail tests. Every request is recorded with its arrival
// time and body; 429 with retry_after (and the X-RateLimit headers), 5xx
// and other failures can be injected. Nothing here is for production.
package discordtest
