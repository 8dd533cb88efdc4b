// Package holidays gives content.Calendar values for public holidays,
// computed by github.com/rickar/cal (a maintained calendar library): the
// countries of the Danube Compass regions (Austria, Germany with each
// state, Slovenia, Croatia) and their neighbours. Calendar ids are the
// lower-case country code ("at") or country and state ("de-by").
//
// A holiday a calendar lacks (a city's own, or one that only part of a
// state keeps, like 15 August in Munich) belongs in the pack: a region's
// holidays field (docs/content-pack.md).
package holidays

import (
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/be"
	"github.com/rickar/cal/v2/bg"
	"github.com/rickar/cal/v2/ch"
	"github.com/rickar/cal/v2/cz"
	"github.com/rickar/cal/v2/de"
	"github.com/rickar/cal/v2/fr"
	"github.com/rickar/cal/v2/hr"
	"github.com/rickar/cal/v2/it"
	"github.com/rickar/cal/v2/nl"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ro"
	"github.com/rickar/cal/v2/si"
	"github.com/rickar/cal/v2/sk"
	"github.com/rickar/cal/v2/ua"

	"github.com/compassbot/compass/content"
)

// lists are the holiday definitions of each calendar id.
var lists = map[string][]*cal.Holiday{
	"at": at.Holidays, "si": si.Holidays, "hr": hr.Holidays, "ch": ch.Holidays,
	"cz": cz.Holidays, "sk": sk.Holidays, "it": it.Holidays, "pl": pl.Holidays, "ro": ro.Holidays,
	"bg": bg.Holidays, "fr": fr.Holidays, "nl": nl.Holidays, "be": be.Holidays, "ua": ua.Holidays,
	"de": de.Holidays, "de-bw": de.HolidaysBW, "de-by": de.HolidaysBY, "de-be": de.HolidaysBE,
	"de-bb": de.HolidaysBB, "de-hb": de.HolidaysHB, "de-hh": de.HolidaysHH, "de-he": de.HolidaysHE,
	"de-mv": de.HolidaysMV, "de-ni": de.HolidaysNI, "de-nw": de.HolidaysNW, "de-rp": de.HolidaysRP,
	"de-sl": de.HolidaysSL, "de-sn": de.HolidaysSN, "de-st": de.HolidaysST, "de-sh": de.HolidaysSH,
	"de-th": de.HolidaysTH,
}

// Known returns the calendar ids Lookup knows, sorted.
func Known() []string {
	ids := make([]string, 0, len(lists))
	for id := range lists {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

var calendars sync.Map // id → *calendar

// Lookup returns the calendar with the id; it is a content.Calendars.
func Lookup(id string) (content.Calendar, bool) {
	if c, ok := calendars.Load(id); ok {
		return c.(*calendar), true
	}
	list, ok := lists[id]
	if !ok {
		return nil, false
	}
	c, _ := calendars.LoadOrStore(id, &calendar{list: list})
	return c.(*calendar), true
}

// calendar answers from a table of each year's holidays, worked out once
// per year: a lookup is a map access. It is safe for concurrent use.
type calendar struct {
	list  []*cal.Holiday
	years sync.Map // year → map[monthDay]string
}

type monthDay struct {
	m time.Month
	d int
}

// Holiday reports whether d is a public holiday, with its local name.
func (c *calendar) Holiday(d content.Date) (string, bool) {
	if d.Yearly() || d.IsZero() {
		return "", false
	}
	year, ok := c.years.Load(d.Year)
	if !ok {
		year, _ = c.years.LoadOrStore(d.Year, c.year(d.Year))
	}
	name, ok := year.(map[monthDay]string)[monthDay{d.Month, d.Day}]
	return name, ok
}

// closing are the kinds of observance that close offices; some countries'
// lists leave the kind unset (Slovenia's), and their lists hold only days
// off work.
var closing = []cal.ObservanceType{cal.ObservancePublic, cal.ObservanceBank, cal.ObservanceUnknown}

func (c *calendar) year(y int) map[monthDay]string {
	out := map[monthDay]string{}
	for _, h := range c.list {
		if !slices.Contains(closing, h.Type) {
			continue
		}
		actual, observed := h.Calc(y)
		for _, t := range []time.Time{actual, observed} {
			if !t.IsZero() && t.Year() == y {
				out[monthDay{t.Month(), t.Day()}] = h.Name
			}
		}
	}
	return out
}
