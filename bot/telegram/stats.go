package telegram

import "github.com/compassbot/compass/bot/relay"

// Stats counts what the adapter did since it started; read them with
// (*Adapter).Stats. The fields are shared by every adapter (relay.Stats).
type Stats = relay.Stats
