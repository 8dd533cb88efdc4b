package match

import (
	"cmp"
	"slices"
	"strings"
)

// largestFirst returns the languages' indices, the costliest to build
// first: left to the end, one would keep a CPU busy alone (the synthetic
// pack's Chinese: 0.7 s of 6). A language costs with its bytes of text,
// and more when its words are not separated by spaces (each distinct run
// between spaces is analysed once): that share is estimated from the
// first examples.
func (m *Matcher) largestFirst() []int {
	cost := make([]float64, len(m.langs))
	for li, lang := range m.langs {
		size, sample, unspaced := 0, 0, 0
		for _, in := range m.variants {
			t := in.Translations[lang]
			if t == nil {
				continue
			}
			size += len(t.Title) + len(t.Answer)
			for _, e := range t.Examples {
				size += len(e)
				if sample < 1<<14 {
					sample += len(e)
					unspaced += unspacedBytes(e)
				}
			}
			for _, k := range t.Keywords {
				size += len(k)
			}
		}
		cost[li] = float64(size) * (1 + 3*float64(unspaced)/float64(max(sample, 1)))
	}
	order := make([]int, len(m.langs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cost[b], cost[a]) })
	return order
}

// unspacedBytes returns the bytes of s in runs of more than 24 bytes
// without a space.
func unspacedBytes(s string) int {
	n := 0
	for _, run := range strings.Fields(s) {
		if len(run) > 24 {
			n += len(run)
		}
	}
	return n
}
