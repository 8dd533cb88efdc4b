package store

import (
	"maps"
	"slices"
	"time"

	"github.com/compassbot/compass/content"
)

// Rows as the statements in import_apply.go read them from JSON; empty
// optional fields are left out and so become NULL.
type (
	languageIn struct {
		Tag      string `json:"tag"`
		Position int    `json:"position"`
	}
	regionIn struct {
		ID            string       `json:"id"`
		Parent        string       `json:"parent,omitempty"`
		Name          content.Text `json:"name"`
		LocalLanguage string       `json:"local_language,omitempty"`
		Timezone      string       `json:"timezone,omitempty"`
		Calendar      string       `json:"holiday_calendar,omitempty"`
		Volunteers    content.Text `json:"volunteer_hours,omitempty"`
		Position      int          `json:"position"`
	}
	exceptionIn struct { // service_exceptions (owner: service), region_holidays (owner: region)
		Owner    string       `json:"owner"`
		Position int          `json:"position"`
		FirstDay string       `json:"first_day"`
		LastDay  string       `json:"last_day"`
		Hours    []string     `json:"hours"`
		Note     content.Text `json:"note"`
	}
	districtIn struct {
		Region   string       `json:"region"`
		Position int          `json:"position"`
		Name     content.Text `json:"name"`
		Aliases  []string     `json:"aliases"`
		Lat      float64      `json:"lat"`
		Lon      float64      `json:"lon"`
	}
	emergencyIn struct {
		Region string `json:"region"`
		Kind   string `json:"kind"`
		Number string `json:"number"`
	}
	helplineIn struct {
		Region   string       `json:"region"`
		Position int          `json:"position"`
		Kind     string       `json:"kind"`
		Name     content.Text `json:"name"`
		Phone    string       `json:"phone"`
		Hours    string       `json:"hours,omitempty"`
	}
	topicIn struct {
		ID       string       `json:"id"`
		Name     content.Text `json:"name"`
		Position int          `json:"position"`
	}
	serviceIn struct {
		ID            string       `json:"id"`
		Region        string       `json:"region"`
		Name          content.Text `json:"name"`
		Address       string       `json:"address,omitempty"`
		Lat           *float64     `json:"lat,omitempty"`
		Lon           *float64     `json:"lon,omitempty"`
		Phone         string       `json:"phone,omitempty"`
		URL           string       `json:"url,omitempty"`
		Source        string       `json:"source,omitempty"`
		Kinds         []string     `json:"kinds"`
		ByAppointment bool         `json:"by_appointment"`
		File          string       `json:"file,omitempty"`
		Position      int          `json:"position"`
	}
	serviceListIn struct { // service_topics, service_languages
		Service  string `json:"service"`
		Value    string `json:"value"`
		Position int    `json:"position"`
	}
	hoursIn struct {
		Service string `json:"service"`
		Day     int    `json:"day"`
		Open    int    `json:"open"`
		Close   int    `json:"close"`
	}
	intentIn struct {
		ID       string `json:"id"`
		Region   string `json:"region"`
		Topic    string `json:"topic"`
		Source   string `json:"source,omitempty"`
		Reviewed string `json:"reviewed,omitempty"`
		File     string `json:"file,omitempty"`
		Position int    `json:"position"`
	}
	intentServiceIn struct {
		Intent   string `json:"intent"`
		Region   string `json:"region"`
		Service  string `json:"service"`
		Position int    `json:"position"`
	}
	translationIn struct {
		Intent   string   `json:"intent"`
		Region   string   `json:"region"`
		Lang     string   `json:"lang"`
		Title    string   `json:"title"`
		Examples []string `json:"examples"`
		Keywords []string `json:"keywords"`
		Answer   string   `json:"answer"`
		Status   string   `json:"status,omitempty"`
	}
)

// packRows is the pack as rows of each table.
type packRows struct {
	languages          []languageIn
	regions            []regionIn
	emergency          []emergencyIn
	helplines          []helplineIn
	regionHolidays     []exceptionIn
	districts          []districtIn
	topics             []topicIn
	services           []serviceIn
	serviceTopics      []serviceListIn
	serviceLanguages   []serviceListIn
	hours              []hoursIn
	exceptions         []exceptionIn
	intents            []intentIn
	intentServices     []intentServiceIn
	sourceTranslations []translationIn // written first: the lineage triggers read them
	otherTranslations  []translationIn
	outdated           []string
}

