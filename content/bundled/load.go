package bundled

import "github.com/compassbot/compass/content"

// Load reads and checks the bundled pack. It fails only if the pack
// compiled into the binary is broken, which its test catches first.
func Load() (*content.Pack, error) {
	return content.LoadPack(FS())
}
