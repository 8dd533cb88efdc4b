package match

// entries are the features of the documents of an index while it is built,
// document after document: for each, the feature's id, its term frequency
// (later its weight) and its group. A large pack has millions, so they are
// kept column by column in fixed-size chunks (9 bytes an entry, and growing
// never copies), and the document of an entry is known from where each
// document's entries end.
type entries struct {
	fids   [][]uint32
	tfs    [][]float32
	groups [][]uint8
	n      int
	ends   []int32 // where each document's entries end, in document order
}

const entryChunk = 1 << 14

func (es *entries) len() int { return es.n }

// add adds an entry to the document being added.
func (es *entries) add(fid uint32, tf float32, group uint8) {
	if es.n%entryChunk == 0 {
		es.fids = append(es.fids, make([]uint32, 0, entryChunk))
		es.tfs = append(es.tfs, make([]float32, 0, entryChunk))
		es.groups = append(es.groups, make([]uint8, 0, entryChunk))
	}
	last := len(es.fids) - 1
	es.fids[last] = append(es.fids[last], fid)
	es.tfs[last] = append(es.tfs[last], tf)
	es.groups[last] = append(es.groups[last], group)
	es.n++
}

// endDoc ends the document being added: the entries added since the last
// one are its.
func (es *entries) endDoc() { es.ends = append(es.ends, int32(es.n)) }

// tf returns the term frequency of entry i.
func (es *entries) tf(i int) *float32 { return &es.tfs[i/entryChunk][i%entryChunk] }

// each calls f for every entry of every document ended, in order.
func (es *entries) each(f func(doc uint32, fid *uint32, tf *float32, group uint8)) {
	i, doc := 0, 0
	for c, fids := range es.fids {
		tfs, groups := es.tfs[c], es.groups[c]
		for j := range fids {
			for doc < len(es.ends) && int32(i) >= es.ends[doc] {
				doc++
			}
			if doc == len(es.ends) {
				return
			}
			f(uint32(doc), &fids[j], &tfs[j], groups[j])
			i++
		}
	}
}