// rowsOf turns p into table rows. A translation whose source-language
// title or answer this import changes, and whose own did not change, is
// written as outdated.
func rowsOf(old, p *content.Pack) packRows {
	var r packRows
	for i, tag := range p.Languages {
		r.languages = append(r.languages, languageIn{tag, i})
	}
	for i, reg := range p.Regions {
		r.regions = append(r.regions, regionIn{reg.ID, reg.Parent, orEmpty(reg.Name), reg.LocalLanguage, reg.Timezone,
			reg.HolidayCalendar, reg.VolunteerHours, i})
		r.regionHolidays = append(r.regionHolidays, exceptionRows(reg.ID, reg.Holidays)...)
		for j, d := range reg.Districts {
			r.districts = append(r.districts, districtIn{reg.ID, j, orEmpty(d.Name), orNone(d.Aliases), d.Geo.Lat, d.Geo.Lon})
		}
		for _, kind := range slices.Sorted(maps.Keys(reg.Emergency)) {
			r.emergency = append(r.emergency, emergencyIn{reg.ID, kind, reg.Emergency[kind]})
		}
		for j, h := range reg.Helplines {
			r.helplines = append(r.helplines, helplineIn{reg.ID, j, h.Kind, orEmpty(h.Name), h.Phone, h.Hours})
		}
	}
	for i, t := range p.Topics {
		r.topics = append(r.topics, topicIn{t.ID, orEmpty(t.Name), i})
	}
	for i, s := range p.Services {
		in := serviceIn{ID: s.ID, Region: s.Region, Name: orEmpty(s.Name), Address: s.Address, Phone: s.Phone,
			URL: s.URL, Source: s.Source, Kinds: orNone(s.Kinds), ByAppointment: s.ByAppointment, File: s.File, Position: i}
		if s.Geo != nil {
			in.Lat, in.Lon = &s.Geo.Lat, &s.Geo.Lon
		}
		r.services = append(r.services, in)
		for j, t := range s.Topics {
			r.serviceTopics = append(r.serviceTopics, serviceListIn{s.ID, t, j})
		}
		for j, l := range s.Languages {
			r.serviceLanguages = append(r.serviceLanguages, serviceListIn{s.ID, l, j})
		}
		for day, ranges := range s.Hours {
			for _, h := range ranges {
				r.hours = append(r.hours, hoursIn{s.ID, day, h.Open, h.Close})
			}
		}
		for _, h := range s.HolidayHours {
			r.hours = append(r.hours, hoursIn{s.ID, holidayDay, h.Open, h.Close})
		}
		r.exceptions = append(r.exceptions, exceptionRows(s.ID, s.Exceptions)...)
	}
	oldIntents := map[string]*content.Intent{}
	for _, in := range old.Intents {
		oldIntents[variantName(in)] = in
	}
	for i, in := range p.Intents {
		row := intentIn{ID: in.ID, Region: in.Region, Topic: in.Topic, Source: in.Source, File: in.File, Position: i}
		if !in.Reviewed.IsZero() {
			row.Reviewed = in.Reviewed.Format(time.DateOnly)
		}
		r.intents = append(r.intents, row)
		for j, s := range in.Services {
			r.intentServices = append(r.intentServices, intentServiceIn{in.ID, in.Region, s, j})
		}
		r.translations(in, oldIntents[variantName(in)], p.SourceLanguage)
	}
	return r
}

func (r *packRows) translations(in, old *content.Intent, sourceLang string) {
	sourceChanged := false
	if old != nil {
		if before, now := old.Translations[sourceLang], in.Translations[sourceLang]; before != nil && now != nil {
			sourceChanged = !sameText(before, now)
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(in.Translations)) {
		t := in.Translations[lang]
		row := translationIn{Intent: in.ID, Region: in.Region, Lang: lang, Title: t.Title,
			Examples: orNone(t.Examples), Keywords: orNone(t.Keywords), Answer: t.Answer, Status: string(t.Status)}
		if lang == sourceLang {
			r.sourceTranslations = append(r.sourceTranslations, row)
			continue
		}
		if sourceChanged {
			if before := old.Translations[lang]; before != nil && sameText(before, t) {
				row.Status = string(content.StatusOutdated)
				r.outdated = append(r.outdated, variantName(in)+" "+lang)
			}
		}
		r.otherTranslations = append(r.otherTranslations, row)
	}
}

// exceptionRows turns dated exceptions into rows, hours written HH:MM-HH:MM.
func exceptionRows(owner string, list []content.Exception) []exceptionIn {
	var out []exceptionIn
	for j, e := range list {
		hours := []string{}
		for _, h := range e.Hours {
			hours = append(hours, h.String())
		}
		out = append(out, exceptionIn{owner, j, e.From.String(), e.To.String(), hours, orEmpty(e.Note)})
	}
	return out
}

func orEmpty(t content.Text) content.Text {
	if t == nil {
		return content.Text{}
	}
	return t
}

// orNone makes nil lists empty: the array columns are NOT NULL.
func orNone(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}
