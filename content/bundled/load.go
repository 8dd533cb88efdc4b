package bundled

import (
	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/packfile"
)

// Load reads and checks the bundled pack. It fails only if the pack
// compiled into the binary is broken, which its test catches first.
func Load() (*content.Pack, error) {
	return packfile.Load(FS())
}
