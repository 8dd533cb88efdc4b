package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/compassbot/compass/content"
)

// Load reads the content from the database and validates it with
// content.ValidatePack. A database that cannot be reached or content that
// does not validate gives an error that names the row; callers keep serving
// the pack they have.
func (s *DB) Load(ctx context.Context) (*content.Pack, error) {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("store: load content: %w", err)
	}
	defer tx.Rollback()
	version, err := readContentVersion(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("store: load content: %w", err)
	}
	p, err := readPack(ctx, tx)
	if err == nil && version >= 0 {
		s.loaded.Store(version) // also when the content does not validate: it is that version's
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "42P01" { // undefined_table
		return nil, fmt.Errorf("store: the database has no compass tables: run `compass migrate` and `compass import --pack DIR` (%w)", err)
	}
	if err != nil {
		return nil, fmt.Errorf("store: load content: %w", err)
	}
	if p.ID == "" {
		return nil, errors.New("store: the database holds no content yet: run `compass import --pack DIR` (or `compass export --out DIR` for the bundled pack to start from)")
	}
	if err := content.ValidatePack(p); err != nil {
		return nil, fmt.Errorf("store: the content in the database is not valid (fix these rows):\n%w", err)
	}
	return p, nil
}

// SQL that reads the content version (0011_content_version.sql); a
// database without the table (not migrated yet) has none.
const (
	hasContentVersionSQL    = `SELECT to_regclass('content_version') IS NOT NULL`
	selectContentVersionSQL = `SELECT version FROM content_version`
)

// readContentVersion returns the content version, or -1 when the database
// has none.
func readContentVersion(ctx context.Context, q sqlx.QueryerContext) (int64, error) {
	var has bool
	if err := sqlx.GetContext(ctx, q, &has, hasContentVersionSQL); err != nil || !has {
		return -1, err
	}
	var v int64
	err := sqlx.GetContext(ctx, q, &v, selectContentVersionSQL)
	return v, err
}

// SQL that reads the content, each in the order the pack had it.
const (
	selectPackSQL      = `SELECT id, coalesce(name, '') AS name, coalesce(source_language, '') AS source_language FROM pack`
	selectLanguagesSQL = `SELECT tag FROM languages ORDER BY position, tag`
	selectRegionsSQL   = `SELECT id, coalesce(parent, '') AS parent, name, coalesce(local_language, '') AS local_language,
	coalesce(timezone, '') AS timezone, coalesce(holiday_calendar, '') AS holiday_calendar,
	coalesce(volunteer_hours, '{}') AS volunteer_hours FROM regions ORDER BY position, id`
	selectRegionHolidaysSQL = `SELECT region AS owner, first_day, last_day, '{}'::text[] AS hours, name AS note
	FROM region_holidays ORDER BY region, position`
	selectRegionDistrictsSQL = `SELECT region, name, aliases, lat, lon FROM region_districts ORDER BY region, position`
	selectEmergencySQL       = `SELECT region, kind, number FROM emergency_numbers ORDER BY region, kind`
	selectHelplinesSQL       = `SELECT region, kind, name, phone, coalesce(hours, '') AS hours FROM helplines ORDER BY region, position`
	selectTopicsSQL          = `SELECT id, name FROM topics ORDER BY position, id`
	selectServicesSQL        = `SELECT id, region, name, coalesce(address, '') AS address, lat, lon, coalesce(phone, '') AS phone,
	coalesce(url, '') AS url, coalesce(source, '') AS source, kinds, by_appointment, coalesce(file, '') AS file
	FROM services ORDER BY position, id`
	selectServiceExceptionsSQL = `SELECT service AS owner, first_day, last_day, hours, note
	FROM service_exceptions ORDER BY service, position`
	selectServiceTopicsSQL    = `SELECT service, topic AS value FROM service_topics ORDER BY service, position, topic`
	selectServiceLanguagesSQL = `SELECT service, lang AS value FROM service_languages ORDER BY service, position, lang`
	selectServiceHoursSQL     = `SELECT service, day, open, close FROM service_hours ORDER BY service, day, open`
	selectIntentsSQL          = `SELECT id, region, topic, coalesce(source, '') AS source, reviewed, coalesce(file, '') AS file
	FROM intents ORDER BY position, id, region`
	selectIntentServicesSQL = `SELECT intent, region, service FROM intent_services ORDER BY intent, region, position, service`
	selectTranslationsSQL   = `SELECT intent, region, lang, title, examples, keywords, answer, coalesce(status, '') AS status
	FROM translations ORDER BY intent, region, lang`
)

