package content
import ("testing";"os")
func TestDump(t *testing.T) {
	os.RemoveAll("/tmp/dumpb")
	p, err := LoadPackDir("bundled/pack"); if err != nil { t.Fatal(err) }
	if err := WritePack("/tmp/dumpb", p); err != nil { t.Fatal(err) }
}
