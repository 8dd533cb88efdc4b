package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// The upserts write a row only when it differs, so that an unchanged row
// leaves no audit entry and sends no reload notification.
const (
	upsertLanguageSQL = `INSERT INTO languages (tag, position) VALUES ($1, $2)
ON CONFLICT (tag) DO UPDATE SET position = excluded.position
WHERE languages.position IS DISTINCT FROM excluded.position`
	deleteLanguagesSQL = `DELETE FROM languages WHERE tag <> ALL ($1)`

	upsertPackSQL = `INSERT INTO pack (singleton, id, name, source_language) VALUES (true, $1, nullif($2, ''), nullif($3, ''))
ON CONFLICT (singleton) DO UPDATE SET id = excluded.id, name = excluded.name, source_language = excluded.source_language
WHERE (pack.id, pack.name, pack.source_language) IS DISTINCT FROM (excluded.id, excluded.name, excluded.source_language)`

	upsertRegionSQL = `INSERT INTO regions (id, parent, name, local_language, timezone, position)
VALUES ($1, nullif($2, ''), $3, nullif($4, ''), nullif($5, ''), $6)
ON CONFLICT (id) DO UPDATE SET parent = excluded.parent, name = excluded.name, local_language = excluded.local_language,
	timezone = excluded.timezone, position = excluded.position
WHERE (regions.parent, regions.name, regions.local_language, regions.timezone, regions.position)
	IS DISTINCT FROM (excluded.parent, excluded.name, excluded.local_language, excluded.timezone, excluded.position)`
	deleteRegionsSQL = `DELETE FROM regions WHERE id <> ALL ($1)`

	upsertEmergencySQL = `INSERT INTO emergency_numbers (region, kind, number) VALUES ($1, $2, $3)
ON CONFLICT (region, kind) DO UPDATE SET number = excluded.number
WHERE emergency_numbers.number IS DISTINCT FROM excluded.number`
	deleteEmergencySQL = `DELETE FROM emergency_numbers WHERE region = $1 AND kind <> ALL ($2)`

	upsertHelplineSQL = `INSERT INTO helplines (region, position, kind, name, phone, hours)
VALUES ($1, $2, $3, $4, $5, nullif($6, ''))
ON CONFLICT (region, position) DO UPDATE SET kind = excluded.kind, name = excluded.name, phone = excluded.phone, hours = excluded.hours
WHERE (helplines.kind, helplines.name, helplines.phone, helplines.hours)
	IS DISTINCT FROM (excluded.kind, excluded.name, excluded.phone, excluded.hours)`
	deleteHelplinesSQL = `DELETE FROM helplines WHERE region = $1 AND position >= $2`

	upsertTopicSQL = `INSERT INTO topics (id, name, position) VALUES ($1, $2, $3)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position
WHERE (topics.name, topics.position) IS DISTINCT FROM (excluded.name, excluded.position)`
	deleteTopicsSQL = `DELETE FROM topics WHERE id <> ALL ($1)`

	upsertServiceSQL = `INSERT INTO services (id, region, name, address, lat, lon, phone, url, by_appointment, file, position)
VALUES ($1, $2, $3, nullif($4, ''), $5, $6, nullif($7, ''), nullif($8, ''), $9, nullif($10, ''), $11)
ON CONFLICT (id) DO UPDATE SET region = excluded.region, name = excluded.name, address = excluded.address,
	lat = excluded.lat, lon = excluded.lon, phone = excluded.phone, url = excluded.url,
	by_appointment = excluded.by_appointment, file = excluded.file, position = excluded.position
WHERE (services.region, services.name, services.address, services.lat, services.lon, services.phone, services.url,
	services.by_appointment, services.file, services.position)
	IS DISTINCT FROM (excluded.region, excluded.name, excluded.address, excluded.lat, excluded.lon, excluded.phone,
	excluded.url, excluded.by_appointment, excluded.file, excluded.position)`
	deleteServicesSQL = `DELETE FROM services WHERE id <> ALL ($1)`

	upsertServiceTopicSQL = `INSERT INTO service_topics (service, topic, position) VALUES ($1, $2, $3)
ON CONFLICT (service, topic) DO UPDATE SET position = excluded.position
WHERE service_topics.position IS DISTINCT FROM excluded.position`
	deleteServiceTopicsSQL = `DELETE FROM service_topics WHERE service = $1 AND topic <> ALL ($2)`

	upsertServiceLanguageSQL = `INSERT INTO service_languages (service, lang, position) VALUES ($1, $2, $3)
ON CONFLICT (service, lang) DO UPDATE SET position = excluded.position
WHERE service_languages.position IS DISTINCT FROM excluded.position`
	deleteServiceLanguagesSQL = `DELETE FROM service_languages WHERE service = $1 AND lang <> ALL ($2)`

	upsertServiceHoursSQL = `INSERT INTO service_hours (service, day, open, close) VALUES ($1, $2, $3, $4)
ON CONFLICT (service, day, open) DO UPDATE SET close = excluded.close
WHERE service_hours.close IS DISTINCT FROM excluded.close`
	deleteServiceHoursSQL = `DELETE FROM service_hours WHERE service = $1 AND (day || ':' || open) <> ALL ($2)`

	upsertIntentSQL = `INSERT INTO intents (id, region, topic, source, reviewed, file, position)
VALUES ($1, $2, $3, nullif($4, ''), $5, nullif($6, ''), $7)
ON CONFLICT (id, region) DO UPDATE SET topic = excluded.topic, source = excluded.source, reviewed = excluded.reviewed,
	file = excluded.file, position = excluded.position
WHERE (intents.topic, intents.source, intents.reviewed, intents.file, intents.position)
	IS DISTINCT FROM (excluded.topic, excluded.source, excluded.reviewed, excluded.file, excluded.position)`
	deleteIntentsSQL = `DELETE FROM intents WHERE (id || ' (' || region || ')') <> ALL ($1)`

	upsertIntentServiceSQL = `INSERT INTO intent_services (intent, region, service, position) VALUES ($1, $2, $3, $4)
ON CONFLICT (intent, region, service) DO UPDATE SET position = excluded.position
WHERE intent_services.position IS DISTINCT FROM excluded.position`
	deleteIntentServicesSQL = `DELETE FROM intent_services WHERE intent = $1 AND region = $2 AND service <> ALL ($3)`

	upsertTranslationSQL = `INSERT INTO translations (intent, region, lang, title, examples, keywords, answer, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, nullif($8, ''))
ON CONFLICT (intent, region, lang) DO UPDATE SET title = excluded.title, examples = excluded.examples,
	keywords = excluded.keywords, answer = excluded.answer, status = excluded.status
WHERE (translations.title, translations.examples, translations.keywords, translations.answer, translations.status)
	IS DISTINCT FROM (excluded.title, excluded.examples, excluded.keywords, excluded.answer, excluded.status)`
	deleteTranslationsSQL = `DELETE FROM translations WHERE intent = $1 AND region = $2 AND lang <> ALL ($3)`
)

