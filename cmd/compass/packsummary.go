package main

import (
	"fmt"

	"github.com/compassbot/compass/content"
)

// packSummary describes what a pack holds in one line, the same way for
// every subcommand (check, export): e.g. `pack "compass-at", 9 languages,
// 3 regions, 7 topics, 30 intents (36 regional variants), 40 services`.
// Intents count distinct ids; each regional variant is also an entry of
// p.Intents, hence the two numbers.
func packSummary(p *content.Pack) string {
	return fmt.Sprintf("pack %q, %d languages, %d regions, %d topics, %d intents (%d regional variants), %d services",
		p.ID, len(p.Languages), len(p.Regions), len(p.Topics), len(p.IntentIDs()), len(p.Intents), len(p.Services))
}
