package packfile

import (
	"fmt"

	"go.yaml.in/yaml/v4"
)

// Limits bound what one pack can make the loader read and hold, so that a
// hostile or mistaken pack is refused with a clear error instead of taking
// the process's memory or time. Sizes are in bytes. The decoded size of a
// file counts the text of every value and key with YAML aliases expanded
// (an alias counts as often as it is used), plus one per value.
type Limits struct {
	FileBytes    int64 // largest pack file read
	PackBytes    int64 // all the pack's YAML files together
	DecodedFile  int64 // one file, aliases expanded
	DecodedPack  int64 // the whole pack, aliases expanded
	Files        int   // YAML files read
	ErrorsInFile int   // errors listed per file; the rest are counted
}

// DefaultLimits are the limits Load and LoadDir apply (docs/content-pack.md,
// "Limits"). The bundled pack is about 0.7 MB: a pack at these limits is
// some 90 times larger, room for the 2,000-intent, 25-language pack of the
// scale benchmark (43 MB).
var DefaultLimits = Limits{
	FileBytes:    4 << 20,
	PackBytes:    64 << 20,
	DecodedFile:  8 << 20,
	DecodedPack:  64 << 20,
	Files:        20000,
	ErrorsInFile: 20,
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// decodedSize is the size of the tree below n with aliases expanded: the
// bytes of every value and key plus one per node. It stops counting once
// the size passes limit (and then returns a number above limit), so an
// alias bomb of a billion values costs no more than one pass over its
// nodes: the size of a node with an anchor (which aliases refer to) is
// computed once. An alias that refers to a node containing itself counts
// as over the limit.
func decodedSize(n *yaml.Node, limit int64) int64 {
	memo := map[*yaml.Node]int64{} // nodes aliases may refer to
	const visiting = -1
	var size, tree func(n *yaml.Node) int64
	shared := func(n *yaml.Node) int64 {
		if s, ok := memo[n]; ok {
			if s == visiting {
				return limit + 1
			}
			return s
		}
		memo[n] = visiting
		s := tree(n)
		memo[n] = s
		return s
	}
	size = func(n *yaml.Node) int64 {
		switch {
		case n == nil:
			return 0
		case n.Anchor != "":
			return shared(n)
		}
		return tree(n)
	}
	tree = func(n *yaml.Node) int64 {
		total := int64(1 + len(n.Value))
		if n.Kind == yaml.AliasNode {
			total = 0
			if n.Alias != nil {
				total = shared(n.Alias)
			}
		}
		for _, c := range n.Content {
			total += size(c)
			if total > limit {
				total = limit + 1
				break
			}
		}
		return total
	}
	return min(size(n), limit+1)
}
