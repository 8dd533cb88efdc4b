package bot

import (
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
)

func TestMemoryTickets(t *testing.T) {
	contenttest.TicketStoreSuite(t, func(*testing.T) content.TicketStore { return NewMemoryTickets() })
}
