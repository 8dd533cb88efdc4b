// Package telegramtest is a fake Telegram Bot API server for tests. It
// speaks the real wire format (form-encoded requests to /bot<token>/<method>,
// {"ok":…,"result":…} answers, error_code and parameters.retry_after on
// errors) for the methods compass uses, so the real SDK client can be
// pointed at it. It records every request with its arrival time, queues
// updates for getUpdates with Telegram's offset and long-poll semantics, and
// can be told to fail: 429 with retry_after, 403 for a chat that blocked
// the bot, 5xx, or a body that is not JSON.
//
// It validates what Telegram validates (HTML entities and tags, the 4,096
// character limit, callback_data of 1–64 bytes) and answers 400 like
// Telegram does, so formatting bugs fail tests. Nothing here is for
// production.
package telegramtest