// apply writes p over the database content old. Foreign keys are checked at
// commit, so the order of the writes only matters for the lineage
// triggers: the pack row (source language) comes before translations, and
// each intent's source-language translation before the others.
func apply(ctx context.Context, tx execer, old, p *content.Pack, report *ImportReport) error {
	w := &writer{ctx: ctx, tx: tx}
	for i, tag := range p.Languages {
		w.exec("languages "+tag, upsertLanguageSQL, tag, i)
	}
	w.exec("pack "+p.ID, upsertPackSQL, p.ID, p.Name, p.SourceLanguage)
	for i, r := range p.Regions {
		w.region(i, r)
	}
	for i, t := range p.Topics {
		w.exec("topics "+t.ID, upsertTopicSQL, t.ID, w.text(t.Name), i)
	}
	for i, s := range p.Services {
		w.service(i, s)
	}
	oldIntents := map[string]*content.Intent{}
	for _, in := range old.Intents {
		oldIntents[variantName(in)] = in
	}
	var intentKeys []string
	for i, in := range p.Intents {
		intentKeys = append(intentKeys, variantName(in))
		report.Outdated = append(report.Outdated, w.intent(i, in, oldIntents[variantName(in)], p.SourceLanguage)...)
	}
	w.exec("intents", deleteIntentsSQL, list(intentKeys))
	w.exec("services", deleteServicesSQL, list(ids(p.Services, func(s *content.Service) string { return s.ID })))
	w.exec("topics", deleteTopicsSQL, list(ids(p.Topics, func(t *content.Topic) string { return t.ID })))
	w.exec("regions", deleteRegionsSQL, list(ids(p.Regions, func(r *content.Region) string { return r.ID })))
	w.exec("languages", deleteLanguagesSQL, list(p.Languages))
	return w.err
}

// writer runs statements until the first error, which names the object.
type writer struct {
	ctx context.Context
	tx  execer
	err error
}

func (w *writer) exec(object, query string, args ...any) {
	if w.err != nil {
		return
	}
	if _, err := w.tx.ExecContext(w.ctx, query, args...); err != nil {
		w.err = fmt.Errorf("write %s: %w", object, err)
	}
}

