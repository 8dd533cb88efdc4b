package match

import (
	"strings"
	"unicode/utf8"

	"github.com/compassbot/compass/content"
)

// Understand resolves the language of a message, routes emergencies and
// ranks the intents visible in the person's region.
func (m *Matcher) Understand(q content.Query) content.Understanding {
	text := q.Text
	if len(text) > maxQueryBytes {
		cut := maxQueryBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	ws := analyseText(text)
	res := m.resolve(q, text, ws)
	u := content.Understanding{Lang: res.lang, Detected: res.detected}
	u.Emergency = m.emergency.route(ws.fold)
	if m.notLanguage(text, ws) && (u.Emergency == "" || m.surelyNotLanguage(text, ws)) {
		return content.Understanding{Lang: u.Lang, NotLanguage: true}
	}
	if len(ws.tok) == 0 {
		return u
	}
	// Small talk first ("grazie" is thanks, not an inflection of Graz),
	// then the names of regions: a place's name picks the region to rank
	// for and is no evidence of the need.
	query := ws
	smallTalk := ""
	if u.Emergency == "" {
		if kind, covered := m.smallTalk.find(ws.fold); kind != "" {
			smallTalk = kind
			query = query.subset(func(i int) bool { return !covered[i] })
		}
	}
	region := q.Region
	named, names := m.namedRegion(query.fold, q.Region)
	if named != "" {
		u.Region, region = named, named
	}
	if names != nil {
		query = query.subset(func(i int) bool { return !names[i] })
	}
	if smallTalk != "" && m.onlySmallTalkRest(query, res) {
		u.SmallTalk = smallTalk
		return u
	}
	if len(query.tok) == 0 {
		return u
	}
	cands, via := m.rank(focusQuestion(text, query), res, region)
	u.Candidates = calibrate(cands, via.evidence)
	u.Confident = len(cands) > 0 && u.Candidates[0].Score >= tuning.Threshold
	u.AskBack = askBack(u)
	if u.Confident || u.AskBack {
		switch m.weakEvidence(query, res, region, u) {
		case evidenceOffDomain:
			u.Confident, u.AskBack = false, false
		case evidenceThin:
			u.AskBack = true
		}
	}
	if u.AskBack {
		u.Confident = false
	}
	if via.translitLang != "" && !res.byLetters && (u.Confident || u.AskBack || !res.sure) {
		// Latin letters, but the words are those of a language written in
		// another script: "gde sdelat meldezettel" is Russian. A "not
		// sure" must be in that language too.
		u.Detected = via.translitLang
		if l := m.packLang(via.translitLang); l != "" && q.Chosen == "" {
			u.Lang = l
		}
	}
	if u.Emergency != "" {
		u.Candidates = m.emergencyFirst(u.Candidates, u.Emergency, region)
		u.Confident, u.AskBack = len(u.Candidates) > 0, false
	}
	return u
}

// askBack says whether the engine should ask "did you mean …?" rather
// than answer or say it is not sure: the best candidate is confident, but
// not very (below tuning.AskSure), and the second is nearly as good
// (tuning.AskRatio); or the best is not confident but plausible
// (tuning.AskFloor).
func askBack(u content.Understanding) bool {
	if len(u.Candidates) == 0 {
		return false
	}
	best := u.Candidates[0].Score
	if !u.Confident {
		return best >= tuning.AskFloor
	}
	return best < tuning.AskSure && len(u.Candidates) > 1 && u.Candidates[1].Score >= tuning.AskRatio*best
}

// Kinds of weak evidence for a best candidate (weakEvidence).
const (
	evidenceEnough    = iota
	evidenceThin      // one word of a longer message: ask back
	evidenceOffDomain // one word, and the message names something outside the domain: not sure
)

// weakEvidence says whether the best candidate rests on too little of the
// message. When at most tuning.ThinNamed of the message's content words
// are used by the intent's titles, examples or keywords: if the message
// has an out-of-domain word (data/offdomain: football, a recipe, the
// weather) that the pack's texts do not use, and at most
// tuning.OffDomainMargin more words the pack's questions use than such
// words, the candidate is no evidence ("where can I watch football
// tonight?" and the homeless intent's "tonight"; but "I want to open a
// sweets shop, what do I need?" is about opening a business); else, in a
// message of at least tuning.ThinWords content words in a pack language
// whose best candidate is below tuning.ThinSure, it is asked back rather
// than answered ("which bank gives the best interest on savings?" shares
// only "bank" with opening a bank account).
func (m *Matcher) weakEvidence(query words, res resolution, region string, u content.Understanding) int {
	if tuning.ThinNamed < 0 || len(u.Candidates) == 0 {
		return evidenceEnough
	}
	best := u.Candidates[0].Score
	if !u.Confident || u.AskBack || best >= max(tuning.ThinSure, tuning.AskForeign) {
		// Only declining is left to decide: most messages name nothing
		// outside the domain and need no look at the intent's words.
		b := m.bags.Get().(*bag)
		single, phrases, _ := offDomainWords(b, query)
		m.bags.Put(b)
		if !tuning.OffDomain || len(single)+phrases == 0 {
			return evidenceEnough
		}
	}
	s := m.wordSupport(query, res, m.idIndex[u.Candidates[0].Intent], m.visibleIn(region))
	if s.named > tuning.ThinNamed {
		return evidenceEnough
	}
	if s.offDomain > 0 && tuning.OffDomain && s.asked <= s.offDomain+tuning.OffDomainMargin {
		return evidenceOffDomain
	}
	foreign := res.detected != "" && !m.hasLanguage(res.detected)
	if foreign && u.Confident && !u.AskBack && best < tuning.AskForeign {
		return evidenceThin
	}
	if u.Confident && !u.AskBack && !foreign && s.content >= tuning.ThinWords && best < tuning.ThinSure {
		return evidenceThin
	}
	return evidenceEnough
}

// onlySmallTalkRest reports whether the words are none or only function
// words of the message's language and small-talk fillers (the rest of a
// small-talk message: "hi and thanks", "thanks for your help, brother").
func (m *Matcher) onlySmallTalkRest(ws words, res resolution) bool {
	for i, t := range ws.tok {
		if m.smallTalk.filler[ws.fold[i]] || !res.sure && anyStopWord(t) {
			continue // a language guessed, not sure: the words may be another language's
		}
		stop := stopList(res.lang)
		other := stopList(res.detected)
		if (stop == nil || !stop(t)) && (other == nil || !other(t)) {
			return false
		}
	}
	return true
}

// emergencyTopic is the topic id of emergency intents in a pack.
const emergencyTopic = "emergency"

// emergencyFirst puts the intents of the pack's emergency topic first: in
// an emergency the person needs those answers (numbers, protection), not
// whatever else the words resemble. Among them the one the message
// matches best comes first, else one named after the kind ("violence").
func (m *Matcher) emergencyFirst(cands []content.Candidate, kind, region string) []content.Candidate {
	var first, rest []content.Candidate
	seen := map[string]bool{}
	for _, c := range cands {
		seen[c.Intent] = true
		if m.pack.Topic(emergencyTopic) != nil && m.topicOf(c.Intent) == emergencyTopic {
			first = append(first, c)
		} else {
			rest = append(rest, c)
		}
	}
	top := 1.0
	if len(cands) > 0 {
		top = cands[0].Score
	}
	if len(first) == 0 {
		var named, other []content.Candidate
		for _, in := range m.pack.IntentsFor(m.regionOrRoot(region)) {
			if in.Topic != emergencyTopic || seen[in.ID] {
				continue
			}
			if strings.Contains(in.ID, kind) {
				named = append(named, content.Candidate{Intent: in.ID, Score: top})
			} else {
				other = append(other, content.Candidate{Intent: in.ID, Score: top})
			}
		}
		first = append(named, other...)
	}
	out := append(first, rest...)
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	for i := range out { // keep scores sorted best first
		if i == 0 {
			out[i].Score = max(out[i].Score, top)
		} else {
			out[i].Score = min(out[i].Score, out[i-1].Score)
		}
	}
	return out
}

// source tells where the evidence for a message came from.
type source struct {
	lang string // language of the index that gave the best candidate
	// translitLang is the language whose transliterated vocabulary knows
	// more words of a Latin-typed message than any Latin-script language;
	// "" if none.
	translitLang string
	evidence     evidence
}

// searchPlan lists the indices a message is looked up in, with weights.
type searchPlan struct {
	idx    *index
	weight float32
}

func (m *Matcher) plan(res resolution) []searchPlan {
	var out []searchPlan
	seen := map[*index]bool{}
	add := func(idx *index, w float32) {
		if idx != nil && !seen[idx] {
			seen[idx] = true
			out = append(out, searchPlan{idx, w})
		}
	}
	if !res.weak {
		add(m.words[m.packLang(res.detected)], 1)
	}
	add(m.words[res.lang], 1)
	// Other languages in the message's script, those that know its words
	// first; a few are enough.
	others := 0
	for _, lh := range res.lexicon {
		if others < maxSameScript && (lh.hits > 0 || len(out) < 2) && !seen[m.words[lh.lang]] {
			add(m.words[lh.lang], weightSameScript)
			others++
		}
	}
	if res.script == scriptLatin && !res.sure {
		for _, l := range m.langs {
			add(m.skeletons[l], weightTranslit)
		}
	}
	if len(out) == 0 || res.script != scriptLatin && !seen[m.words[m.source]] {
		add(m.words[m.source], weightOtherLang)
	}
	return out
}

// searchForeign looks the words written in another script than the
// message's ("Meldezettel" in "где сделать Meldezettel?") up in the
// indices of the pack languages written in that script, and records the
// best similarity per intent in s.foreign.
func (m *Matcher) searchForeign(tokens words, script string, allowed []bool, s *scores, b *bag) {
	other := ""
	foreign := tokens.subset(func(i int) bool {
		if ws := scriptOfWord(tokens.tok[i]); ws != scriptNone && ws != script {
			other = ws
			return true
		}
		return false
	})
	if len(foreign.tok) == 0 || len(foreign.tok) == len(tokens.tok) {
		return
	}
	for _, l := range m.langs {
		idx := m.words[l]
		if m.script[l] != other || idx == nil {
			continue
		}
		b.reset()
		idx.queryFeatures(b, foreign, nil)
		idx.search(b.feats, func(d docInfo, sm, _ similarity) {
			if !allowed[d.variant] {
				return
			}
			s.touch(d.intent)
			s.foreign[d.intent] = max(s.foreign[d.intent], sm.blend())
		})
	}
}

// conceptsFor says whether a message's concept features are searched:
// for every message, or (conceptsForeign) only for a message written in a
// language the pack lacks ("je cherche un médecin" against a pack in en,
// de, ar, …), whose words the pack's texts hardly ever use. A message in a
// pack language, or whose language is unsure, is matched exactly as
// without concepts: the pack's own words are the better evidence there,
// and concepts let off-topic questions with one everyday word through.
func (m *Matcher) conceptsFor(res resolution) bool {
	switch m.conceptUse {
	case conceptsAll:
		return true
	case conceptsForeign:
		if res.detected == "" && tuning.LetterGate {
			// Unsure, but the letters are those of a language the pack
			// lacks (Albanian ë, which no detector here knows).
			return res.letters != "" && !m.hasLanguage(res.letters)
		}
		return res.detected != "" && !m.hasLanguage(res.detected)
	}
	return false
}

// hasLanguage reports whether a language tag is one of the pack's
// languages, regardless of case and region or script subtags ("sr" for a
// pack in "sr-Latn"); unlike packLang it does not follow fallbacks
// (Bosnian is not Croatian here).
func (m *Matcher) hasLanguage(tag string) bool {
	base, _, _ := strings.Cut(canonicalTag(tag), "-")
	return m.langBases[base]
}

// rank scores the intents visible in region and returns the best few.
//
// A message in a language the pack lacks is matched with its concepts
// (conceptsFor). Any other message is scored on its literal evidence
// (words, trigrams, skeletons), and, with conceptOrder, its concepts
// decide the order: the intents are ranked by the similarity with the
// concept group, and the scores are scaled so that the best candidate
// keeps the literal best score. Concepts then move the intent that
// names what the message is about ahead of a neighbour sharing its
// everyday words, but they cannot make a match out of nothing: how sure
// the matcher is, and so whether an off-topic question is declined,
// still rests on the literal evidence alone.
func (m *Matcher) rank(tokens words, res resolution, region string) ([]content.Candidate, source) {
	allowed := m.visibleIn(region)
	s := m.scratch.Get().(*scores)
	b := m.bags.Get().(*bag)
	defer m.bags.Put(b)
	defer m.scratch.Put(s)
	knownDirect, knownTranslit, translitLang := 0, 0, ""
	full := m.conceptsFor(res)
	order := !full && m.conceptOrder
	lx := m.concepts
	if !full && !order {
		lx = nil
	}
	lx.queryConcepts(b, tokens)
	for _, p := range m.plan(res) {
		b.reset()
		p.idx.queryFeatures(b, tokens, b.concepts)
		w := p.weight
		idx := p.idx
		known := idx.search(b.feats, func(d docInfo, lit, all similarity) {
			if !allowed[d.variant] {
				return
			}
			if full {
				lit = all
			}
			sim, csim := w*lit.blend(), w*all.blend()
			s.touch(d.intent)
			switch d.kind {
			case docIntent:
				s.whole[d.intent] = max(s.whole[d.intent], sim)
				s.cwhole[d.intent] = max(s.cwhole[d.intent], csim)
				return
			case docAnswer:
				s.answer[d.intent] = max(s.answer[d.intent], sim)
				return
			}
			s.cfield[d.intent] = max(s.cfield[d.intent], csim)
			if sim > s.field[d.intent] {
				s.field[d.intent] = sim
				s.lang[d.intent] = idx.lang
				if idx.mode == modeSkeleton {
					s.lang[d.intent] = "~" + idx.lang
				}
			}
		})
		switch {
		case idx.mode != modeSkeleton:
			knownDirect = max(knownDirect, known)
		case known > knownTranslit:
			knownTranslit, translitLang = known, idx.lang
		}
	}
	b.reset()
	m.global.queryFeatures(b, tokens, nil)
	m.global.search(b.feats, func(d docInfo, sm, _ similarity) {
		if !allowed[d.variant] {
			return
		}
		s.touch(d.intent)
		s.best[d.intent] = max(s.best[d.intent], weightGlobal*sm.cos)
	})
	m.searchForeign(tokens, res.script, allowed, s, b)
	var lit1, lit2 float32 // the best two literal scores (order)
	for _, i := range s.touched {
		score := s.combine(i, s.field[i], s.whole[i])
		if order {
			if score > lit1 {
				lit1, lit2 = score, lit1
			} else if score > lit2 {
				lit2 = score
			}
			score = s.combine(i, s.cfield[i], s.cwhole[i])
		}
		s.best[i] = score
	}
	cands, second, lang := s.top(m.ids, maxCandidates)
	if order && lit1 < minCandidate {
		cands = nil // no literal candidate: no candidate, as without concepts
	}
	if order && len(cands) > 0 {
		scale := float64(lit1) / cands[0].Score
		for i := range cands {
			cands[i].Score *= scale
		}
		second = float64(lit2)
	}
	src := source{lang: strings.TrimPrefix(lang, "~")}
	if len(cands) > 0 {
		src.evidence = evidence{s1: cands[0].Score, s2: second, words: len(tokens.tok)}
	}
	if knownTranslit >= 2 && knownTranslit > knownDirect {
		src.translitLang = translitLang
	}
	return cands, src
}
