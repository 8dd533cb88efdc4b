package packfile

import (
	"testing"

	"go.yaml.in/yaml/v4"
)

// expandedSize is decodedSize written plainly, every alias expanded
// again: the reference for small documents.
func expandedSize(n *yaml.Node) int64 {
	if n == nil {
		return 0
	}
	total := int64(1 + len(n.Value))
	if n.Kind == yaml.AliasNode {
		total = expandedSize(n.Alias)
	}
	for _, c := range n.Content {
		total += expandedSize(c)
	}
	return total
}

func TestDecodedSize_CountsEveryAliasUse(t *testing.T) {
	docs := []string{
		"a: 1\nb: [x, y, {c: d}]\n",
		"a: &x [one, two]\nb: *x\nc: [*x, *x]\n",
		"a: &x {k: &y [v, w]}\nb: *y\nc: *x\nd: [*x, *y]\n",
		"l0: &l0 [lol, lol]\nl1: &l1 [*l0, *l0, *l0]\nl2: &l2 [*l1, *l1, *l1]\nl3: [*l2, *l2, *l0]\n",
	}
	for _, doc := range docs {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
			t.Fatal(err)
		}
		want := expandedSize(&n)
		if got := decodedSize(&n, 1<<20); got != want {
			t.Errorf("decodedSize(%q) = %d, want %d", doc, got, want)
		}
		if got := decodedSize(&n, want-1); got != want {
			t.Errorf("decodedSize(%q) under a limit of %d = %d, want %d (over the limit)", doc, want-1, got, want)
		}
	}
}
