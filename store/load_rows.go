package store

import (
	"database/sql"
	"encoding/json"

	"github.com/lib/pq"
)

// Rows of the content tables as Load reads them (NULLs read as "").

type packRow struct {
	ID             string `db:"id"`
	Name           string `db:"name"`
	SourceLanguage string `db:"source_language"`
}

type regionRow struct {
	ID            string          `db:"id"`
	Parent        string          `db:"parent"`
	Name          json.RawMessage `db:"name"`
	LocalLanguage string          `db:"local_language"`
	Timezone      string          `db:"timezone"`
	Calendar      string          `db:"holiday_calendar"`
	Volunteers    json.RawMessage `db:"volunteer_hours"`
}

type emergencyRow struct {
	Region string `db:"region"`
	Kind   string `db:"kind"`
	Number string `db:"number"`
}

type helplineRow struct {
	Region string          `db:"region"`
	Kind   string          `db:"kind"`
	Name   json.RawMessage `db:"name"`
	Phone  string          `db:"phone"`
	Hours  string          `db:"hours"`
}

type topicRow struct {
	ID   string          `db:"id"`
	Name json.RawMessage `db:"name"`
}

type serviceRow struct {
	ID            string          `db:"id"`
	Region        string          `db:"region"`
	Name          json.RawMessage `db:"name"`
	Address       string          `db:"address"`
	Lat           sql.NullFloat64 `db:"lat"`
	Lon           sql.NullFloat64 `db:"lon"`
	Phone         string          `db:"phone"`
	URL           string          `db:"url"`
	Source        string          `db:"source"`
	Kinds         pq.StringArray  `db:"kinds"`
	ByAppointment bool            `db:"by_appointment"`
	File          string          `db:"file"`
}

// exceptionRow is a row of service_exceptions or region_holidays: owner is
// the service or the region.
type exceptionRow struct {
	Owner    string          `db:"owner"`
	FirstDay string          `db:"first_day"`
	LastDay  string          `db:"last_day"`
	Hours    pq.StringArray  `db:"hours"`
	Note     json.RawMessage `db:"note"`
}

type districtRow struct {
	Region  string          `db:"region"`
	Name    json.RawMessage `db:"name"`
	Aliases pq.StringArray  `db:"aliases"`
	Lat     float64         `db:"lat"`
	Lon     float64         `db:"lon"`
}

type serviceListRow struct {
	Service string `db:"service"`
	Value   string `db:"value"`
}

type hoursRow struct {
	Service string `db:"service"`
	Day     int    `db:"day"`
	Open    int    `db:"open"`
	Close   int    `db:"close"`
}

type intentRow struct {
	ID       string       `db:"id"`
	Region   string       `db:"region"`
	Topic    string       `db:"topic"`
	Source   string       `db:"source"`
	Reviewed sql.NullTime `db:"reviewed"`
	File     string       `db:"file"`
}

type intentServiceRow struct {
	Intent  string `db:"intent"`
	Region  string `db:"region"`
	Service string `db:"service"`
}

type translationRow struct {
	Intent   string         `db:"intent"`
	Region   string         `db:"region"`
	Lang     string         `db:"lang"`
	Title    string         `db:"title"`
	Examples pq.StringArray `db:"examples"`
	Keywords pq.StringArray `db:"keywords"`
	Answer   string         `db:"answer"`
	Status   string         `db:"status"`
}

type variantKey struct{ id, region string }
