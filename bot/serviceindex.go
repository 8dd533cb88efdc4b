package bot

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/compassbot/compass/content"
)

// serviceIndex answers "which services fit, nearest and open first" for a
// snapshot. It is built once per pack (SetPack), so that a query over
// 10,000 services of a region is a pass over flat arrays: bit masks for
// kinds, languages and topics, precomputed coordinates, and the opening
// rules of each region worked out once per query.
type serviceIndex struct {
	items    []indexedService
	visible  map[string][]int32 // region → services a person there can use (its own and its ancestors')
	bits     map[string]uint64  // "k:doctor", "l:ar", "t:health" → its bit; only the first 64 values get one
	openings map[string]content.Opening
}

type indexedService struct {
	s                 *content.Service
	hasGeo            bool
	lat, lon          float64 // radians
	kinds, langs, tps uint64  // bit masks
}

const earthKm = 6371.0

func newServiceIndex(p *content.Pack, calendars content.Calendars) *serviceIndex {
	ix := &serviceIndex{visible: map[string][]int32{}, bits: map[string]uint64{}, openings: map[string]content.Opening{}}
	mask := func(prefix string, values []string) uint64 {
		var m uint64
		for _, v := range values {
			key := prefix + v
			b, ok := ix.bits[key]
			if !ok && len(ix.bits) < 64 {
				b = 1 << len(ix.bits)
				ix.bits[key] = b
			}
			m |= b
		}
		return m
	}
	for _, s := range p.Services {
		it := indexedService{s: s, kinds: mask("k:", s.Kinds), langs: mask("l:", s.Languages), tps: mask("t:", s.Topics)}
		if s.Geo != nil {
			it.hasGeo, it.lat, it.lon = true, s.Geo.Lat*math.Pi/180, s.Geo.Lon*math.Pi/180
		}
		ix.items = append(ix.items, it)
	}
	for _, r := range p.Regions {
		onPath := map[string]bool{}
		for _, id := range p.RegionPath(r.ID) {
			onPath[id] = true
		}
		for i, it := range ix.items {
			if onPath[it.s.Region] {
				ix.visible[r.ID] = append(ix.visible[r.ID], int32(i))
			}
		}
		ix.openings[r.ID] = p.OpeningIn(r.ID, calendars)
	}
	return ix
}

// serviceFilter says which services a list shows.
type serviceFilter struct {
	kind   string   // a service kind; "" for any
	langs  []string // languages spoken there, any of them; none for any
	topic  string   // a topic; "" for any
	intent string   // an answer: its services come first (and the list is about them)
	open   bool     // only those open now
}

// found is one service of a query's result.
type found struct {
	s     *content.Service
	open  bool
	first bool    // one of the answer's own services
	km    float64 // distance from the query point; -1 without one
}

