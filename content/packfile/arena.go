package packfile

import (
	"strings"

	"go.yaml.in/yaml/v4"
)

// gatherValues moves the text of every single value of a decoded file
// (not of the keys) into one string, which the values then share. The
// decoder allocates each value on its own among much garbage of its own;
// a large pack keeps tens of megabytes of values, which would hold on to
// the memory around them. Each node is visited once: aliases are not
// followed (the node they refer to is in the tree too).
func gatherValues(root *yaml.Node) {
	var values []*yaml.Node
	size := 0
	var walk func(n *yaml.Node, key bool)
	walk = func(n *yaml.Node, key bool) {
		switch {
		case n == nil || n.Kind == yaml.AliasNode:
		case n.Kind == yaml.ScalarNode:
			if !key && n.Value != "" {
				values = append(values, n)
				size += len(n.Value)
			}
		default:
			for i, c := range n.Content {
				walk(c, n.Kind == yaml.MappingNode && i%2 == 0)
			}
		}
	}
	walk(root, false)
	var b strings.Builder
	b.Grow(size)
	for _, n := range values {
		b.WriteString(n.Value)
	}
	all := b.String()
	for _, n := range values {
		n.Value, all = all[:len(n.Value)], all[len(n.Value):]
	}
}
