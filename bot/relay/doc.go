// Package relay is what every channel adapter needs between its platform
// and the conversation engine, whatever the platform:
//
//   - Dispatcher, a bounded worker pool that runs the work of one key (a
//     person, or a chat) in order, one item after another, and different
//     keys at once; it sheds the surplus of a key that floods it;
//   - FloodNotices, which picks the one shed item per flood episode that
//     earns the person a notice;
//   - Outcome and Result, the classes every send to a platform falls into
//     (sent, rate limited with a wait, blocked, transient, permanent, …),
//     Policy, which retries and gives up on them the same way everywhere,
//     and Error, which carries the class to the caller (bot.ErrBlocked);
//   - Stats and Counters, what an adapter did, for logs and metrics.
//
// Adapters keep only the translation to and from their platform. Every
// adapter keys its Dispatcher by the person (channel and user), so that
// bot.Engine.Handle is never run twice at once for one person.
package relay
