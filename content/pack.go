package content

import (
	"slices"
	"sort"
	"sync"
)

// Pack is a complete, consistent snapshot of content: what a content-pack
// directory, the bundled pack or the database holds at one moment. A Pack is
// immutable once built; a change makes a new Pack.
type Pack struct {
	ID             string
	Name           string
	SourceLanguage string   // language the translations are made from
	Languages      []string // content languages, in the pack's order
	Regions        []*Region
	Topics         []*Topic
	Intents        []*Intent // every regional variant
	Services       []*Service
	// EmergencyPhrases are phrase lists the pack adds to the emergency
	// router's built-in ones, one per language of the pack (see Phrase).
	EmergencyPhrases []PhraseList

	once     sync.Once
	regions  map[string]*Region
	topics   map[string]*Topic
	services map[string]*Service
	variants map[string][]*Intent // intent id → variants
	ids      []string             // intent ids, sorted
}

func (p *Pack) index() {
	p.once.Do(func() {
		p.regions = make(map[string]*Region, len(p.Regions))
		for _, r := range p.Regions {
			p.regions[r.ID] = r
		}
		p.topics = make(map[string]*Topic, len(p.Topics))
		for _, t := range p.Topics {
			p.topics[t.ID] = t
		}
		p.services = make(map[string]*Service, len(p.Services))
		for _, s := range p.Services {
			p.services[s.ID] = s
		}
		p.variants = make(map[string][]*Intent)
		for _, in := range p.Intents {
			p.variants[in.ID] = append(p.variants[in.ID], in)
		}
		p.ids = make([]string, 0, len(p.variants))
		for id := range p.variants {
			p.ids = append(p.ids, id)
		}
		sort.Strings(p.ids)
	})
}

// Region returns the region with the id, or nil.
func (p *Pack) Region(id string) *Region { p.index(); return p.regions[id] }

// Topic returns the topic with the id, or nil.
func (p *Pack) Topic(id string) *Topic { p.index(); return p.topics[id] }

// Service returns the service with the id, or nil.
func (p *Pack) Service(id string) *Service { p.index(); return p.services[id] }

// RootRegion returns the id of the first region without a parent.
func (p *Pack) RootRegion() string {
	for _, r := range p.Regions {
		if r.Parent == "" {
			return r.ID
		}
	}
	return p.ID
}

// RegionPath returns the ids from region up to its root, region first. An
// unknown region gives the path of the pack's root region.
func (p *Pack) RegionPath(region string) []string {
	p.index()
	if p.regions[region] == nil {
		region = p.RootRegion()
	}
	var path []string
	seen := map[string]bool{}
	for id := region; id != "" && !seen[id]; {
		seen[id] = true
		path = append(path, id)
		r := p.regions[id]
		if r == nil {
			break
		}
		id = r.Parent
	}
	return path
}

// Intent returns the variant of the intent that a user in region sees: the
// one from the nearest region on the path to the root, or nil if none.
func (p *Pack) Intent(id, region string) *Intent {
	p.index()
	return variantOn(p.variants[id], p.RegionPath(region))
}

// variantOn returns the variant of the first region on path that has one,
// or nil.
func variantOn(variants []*Intent, path []string) *Intent {
	for _, r := range path {
		for _, v := range variants {
			if v.Region == r {
				return v
			}
		}
	}
	return nil
}

// IntentsFor returns, sorted by id, every intent a user in region sees,
// each as the variant that wins there.
func (p *Pack) IntentsFor(region string) []*Intent {
	p.index()
	path := p.RegionPath(region)
	var out []*Intent
	for _, id := range p.ids {
		if in := variantOn(p.variants[id], path); in != nil {
			out = append(out, in)
		}
	}
	return out
}

// IntentIDs returns the distinct intent ids in the pack, sorted.
func (p *Pack) IntentIDs() []string {
	p.index()
	return slices.Clone(p.ids)
}

// Variants returns every regional variant of the intent id.
func (p *Pack) Variants(id string) []*Intent { p.index(); return p.variants[id] }

// RegionSetting walks from region to the root and returns the first region
// for which has reports true, or nil. It resolves inherited settings such as
// the time zone, the local language and the emergency numbers.
func (p *Pack) RegionSetting(region string, has func(*Region) bool) *Region {
	for _, id := range p.RegionPath(region) {
		if r := p.Region(id); r != nil && has(r) {
			return r
		}
	}
	return nil
}

// ServicesFor returns the services a user in region can use: those of the
// region and of its ancestors, sorted by id.
func (p *Pack) ServicesFor(region string) []*Service {
	onPath := map[string]bool{}
	for _, id := range p.RegionPath(region) {
		onPath[id] = true
	}
	var out []*Service
	for _, s := range p.Services {
		if onPath[s.Region] {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
