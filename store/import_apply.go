package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// Each table is written with one upsert of all its rows (sent as a JSON
// array) and one delete of the rows the pack no longer has: a few dozen
// statements per import, whatever the size of the pack. The upserts write
// a row only when it differs, so an unchanged row leaves no audit entry
// and sends no reload notification. Absent JSON keys become NULL.
const (
	upsertLanguagesSQL = `INSERT INTO languages (tag, position)
SELECT tag, position FROM jsonb_to_recordset($1) AS x(tag text, position bigint)
ON CONFLICT (tag) DO UPDATE SET position = excluded.position
WHERE languages.position IS DISTINCT FROM excluded.position`
	deleteLanguagesSQL = `DELETE FROM languages t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(tag text) WHERE x.tag = t.tag)`

	upsertPackSQL = `INSERT INTO pack (singleton, id, name, source_language) VALUES (true, $1, nullif($2, ''), nullif($3, ''))
ON CONFLICT (singleton) DO UPDATE SET id = excluded.id, name = excluded.name, source_language = excluded.source_language
WHERE (pack.id, pack.name, pack.source_language) IS DISTINCT FROM (excluded.id, excluded.name, excluded.source_language)`

	upsertRegionsSQL = `INSERT INTO regions (id, parent, name, local_language, timezone, holiday_calendar, volunteer_hours, position)
SELECT id, parent, name, local_language, timezone, holiday_calendar, volunteer_hours, position
FROM jsonb_to_recordset($1) AS x(id text, parent text, name jsonb, local_language text, timezone text,
	holiday_calendar text, volunteer_hours jsonb, position bigint)
ON CONFLICT (id) DO UPDATE SET parent = excluded.parent, name = excluded.name, local_language = excluded.local_language,
	timezone = excluded.timezone, holiday_calendar = excluded.holiday_calendar, volunteer_hours = excluded.volunteer_hours,
	position = excluded.position
WHERE (regions.parent, regions.name, regions.local_language, regions.timezone, regions.holiday_calendar,
	regions.volunteer_hours, regions.position)
	IS DISTINCT FROM (excluded.parent, excluded.name, excluded.local_language, excluded.timezone,
	excluded.holiday_calendar, excluded.volunteer_hours, excluded.position)`

	upsertRegionHolidaysSQL = `INSERT INTO region_holidays (region, position, first_day, last_day, name)
SELECT owner, position, first_day, last_day, note
FROM jsonb_to_recordset($1) AS x(owner text, position bigint, first_day text, last_day text, note jsonb)
ON CONFLICT (region, position) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day, name = excluded.name
WHERE (region_holidays.first_day, region_holidays.last_day, region_holidays.name)
	IS DISTINCT FROM (excluded.first_day, excluded.last_day, excluded.name)`
	deleteRegionHolidaysSQL = `DELETE FROM region_holidays t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(owner text, position bigint) WHERE x.owner = t.region AND x.position = t.position)`

	upsertDistrictsSQL = `INSERT INTO region_districts (region, position, name, aliases, lat, lon)
SELECT region, position, name, aliases, lat, lon
FROM jsonb_to_recordset($1) AS x(region text, position bigint, name jsonb, aliases text[], lat double precision, lon double precision)
ON CONFLICT (region, position) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, lat = excluded.lat, lon = excluded.lon
WHERE (region_districts.name, region_districts.aliases, region_districts.lat, region_districts.lon)
	IS DISTINCT FROM (excluded.name, excluded.aliases, excluded.lat, excluded.lon)`
	deleteDistrictsSQL = `DELETE FROM region_districts t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(region text, position bigint) WHERE x.region = t.region AND x.position = t.position)`
	deleteRegionsSQL = `DELETE FROM regions t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(id text) WHERE x.id = t.id)`

	upsertEmergencySQL = `INSERT INTO emergency_numbers (region, kind, number)
SELECT region, kind, number FROM jsonb_to_recordset($1) AS x(region text, kind text, number text)
ON CONFLICT (region, kind) DO UPDATE SET number = excluded.number
WHERE emergency_numbers.number IS DISTINCT FROM excluded.number`
	deleteEmergencySQL = `DELETE FROM emergency_numbers t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(region text, kind text) WHERE x.region = t.region AND x.kind = t.kind)`

	upsertHelplinesSQL = `INSERT INTO helplines (region, position, kind, name, phone, hours)
SELECT region, position, kind, name, phone, hours
FROM jsonb_to_recordset($1) AS x(region text, position bigint, kind text, name jsonb, phone text, hours text)
ON CONFLICT (region, position) DO UPDATE SET kind = excluded.kind, name = excluded.name, phone = excluded.phone, hours = excluded.hours
WHERE (helplines.kind, helplines.name, helplines.phone, helplines.hours)
	IS DISTINCT FROM (excluded.kind, excluded.name, excluded.phone, excluded.hours)`
	deleteHelplinesSQL = `DELETE FROM helplines t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(region text, position bigint) WHERE x.region = t.region AND x.position = t.position)`

	upsertTopicsSQL = `INSERT INTO topics (id, name, position)
SELECT id, name, position FROM jsonb_to_recordset($1) AS x(id text, name jsonb, position bigint)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position
WHERE (topics.name, topics.position) IS DISTINCT FROM (excluded.name, excluded.position)`
	deleteTopicsSQL = `DELETE FROM topics t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(id text) WHERE x.id = t.id)`

	upsertServicesSQL = `INSERT INTO services (id, region, name, address, lat, lon, phone, url, source, kinds, by_appointment, file, position)
SELECT id, region, name, address, lat, lon, phone, url, source, kinds, by_appointment, file, position
FROM jsonb_to_recordset($1) AS x(id text, region text, name jsonb, address text, lat double precision,
	lon double precision, phone text, url text, source text, kinds text[], by_appointment boolean, file text, position bigint)
ON CONFLICT (id) DO UPDATE SET region = excluded.region, name = excluded.name, address = excluded.address,
	lat = excluded.lat, lon = excluded.lon, phone = excluded.phone, url = excluded.url, source = excluded.source,
	kinds = excluded.kinds, by_appointment = excluded.by_appointment, file = excluded.file, position = excluded.position
WHERE (services.region, services.name, services.address, services.lat, services.lon, services.phone, services.url,
	services.source, services.kinds, services.by_appointment, services.file, services.position)
	IS DISTINCT FROM (excluded.region, excluded.name, excluded.address, excluded.lat, excluded.lon, excluded.phone,
	excluded.url, excluded.source, excluded.kinds, excluded.by_appointment, excluded.file, excluded.position)`

	upsertServiceExceptionsSQL = `INSERT INTO service_exceptions (service, position, first_day, last_day, hours, note)
SELECT owner, position, first_day, last_day, hours, note
FROM jsonb_to_recordset($1) AS x(owner text, position bigint, first_day text, last_day text, hours text[], note jsonb)
ON CONFLICT (service, position) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,
	hours = excluded.hours, note = excluded.note
WHERE (service_exceptions.first_day, service_exceptions.last_day, service_exceptions.hours, service_exceptions.note)
	IS DISTINCT FROM (excluded.first_day, excluded.last_day, excluded.hours, excluded.note)`
	deleteServiceExceptionsSQL = `DELETE FROM service_exceptions t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(owner text, position bigint) WHERE x.owner = t.service AND x.position = t.position)`
	deleteServicesSQL = `DELETE FROM services t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(id text) WHERE x.id = t.id)`

	upsertServiceTopicsSQL = `INSERT INTO service_topics (service, topic, position)
SELECT service, value, position FROM jsonb_to_recordset($1) AS x(service text, value text, position bigint)
ON CONFLICT (service, topic) DO UPDATE SET position = excluded.position
WHERE service_topics.position IS DISTINCT FROM excluded.position`
	deleteServiceTopicsSQL = `DELETE FROM service_topics t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(service text, value text) WHERE x.service = t.service AND x.value = t.topic)`

	upsertServiceLanguagesSQL = `INSERT INTO service_languages (service, lang, position)
SELECT service, value, position FROM jsonb_to_recordset($1) AS x(service text, value text, position bigint)
ON CONFLICT (service, lang) DO UPDATE SET position = excluded.position
WHERE service_languages.position IS DISTINCT FROM excluded.position`
	deleteServiceLanguagesSQL = `DELETE FROM service_languages t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(service text, value text) WHERE x.service = t.service AND x.value = t.lang)`

	upsertServiceHoursSQL = `INSERT INTO service_hours (service, day, open, close)
SELECT service, day, open, close FROM jsonb_to_recordset($1) AS x(service text, day smallint, open integer, close integer)
ON CONFLICT (service, day, open) DO UPDATE SET close = excluded.close
WHERE service_hours.close IS DISTINCT FROM excluded.close`
	deleteServiceHoursSQL = `DELETE FROM service_hours t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(service text, day smallint, open integer)
	WHERE x.service = t.service AND x.day = t.day AND x.open = t.open)`

	upsertIntentsSQL = `INSERT INTO intents (id, region, topic, source, reviewed, file, position)
SELECT id, region, topic, source, reviewed, file, position
FROM jsonb_to_recordset($1) AS x(id text, region text, topic text, source text, reviewed date, file text, position bigint)
ON CONFLICT (id, region) DO UPDATE SET topic = excluded.topic, source = excluded.source, reviewed = excluded.reviewed,
	file = excluded.file, position = excluded.position
WHERE (intents.topic, intents.source, intents.reviewed, intents.file, intents.position)
	IS DISTINCT FROM (excluded.topic, excluded.source, excluded.reviewed, excluded.file, excluded.position)`
	deleteIntentsSQL = `DELETE FROM intents t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(id text, region text) WHERE x.id = t.id AND x.region = t.region)`

	upsertIntentServicesSQL = `INSERT INTO intent_services (intent, region, service, position)
SELECT intent, region, service, position
FROM jsonb_to_recordset($1) AS x(intent text, region text, service text, position bigint)
ON CONFLICT (intent, region, service) DO UPDATE SET position = excluded.position
WHERE intent_services.position IS DISTINCT FROM excluded.position`
	deleteIntentServicesSQL = `DELETE FROM intent_services t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(intent text, region text, service text)
	WHERE x.intent = t.intent AND x.region = t.region AND x.service = t.service)`

	upsertTranslationsSQL = `INSERT INTO translations (intent, region, lang, title, examples, keywords, answer, status)
SELECT intent, region, lang, title, examples, keywords, answer, status
FROM jsonb_to_recordset($1) AS x(intent text, region text, lang text, title text, examples text[], keywords text[],
	answer text, status text)
ON CONFLICT (intent, region, lang) DO UPDATE SET title = excluded.title, examples = excluded.examples,
	keywords = excluded.keywords, answer = excluded.answer, status = excluded.status
WHERE (translations.title, translations.examples, translations.keywords, translations.answer, translations.status)
	IS DISTINCT FROM (excluded.title, excluded.examples, excluded.keywords, excluded.answer, excluded.status)`
	deleteTranslationsSQL = `DELETE FROM translations t WHERE NOT EXISTS (
	SELECT 1 FROM jsonb_to_recordset($1) AS x(intent text, region text, lang text)
	WHERE x.intent = t.intent AND x.region = t.region AND x.lang = t.lang)`
)