// readPack builds a pack from the tables without validating it.
func readPack(ctx context.Context, q sqlx.QueryerContext) (*content.Pack, error) {
	p := &content.Pack{}
	var meta []packRow
	if err := sqlx.SelectContext(ctx, q, &meta, selectPackSQL); err != nil {
		return nil, fmt.Errorf("table pack: %w", err)
	}
	if len(meta) == 1 {
		p.ID, p.Name, p.SourceLanguage = meta[0].ID, meta[0].Name, meta[0].SourceLanguage
	}
	if err := sqlx.SelectContext(ctx, q, &p.Languages, selectLanguagesSQL); err != nil {
		return nil, fmt.Errorf("table languages: %w", err)
	}
	if err := readRegions(ctx, q, p); err != nil {
		return nil, err
	}
	var topics []topicRow
	if err := sqlx.SelectContext(ctx, q, &topics, selectTopicsSQL); err != nil {
		return nil, fmt.Errorf("table topics: %w", err)
	}
	for _, r := range topics {
		t := &content.Topic{ID: r.ID}
		if err := decodeText(r.Name, &t.Name); err != nil {
			return nil, fmt.Errorf("topics row %s: name: %w", r.ID, err)
		}
		p.Topics = append(p.Topics, t)
	}
	if err := readServices(ctx, q, p); err != nil {
		return nil, err
	}
	if err := readIntents(ctx, q, p); err != nil {
		return nil, err
	}
	return p, nil
}

func readRegions(ctx context.Context, q sqlx.QueryerContext, p *content.Pack) error {
	var rows []regionRow
	if err := sqlx.SelectContext(ctx, q, &rows, selectRegionsSQL); err != nil {
		return fmt.Errorf("table regions: %w", err)
	}
	byID := map[string]*content.Region{}
	for _, r := range rows {
		reg := &content.Region{ID: r.ID, Parent: r.Parent, LocalLanguage: r.LocalLanguage, Timezone: r.Timezone,
			HolidayCalendar: r.Calendar}
		if err := decodeText(r.Name, &reg.Name); err != nil {
			return fmt.Errorf("regions row %s: name: %w", r.ID, err)
		}
		if err := decodeText(r.Volunteers, &reg.VolunteerHours); err != nil {
			return fmt.Errorf("regions row %s: volunteer_hours: %w", r.ID, err)
		}
		byID[r.ID] = reg
		p.Regions = append(p.Regions, reg)
	}
	var numbers []emergencyRow
	if err := sqlx.SelectContext(ctx, q, &numbers, selectEmergencySQL); err != nil {
		return fmt.Errorf("table emergency_numbers: %w", err)
	}
	for _, n := range numbers {
		reg := byID[n.Region]
		if reg == nil {
			return orphan("emergency_numbers", n.Region+" "+n.Kind, "region", n.Region)
		}
		if reg.Emergency == nil {
			reg.Emergency = map[string]string{}
		}
		reg.Emergency[n.Kind] = n.Number
	}
	var helplines []helplineRow
	if err := sqlx.SelectContext(ctx, q, &helplines, selectHelplinesSQL); err != nil {
		return fmt.Errorf("table helplines: %w", err)
	}
	for _, h := range helplines {
		line := content.Helpline{Kind: h.Kind, Phone: h.Phone, Hours: h.Hours}
		if err := decodeText(h.Name, &line.Name); err != nil {
			return fmt.Errorf("helplines row %s %s: name: %w", h.Region, h.Kind, err)
		}
		reg := byID[h.Region]
		if reg == nil {
			return orphan("helplines", h.Region+" "+h.Kind, "region", h.Region)
		}
		reg.Helplines = append(reg.Helplines, line)
	}
	err := readExceptions(ctx, q, "region_holidays", selectRegionHolidaysSQL, func(owner string, e content.Exception) bool {
		if reg := byID[owner]; reg != nil {
			reg.Holidays = append(reg.Holidays, e)
			return true
		}
		return false
	})
	if err != nil {
		return err
	}
	var districts []districtRow
	if err := sqlx.SelectContext(ctx, q, &districts, selectRegionDistrictsSQL); err != nil {
		return fmt.Errorf("table region_districts: %w", err)
	}
	for _, d := range districts {
		reg := byID[d.Region]
		if reg == nil {
			return orphan("region_districts", d.Region, "region", d.Region)
		}
		dist := content.District{Aliases: nilIfEmpty(d.Aliases), Geo: content.Geo{Lat: d.Lat, Lon: d.Lon}}
		if err := decodeText(d.Name, &dist.Name); err != nil {
			return fmt.Errorf("region_districts row %s: name: %w", d.Region, err)
		}
		reg.Districts = append(reg.Districts, dist)
	}
	return nil
}

