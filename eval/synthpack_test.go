package eval

import (
	"os"
	"testing"

	"github.com/compassbot/compass/content/packfile"
)

// TestWriteSynthPack writes the synthetic pack of the scale target (2,000
// intents × 25 languages) as a YAML content pack to $COMPASS_SYNTH_DIR,
// for measuring `compass ask --pack` end to end:
//
//	COMPASS_SYNTH_DIR=/tmp/synth go test ./eval -run WriteSynthPack
//	echo "where is the office" | /usr/bin/time -v compass ask --pack /tmp/synth
func TestWriteSynthPack(t *testing.T) {
	dir := os.Getenv("COMPASS_SYNTH_DIR")
	if dir == "" {
		t.Skip("set COMPASS_SYNTH_DIR to write the synthetic pack")
	}
	if err := packfile.Write(dir, SynthPack(synthIntents, synthLangs, synthSeed)); err != nil {
		t.Fatal(err)
	}
}