// apply writes p over the database content old. Foreign keys are checked
// at commit, so the order of the writes only matters for the lineage
// triggers: the pack row (source language) comes before translations, and
// source-language translations before the others.
func apply(ctx context.Context, tx sqlx.ExecerContext, old, p *content.Pack, report *ImportReport) error {
	r := rowsOf(old, p)
	report.Outdated = r.outdated
	allTranslations := append(slices.Clone(r.sourceTranslations), r.otherTranslations...)
	steps := []struct {
		table, query string
		rows         any
	}{
		{"languages", upsertLanguagesSQL, r.languages},
		{"regions", upsertRegionsSQL, r.regions},
		{"emergency_numbers", upsertEmergencySQL, r.emergency},
		{"emergency_numbers", deleteEmergencySQL, r.emergency},
		{"helplines", upsertHelplinesSQL, r.helplines},
		{"helplines", deleteHelplinesSQL, r.helplines},
		{"region_holidays", upsertRegionHolidaysSQL, r.regionHolidays},
		{"region_holidays", deleteRegionHolidaysSQL, r.regionHolidays},
		{"region_districts", upsertDistrictsSQL, r.districts},
		{"region_districts", deleteDistrictsSQL, r.districts},
		{"topics", upsertTopicsSQL, r.topics},
		{"services", upsertServicesSQL, r.services},
		{"service_topics", upsertServiceTopicsSQL, r.serviceTopics},
		{"service_topics", deleteServiceTopicsSQL, r.serviceTopics},
		{"service_languages", upsertServiceLanguagesSQL, r.serviceLanguages},
		{"service_languages", deleteServiceLanguagesSQL, r.serviceLanguages},
		{"service_hours", upsertServiceHoursSQL, r.hours},
		{"service_hours", deleteServiceHoursSQL, r.hours},
		{"service_exceptions", upsertServiceExceptionsSQL, r.exceptions},
		{"service_exceptions", deleteServiceExceptionsSQL, r.exceptions},
		{"intents", upsertIntentsSQL, r.intents},
		{"intent_services", upsertIntentServicesSQL, r.intentServices},
		{"intent_services", deleteIntentServicesSQL, r.intentServices},
		{"translations", upsertTranslationsSQL, r.sourceTranslations},
		{"translations", upsertTranslationsSQL, r.otherTranslations},
		{"translations", deleteTranslationsSQL, allTranslations},
		{"intents", deleteIntentsSQL, r.intents},
		{"services", deleteServicesSQL, r.services},
		{"topics", deleteTopicsSQL, r.topics},
		{"regions", deleteRegionsSQL, r.regions},
		{"languages", deleteLanguagesSQL, r.languages},
	}
	if _, err := tx.ExecContext(ctx, upsertPackSQL, p.ID, p.Name, p.SourceLanguage); err != nil {
		return fmt.Errorf("write pack %s: %w", p.ID, withDetail(err))
	}
	for _, st := range steps {
		rows, err := json.Marshal(st.rows)
		if err != nil {
			return fmt.Errorf("write %s: %w", st.table, err)
		}
		if string(rows) == "null" {
			rows = []byte("[]")
		}
		if _, err := tx.ExecContext(ctx, st.query, string(rows)); err != nil {
			return fmt.Errorf("write %s: %w", st.table, withDetail(err))
		}
	}
	return nil
}

// withDetail adds PostgreSQL's detail (which names the failing row) to
// its error.
func withDetail(err error) error {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Detail != "" {
		return fmt.Errorf("%w (%s)", err, pqErr.Detail)
	}
	return err
}