// readExceptions reads dated exceptions (or region holidays) and hands each
// to add, which reports whether its owner exists.
func readExceptions(ctx context.Context, q sqlx.QueryerContext, table, query string, add func(owner string, e content.Exception) bool) error {
	var rows []exceptionRow
	if err := sqlx.SelectContext(ctx, q, &rows, query); err != nil {
		return fmt.Errorf("table %s: %w", table, err)
	}
	for _, r := range rows {
		row := func(err error) error { return fmt.Errorf("%s row %s %s: %w", table, r.Owner, r.FirstDay, err) }
		var e content.Exception
		var err error
		if e.From, err = content.ParseDate(r.FirstDay); err != nil {
			return row(err)
		}
		if e.To, err = content.ParseDate(r.LastDay); err != nil {
			return row(err)
		}
		for _, h := range r.Hours {
			tr, err := content.ParseTimeRange(h)
			if err != nil {
				return row(err)
			}
			e.Hours = append(e.Hours, tr)
		}
		if err := decodeText(r.Note, &e.Note); err != nil {
			return row(err)
		}
		if !add(r.Owner, e) {
			return orphan(table, r.Owner+" "+r.FirstDay, "owner", r.Owner)
		}
	}
	return nil
}

func readServices(ctx context.Context, q sqlx.QueryerContext, p *content.Pack) error {
	var rows []serviceRow
	if err := sqlx.SelectContext(ctx, q, &rows, selectServicesSQL); err != nil {
		return fmt.Errorf("table services: %w", err)
	}
	byID := map[string]*content.Service{}
	for _, r := range rows {
		s := &content.Service{ID: r.ID, Region: r.Region, Address: r.Address, Phone: r.Phone, URL: r.URL,
			Source: r.Source, Kinds: nilIfEmpty(r.Kinds), ByAppointment: r.ByAppointment, File: r.File}
		if err := decodeText(r.Name, &s.Name); err != nil {
			return fmt.Errorf("services row %s: name: %w", r.ID, err)
		}
		if r.Lat.Valid && r.Lon.Valid {
			s.Geo = &content.Geo{Lat: r.Lat.Float64, Lon: r.Lon.Float64}
		}
		byID[r.ID] = s
		p.Services = append(p.Services, s)
	}
	var topics, langs []serviceListRow
	if err := sqlx.SelectContext(ctx, q, &topics, selectServiceTopicsSQL); err != nil {
		return fmt.Errorf("table service_topics: %w", err)
	}
	for _, t := range topics {
		s := byID[t.Service]
		if s == nil {
			return orphan("service_topics", t.Service+" "+t.Value, "service", t.Service)
		}
		s.Topics = append(s.Topics, t.Value)
	}
	if err := sqlx.SelectContext(ctx, q, &langs, selectServiceLanguagesSQL); err != nil {
		return fmt.Errorf("table service_languages: %w", err)
	}
	for _, l := range langs {
		s := byID[l.Service]
		if s == nil {
			return orphan("service_languages", l.Service+" "+l.Value, "service", l.Service)
		}
		s.Languages = append(s.Languages, l.Value)
	}
	var hours []hoursRow
	if err := sqlx.SelectContext(ctx, q, &hours, selectServiceHoursSQL); err != nil {
		return fmt.Errorf("table service_hours: %w", err)
	}
	for _, h := range hours {
		s := byID[h.Service]
		if s == nil || h.Day < 0 || h.Day > holidayDay {
			return fmt.Errorf("service_hours row %s day %d: no such service or day", h.Service, h.Day)
		}
		r := content.TimeRange{Open: h.Open, Close: h.Close}
		if h.Day == holidayDay {
			s.HolidayHours = append(s.HolidayHours, r)
		} else {
			s.Hours[h.Day] = append(s.Hours[h.Day], r)
		}
	}
	return readExceptions(ctx, q, "service_exceptions", selectServiceExceptionsSQL, func(owner string, e content.Exception) bool {
		if s := byID[owner]; s != nil {
			s.Exceptions = append(s.Exceptions, e)
			return true
		}
		return false
	})
}

