// Package bot is the channel-agnostic conversation engine: it turns a
// Message from any chat platform into Replies, using content (packs,
// matching) and a SessionStore. It imports content only: never a database
// driver, never a platform SDK. Platform adapters live in bot/telegram and
// bot/discord and translate between their platform and Message/Reply.
package bot
