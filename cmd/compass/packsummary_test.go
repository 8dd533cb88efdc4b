package main

import (
	"fmt"
	"strings"
	"testing"
)

// check and export describe the same pack with the same words: distinct
// intents first, regional variants in brackets.
func TestPackSummary_CheckAndExportAgree(t *testing.T) {
	p, err := loadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.IntentIDs()) == len(p.Intents) {
		t.Fatalf("the bundled pack has no regional variants (%d intents); this test needs some", len(p.Intents))
	}
	want := fmt.Sprintf("%d intents (%d regional variants)", len(p.IntentIDs()), len(p.Intents))
	summary := packSummary(p)
	if !strings.Contains(summary, want) {
		t.Fatalf("packSummary = %q, want it to contain %q", summary, want)
	}

	check := bundledCheck()
	if check.code != 0 {
		t.Fatalf("check: exit %d\n%s%s", check.code, check.stdout, check.stderr)
	}
	export, _ := bundledExport()
	if export.code != 0 {
		t.Fatalf("export: exit %d\n%s", export.code, export.stderr)
	}
	for name, out := range map[string]string{"check": check.stdout, "export": export.stdout} {
		if !strings.Contains(out, summary) {
			t.Errorf("%s output lacks %q:\n%s", name, summary, out)
		}
	}
}