// holidayDay is the day of service_hours that holds the hours on public
// holidays (0 to 6 are Sunday to Saturday).
const holidayDay = 7

func readIntents(ctx context.Context, q sqlx.QueryerContext, p *content.Pack) error {
	var rows []intentRow
	if err := sqlx.SelectContext(ctx, q, &rows, selectIntentsSQL); err != nil {
		return fmt.Errorf("table intents: %w", err)
	}
	byKey := map[variantKey]*content.Intent{}
	for _, r := range rows {
		in := &content.Intent{ID: r.ID, Topic: r.Topic, Region: r.Region, Source: r.Source, File: r.File}
		if r.Reviewed.Valid {
			y, m, d := r.Reviewed.Time.Date()
			in.Reviewed = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		byKey[variantKey{r.ID, r.Region}] = in
		p.Intents = append(p.Intents, in)
	}
	var services []intentServiceRow
	if err := sqlx.SelectContext(ctx, q, &services, selectIntentServicesSQL); err != nil {
		return fmt.Errorf("table intent_services: %w", err)
	}
	for _, s := range services {
		in := byKey[variantKey{s.Intent, s.Region}]
		if in == nil {
			return orphan("intent_services", s.Intent+" ("+s.Region+") "+s.Service, "intent", s.Intent+" ("+s.Region+")")
		}
		in.Services = append(in.Services, s.Service)
	}
	var translations []translationRow
	if err := sqlx.SelectContext(ctx, q, &translations, selectTranslationsSQL); err != nil {
		return fmt.Errorf("table translations: %w", err)
	}
	for _, t := range translations {
		in := byKey[variantKey{t.Intent, t.Region}]
		if in == nil {
			return orphan("translations", t.Intent+" ("+t.Region+") "+t.Lang, "intent", t.Intent+" ("+t.Region+")")
		}
		if in.Translations == nil {
			in.Translations = map[string]*content.Translation{}
		}
		in.Translations[t.Lang] = &content.Translation{Title: t.Title, Examples: nilIfEmpty(t.Examples),
			Keywords: nilIfEmpty(t.Keywords), Answer: t.Answer, Status: content.TranslationStatus(t.Status)}
	}
	return nil
}

// orphan reports a row whose parent is missing, which the foreign keys
// prevent; it guards against a schema changed by hand.
func orphan(table, row, parentKind, parent string) error {
	return fmt.Errorf("%s row %s: its %s %s does not exist", table, row, parentKind, parent)
}

func decodeText(raw json.RawMessage, t *content.Text) error {
	if err := json.Unmarshal(raw, t); err != nil {
		return err
	}
	if len(*t) == 0 {
		*t = nil
	}
	return nil
}

// nilIfEmpty makes empty lists nil: the array columns hold {} for none.
func nilIfEmpty(a []string) []string {
	if len(a) == 0 {
		return nil
	}
	return a
}
