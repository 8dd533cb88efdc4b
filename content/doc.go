// Package content holds the vocabulary of compass: languages, regions, topics,
// intents with their translations, local services, content packs and the
// interfaces (Source, SessionStore, Matcher) that the rest of the program
// implements or consumes.
//
// It imports no other package of this module and nothing that talks to a
// database, a network or a chat platform. Subpackages add the pieces that
// work on this vocabulary (matching, the bundled pack).
package content
