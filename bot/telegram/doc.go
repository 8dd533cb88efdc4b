// Package telegram connects the conversation engine to Telegram through the
// Bot API (github.com/go-telegram-bot-api/telegram-bot-api/v5).
//
// It is a thin adapter: it turns Telegram updates into bot.Message values,
// hands them to a bot.Handler, and turns the bot.Reply values it gets back
// into Telegram messages (HTML, inline keyboards, venues). It owns what is
// specific to Telegram and nothing else:
//
//   - receiving updates by long polling (Poll) or by webhook (Webhook), with
//     the shared per-person ordered worker pool (bot/relay), never
//     confirming an update before it was handled;
//   - formatting: HTML escaping, splitting at 4,096 characters, keyboards
//     mirrored for right-to-left languages;
//   - sending within Telegram's limits (30 messages/s overall, about 1/s per
//     chat, 20/min per group), retrying after 429, stopping at 403 and
//     classifying every other error into bot/relay's outcome classes;
//   - sending to any chat outside an answer (Send, a bot.Sender).
//
// Conversation logic (languages, topics, answers, sessions) belongs to
// package bot; this package must not grow any.
package telegram