func (w *writer) text(t content.Text) []byte {
	if t == nil {
		t = content.Text{}
	}
	b, err := json.Marshal(t)
	if err != nil && w.err == nil {
		w.err = err
	}
	return b
}

func (w *writer) region(pos int, r *content.Region) {
	obj := "region " + r.ID
	w.exec(obj, upsertRegionSQL, r.ID, r.Parent, w.text(r.Name), r.LocalLanguage, r.Timezone, pos)
	kinds := slices.Sorted(maps.Keys(r.Emergency))
	for _, k := range kinds {
		w.exec(obj+" emergency "+k, upsertEmergencySQL, r.ID, k, r.Emergency[k])
	}
	w.exec(obj+" emergency", deleteEmergencySQL, r.ID, list(kinds))
	for i, h := range r.Helplines {
		w.exec(obj+" helpline "+h.Kind, upsertHelplineSQL, r.ID, i, h.Kind, w.text(h.Name), h.Phone, h.Hours)
	}
	w.exec(obj+" helplines", deleteHelplinesSQL, r.ID, len(r.Helplines))
}

func (w *writer) service(pos int, s *content.Service) {
	obj := "service " + s.ID
	var lat, lon *float64
	if s.Geo != nil {
		lat, lon = &s.Geo.Lat, &s.Geo.Lon
	}
	w.exec(obj, upsertServiceSQL, s.ID, s.Region, w.text(s.Name), s.Address, lat, lon, s.Phone, s.URL,
		s.ByAppointment, s.File, pos)
	for i, t := range s.Topics {
		w.exec(obj+" topic "+t, upsertServiceTopicSQL, s.ID, t, i)
	}
	w.exec(obj+" topics", deleteServiceTopicsSQL, s.ID, list(s.Topics))
	for i, l := range s.Languages {
		w.exec(obj+" language "+l, upsertServiceLanguageSQL, s.ID, l, i)
	}
	w.exec(obj+" languages", deleteServiceLanguagesSQL, s.ID, list(s.Languages))
	var keep []string
	for day, ranges := range s.Hours {
		for _, r := range ranges {
			w.exec(fmt.Sprintf("%s hours day %d %s", obj, day, r), upsertServiceHoursSQL, s.ID, day, r.Open, r.Close)
			keep = append(keep, strconv.Itoa(day)+":"+strconv.Itoa(r.Open))
		}
	}
	w.exec(obj+" hours", deleteServiceHoursSQL, s.ID, list(keep))
}

// intent writes one intent variant and returns the translations that stay
// outdated because the import changed the source-language text and not
// theirs.
func (w *writer) intent(pos int, in, old *content.Intent, sourceLang string) (outdated []string) {
	obj := "intent " + variantName(in)
	var reviewed any
	if !in.Reviewed.IsZero() {
		reviewed = in.Reviewed.Format("2006-01-02")
	}
	w.exec(obj, upsertIntentSQL, in.ID, in.Region, in.Topic, in.Source, reviewed, in.File, pos)
	for i, s := range in.Services {
		w.exec(obj+" service "+s, upsertIntentServiceSQL, in.ID, in.Region, s, i)
	}
	w.exec(obj+" services", deleteIntentServicesSQL, in.ID, in.Region, list(in.Services))

	langs := slices.Sorted(maps.Keys(in.Translations))
	if i := slices.Index(langs, sourceLang); i > 0 { // source language first
		langs = append(append([]string{sourceLang}, langs[:i]...), langs[i+1:]...)
	}
	sourceChanged := false
	if old != nil {
		if before, now := old.Translations[sourceLang], in.Translations[sourceLang]; before != nil && now != nil {
			sourceChanged = !sameText(before, now)
		}
	}
	for _, lang := range langs {
		t := in.Translations[lang]
		status := string(t.Status)
		if lang != sourceLang && sourceChanged {
			if before := old.Translations[lang]; before != nil && sameText(before, t) {
				status = string(content.StatusOutdated)
				outdated = append(outdated, variantName(in)+" "+lang)
			}
		}
		w.exec(obj+" translation "+lang, upsertTranslationSQL, in.ID, in.Region, lang, t.Title,
			list(t.Examples), list(t.Keywords), t.Answer, status)
	}
	w.exec(obj+" translations", deleteTranslationsSQL, in.ID, in.Region, list(langs))
	return outdated
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// list makes a SQL array of a; nil becomes an empty array, not NULL (NOT
// NULL columns; "x <> ALL (NULL)" would match nothing).
func list(a []string) pq.StringArray {
	if a == nil {
		return pq.StringArray{}
	}
	return a
}