// query finds the services a person in region can use that fit f (and,
// when first is not nil, those it holds come first), open ones first, then
// nearest to at (when not nil, only services with a point), else in pack
// order. It returns the best limit of them and how many fit in all.
func (ix *serviceIndex) query(region string, f serviceFilter, first map[string]bool, at *content.Geo, now time.Time, limit int) ([]found, int) {
	need, ok := ix.need(f)
	if !ok {
		return nil, 0
	}
	var lat0, lon0, cos0 float64
	if at != nil {
		lat0, lon0 = at.Lat*math.Pi/180, at.Lon*math.Pi/180
		cos0 = math.Cos(lat0)
	}
	moments := momentCache{ix: ix, now: now}
	top := make([]ranked, 0, limit+1)
	total := 0
	fast := !need.slowKind && !need.slowTopic && !need.slowLangs
	for _, i := range ix.visible[region] {
		it := &ix.items[i]
		if fast {
			// The usual case, without a call: every bit asked for is there.
			if it.kinds&need.kind != need.kind || it.tps&need.topic != need.topic ||
				(need.langs != 0 && it.langs&need.langs == 0) {
				continue
			}
		} else if !ix.fits(it, &f, need) {
			continue
		}
		if at != nil && !it.hasGeo {
			continue
		}
		isFirst := first != nil && first[it.s.ID]
		if first != nil && f.intent != "" && !isFirst && !ix.fitsTopic(it, f) {
			continue
		}
		r := ranked{i: i, open: true, first: isFirst, d: -1}
		if at != nil {
			// Equirectangular distance ranks points within a region
			// correctly and costs no trigonometry per service.
			x := (it.lon - lon0) * cos0
			y := it.lat - lat0
			r.d = x*x + y*y
		}
		if !f.open && (limit == 0 || (len(top) == limit && !r.before(top[limit-1]))) {
			// Even if it were open it would not make the list: whether it
			// is open does not matter, and that is most of the work.
			total++
			continue
		}
		r.open = moments.at(it.s.Region).Open(it.s)
		if f.open && !r.open {
			continue
		}
		total++
		if limit == 0 {
			continue // counting only
		}
		if len(top) == limit && !r.before(top[limit-1]) {
			continue
		}
		pos, _ := slices.BinarySearchFunc(top, r, func(a, b ranked) int {
			if a.before(b) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, pos, r)
		if len(top) > limit {
			top = top[:limit]
		}
	}
	out := make([]found, len(top))
	for k, r := range top {
		it := &ix.items[r.i]
		out[k] = found{s: it.s, open: r.open, first: r.first, km: -1}
		if at != nil {
			out[k].km = haversineKm(*at, *it.s.Geo)
		}
	}
	return out, total
}

// nearestKm is the distance from at to the nearest service a person in
// region can use, or +Inf when none has a point.
func (ix *serviceIndex) nearestKm(region string, at content.Geo) float64 {
	lat0, lon0 := at.Lat*math.Pi/180, at.Lon*math.Pi/180
	cos0 := math.Cos(lat0)
	best, bestI := math.Inf(1), int32(-1)
	for _, i := range ix.visible[region] {
		it := &ix.items[i]
		if !it.hasGeo {
			continue
		}
		x, y := (it.lon-lon0)*cos0, it.lat-lat0
		if d := x*x + y*y; d < best {
			best, bestI = d, i
		}
	}
	if bestI < 0 {
		return math.Inf(1)
	}
	return haversineKm(at, *ix.items[bestI].s.Geo)
}

// ranked orders query results: an answer's own services, then open ones,
// then nearest, then pack order.
type ranked struct {
	i           int32
	open, first bool
	d           float64
}

func (a ranked) before(b ranked) bool {
	if a.first != b.first {
		return a.first
	}
	if a.open != b.open {
		return a.open
	}
	if a.d != b.d {
		return a.d < b.d
	}
	return a.i < b.i
}

// filterBits are the bits a service must have, per dimension; a value
// beyond the 64 that have bits is checked by name.
type filterBits struct {
	kind, topic, langs  uint64
	slowKind, slowTopic bool
	slowLangs           bool
}

// need works out the bits of f; ok is false when nothing can fit (a kind
// or topic no service has).
func (ix *serviceIndex) need(f serviceFilter) (filterBits, bool) {
	var b filterBits
	look := func(key string) (uint64, bool, bool) { // bit, slow, possible
		if bit, ok := ix.bits[key]; ok {
			return bit, false, true
		}
		return 0, len(ix.bits) >= 64, len(ix.bits) >= 64
	}
	possible := true
	if f.kind != "" {
		var p bool
		b.kind, b.slowKind, p = look("k:" + f.kind)
		possible = possible && p
	}
	if f.topic != "" && f.intent == "" {
		var p bool
		b.topic, b.slowTopic, p = look("t:" + f.topic)
		possible = possible && p
	}
	for _, l := range f.langs {
		bit, slow, _ := look("l:" + l)
		b.langs |= bit
		b.slowLangs = b.slowLangs || slow
	}
	if len(f.langs) > 0 && b.langs == 0 && !b.slowLangs {
		possible = false
	}
	return b, possible
}

func (ix *serviceIndex) fits(it *indexedService, f *serviceFilter, b filterBits) bool {
	switch {
	case f.kind != "" && !(it.kinds&b.kind != 0 || (b.slowKind && slices.Contains(it.s.Kinds, f.kind))):
		return false
	case f.topic != "" && f.intent == "" && !(it.tps&b.topic != 0 || (b.slowTopic && slices.Contains(it.s.Topics, f.topic))):
		return false
	case len(f.langs) > 0 && it.langs&b.langs == 0:
		if !b.slowLangs {
			return false
		}
		for _, l := range f.langs {
			if slices.Contains(it.s.Languages, l) {
				return true
			}
		}
		return false
	}
	return true
}

// fitsTopic: besides an answer's own services, a list about the answer
// shows the other services of its topic.
func (ix *serviceIndex) fitsTopic(it *indexedService, f serviceFilter) bool {
	return f.topic != "" && slices.Contains(it.s.Topics, f.topic)
}

// momentCache works out the opening rules of each region once per query.
type momentCache struct {
	ix     *serviceIndex
	now    time.Time
	region string
	moment content.Moment
	others map[string]*content.Moment
}

func (m *momentCache) at(region string) *content.Moment {
	if region == m.region && m.region != "" {
		return &m.moment
	}
	if mo, ok := m.others[region]; ok {
		return mo
	}
	mo := m.ix.openings[region].At(m.now)
	if m.region == "" {
		m.region, m.moment = region, mo
		return &m.moment
	}
	if m.others == nil {
		m.others = map[string]*content.Moment{}
	}
	m.others[region] = &mo
	return &mo
}

// encode writes f for a session's focus ("k=doctor;l=ar+fa;t=health;o=1"
// or "i=health.find_doctor").
func (f serviceFilter) encode() string {
	if f.intent != "" {
		return "i=" + f.intent
	}
	var parts []string
	if f.kind != "" {
		parts = append(parts, "k="+f.kind)
	}
	if len(f.langs) > 0 {
		parts = append(parts, "l="+strings.Join(f.langs, "+"))
	}
	if f.topic != "" {
		parts = append(parts, "t="+f.topic)
	}
	if f.open {
		parts = append(parts, "o=1")
	}
	return strings.Join(parts, ";")
}

// decodeFilter reads what encode wrote; anything else gives the zero filter.
func decodeFilter(s string) serviceFilter {
	var f serviceFilter
	for _, part := range strings.Split(s, ";") {
		k, v, _ := strings.Cut(part, "=")
		switch k {
		case "i":
			f.intent = v
		case "k":
			f.kind = v
		case "l":
			f.langs = strings.Split(v, "+")
		case "t":
			f.topic = v
		case "o":
			f.open = v == "1"
		}
	}
	return f
}
