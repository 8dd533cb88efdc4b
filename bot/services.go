package bot

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/compassbot/compass/content"
)

// servicePageSize is how many services one list shows.
const servicePageSize = 5

// servicesOf returns the services that fit an intent: those it names that
// serve the person's region, else the region's services for its topic. A
// country-wide answer may name services in several cities; someone in
// Vienna must not be sent to a clinic in Graz.
func (c *conversation) servicesOf(in *content.Intent) []*content.Service {
	var out []*content.Service
	here := c.region()
	for _, id := range in.Services {
		if s := c.st.pack.Service(id); s != nil && c.regionsOverlap(here, s.Region) {
			out = append(out, s)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, s := range c.st.pack.ServicesFor(c.region()) {
		if slices.Contains(s.Topics, in.Topic) {
			out = append(out, s)
		}
	}
	return out
}

// regionsOverlap reports whether one region contains the other (or they
// are the same): a service in Graz serves people in Graz and people who
// only said they are in Austria, not people in Vienna.
func (c *conversation) regionsOverlap(a, b string) bool {
	return slices.Contains(c.st.pack.RegionPath(a), b) || slices.Contains(c.st.pack.RegionPath(b), a)
}

// relatedServices lists the services that fit an intent, each with a
// button that sends it as a map pin. A location shared next looks for
// services of this answer first.
func (c *conversation) relatedServices(id string) Reply {
	in := c.st.pack.Intent(id, c.region())
	c.setTopic(in.Topic)
	c.setFocus(serviceFilter{intent: id})
	services := c.servicesOf(in)
	if len(services) == 0 {
		return c.reply(tr(c.lang, "no_services"), c.topicsButton())
	}
	mo := c.moment()
	blocks := []string{tr(c.lang, "services")}
	var rows [][]Button
	for _, s := range services {
		blocks = append(blocks, c.describeService(s, mo, -1))
		if s.Geo != nil {
			rows = append(rows, []Button{{Label: "📍 " + c.serviceName(s), Payload: c.encode(venuePayload(s.ID))}})
		}
	}
	shareLocation := c.caps.Location
	if shareLocation {
		blocks = append(blocks, tr(c.lang, "share_location"))
	}
	if _, total := c.st.serviceIx.query(c.region(), serviceFilter{topic: in.Topic}, nil, nil, c.e.cfg.Now(), 0); total > len(services) {
		rows = append(rows, []Button{{Label: tr(c.lang, "btn_all_services", "topic", c.topicName(in.Topic)),
			Payload: c.encode(listPayload(serviceFilter{topic: in.Topic}, 0))}})
	}
	r := c.reply(strings.Join(blocks, "\n\n"), rows...)
	r.Again = c.encode(servicesPayload(id))
	if shareLocation {
		r.ShareLocation = tr(c.lang, "btn_share_location")
	}
	return r
}

// venue sends one service as a map pin with its details.
func (c *conversation) venue(id string) Reply {
	s := c.st.pack.Service(id)
	r := c.reply(c.describeService(s, c.moment(), -1))
	if s.Geo != nil {
		r.Venue = &Venue{Title: c.serviceName(s), Address: s.Address, Lat: s.Geo.Lat, Lon: s.Geo.Lon}
	}
	return r
}

func (c *conversation) serviceName(s *content.Service) string {
	if n := s.Name.In(c.chain()...); n != "" {
		return n
	}
	return s.ID
}

// listServices answers a service request or /services: the services of
// the region that fit f, near at when given (a shared location, a named
// district), a page at a time. When no service speaks the languages
// asked for, it says so and lists the others; when none is open now, it
// says so and lists when they open.
func (c *conversation) listServices(f serviceFilter, at *content.Geo, page int, heading string) Reply {
	now := c.e.cfg.Now()
	ix := c.st.serviceIx
	limit := (page + 1) * servicePageSize
	res, total := ix.query(c.region(), f, nil, at, now, limit)
	var notes []string
	if total == 0 && f.open { // none open now: say so, and when they open
		later := f
		later.open = false
		if res, total = ix.query(c.region(), later, nil, at, now, limit); total > 0 {
			notes = append(notes, tr(c.lang, "q_none_open"))
		}
	}
	if total == 0 && len(f.langs) > 0 { // nobody speaks it: say so, and show the others
		others := f
		others.langs, others.open = nil, false
		if res, total = ix.query(c.region(), others, nil, at, now, limit); total > 0 {
			notes = []string{tr(c.lang, "q_no_language", "langs", c.languageList(f.langs))}
		}
	}
	if total == 0 {
		return c.reply(heading+"\n\n"+tr(c.lang, "no_services"), c.topicsButton())
	}
	if page*servicePageSize >= len(res) {
		page = 0
	}
	blocks := append([]string{heading}, notes...)
	var rows [][]Button
	mo := c.moment()
	for _, x := range res[page*servicePageSize:] {
		blocks = append(blocks, c.describeService(x.s, mo, x.km))
		if x.s.Geo != nil {
			rows = append(rows, []Button{{Label: "📍 " + c.serviceName(x.s), Payload: c.encode(venuePayload(x.s.ID))}})
		}
	}
	shareLocation := at == nil && c.caps.Location
	if shareLocation {
		blocks = append(blocks, tr(c.lang, "share_location"))
	}
	if at == nil && total > limit {
		rows = append(rows, []Button{{Label: tr(c.lang, "btn_more"), Payload: c.encode(listPayload(f, page+1))}})
	}
	c.setFocus(f)
	r := c.reply(strings.Join(blocks, "\n\n"), rows...)
	if shareLocation {
		r.ShareLocation = tr(c.lang, "btn_share_location")
	}
	return r
}

// requestHeading names what a list shows: "Doctors in Graz", then the
// wishes ("Languages: Arabic · open now").
func (c *conversation) requestHeading(f serviceFilter, district *content.District) string {
	what := tr(c.lang, "q_services")
	switch {
	case f.kind != "":
		what = serviceWords.kindName(f.kind, c.chain())
	case f.topic != "":
		what = c.topicName(f.topic)
	}
	place := c.regionName(c.region())
	if district != nil {
		place = district.Name.In(append(c.chain(), c.localLanguage())...)
	}
	head := tr(c.lang, "q_heading", "what", what, "place", place)
	var wishes []string
	if len(f.langs) > 0 {
		wishes = append(wishes, tr(c.lang, "languages_spoken", "langs", c.languageList(f.langs)))
	}
	if f.open {
		wishes = append(wishes, tr(c.lang, "open_now"))
	}
	if len(wishes) > 0 {
		head += "\n" + strings.Join(wishes, " · ")
	}
	return head
}

// languageList names languages in the reader's language.
func (c *conversation) languageList(langs []string) string {
	names := make([]string, len(langs))
	for i, l := range langs {
		names[i] = languageName(l, c.lang)
	}
	return strings.Join(names, tr(c.lang, "list_sep"))
}

func (c *conversation) topicName(id string) string {
	if t := c.st.pack.Topic(id); t != nil {
		if n := t.Name.In(c.chain()...); n != "" {
			return n
		}
	}
	return id
}

// describeService is a few lines about a service: name (and distance),
// address, phone, whether it is open now and until when or when it opens
// next, today's hours, "by appointment only", the languages spoken there
// (the person's first) and its web site. km < 0: no distance.
func (c *conversation) describeService(s *content.Service, mo content.Moment, km float64) string {
	head := c.serviceName(s)
	if km >= 0 {
		head += " – " + formatKm(km)
	}
	lines := []string{head}
	if s.Address != "" {
		lines = append(lines, s.Address)
	}
	if s.Phone != "" {
		lines = append(lines, "☎ "+s.Phone)
	}
	var status []string
	if smo := c.momentIn(s.Region, mo); true {
		if st := smo.Status(s); st.Known {
			status = append(status, c.statusWords(st, smo))
			if today := smo.TodayRanges(s); len(today) > 0 && !st.Always {
				ranges := make([]string, len(today))
				for i, r := range today {
					ranges[i] = r.String()
				}
				status = append(status, tr(c.lang, "today", "hours", strings.Join(ranges, ", ")))
			}
		}
	}
	if s.ByAppointment {
		status = append(status, tr(c.lang, "by_appointment"))
	}
	if len(status) > 0 {
		lines = append(lines, strings.Join(status, " · "))
	}
	if len(s.Languages) > 0 {
		lines = append(lines, tr(c.lang, "languages_spoken", "langs", c.spoken(s.Languages)))
	}
	if s.URL != "" {
		lines = append(lines, s.URL)
	}
	return strings.Join(lines, "\n")
}

// statusWords says whether a service is open and until when, or when it
// opens next, in the reader's language: "open now, until 17:00", "closed
// now, opens tomorrow at 08:00", "closed today (public holiday) …".
func (c *conversation) statusWords(st content.Status, mo content.Moment) string {
	clock := func(t time.Time) string { return t.Format("15:04") }
	if st.Open {
		until, at := st.Until, clock(st.Until)
		if at == "00:00" { // midnight ends the day before: "until Sunday 24:00"
			until, at = until.Add(-time.Minute), "24:00"
		}
		switch {
		case st.Always:
			return tr(c.lang, "open_always")
		case content.DateOf(until) == mo.Today:
			return tr(c.lang, "open_until", "time", at)
		}
		return tr(c.lang, "open_until_day", "day", c.dayWords(until, mo), "time", at)
	}
	var why string
	switch {
	case st.Holiday:
		why = tr(c.lang, "closed_holiday")
	case st.Exception != nil && len(st.Exception.Note) > 0:
		why = tr(c.lang, "closed_because", "why", st.Exception.Note.In(c.chain()...))
	case st.Exception != nil:
		why = tr(c.lang, "closed_today")
	}
	var next string
	switch days := daysBetween(mo.Today, content.DateOf(st.Next)); {
	case st.Next.IsZero():
		next = tr(c.lang, "closed_now")
	case days == 0:
		next = tr(c.lang, "opens_today", "time", clock(st.Next))
	case days == 1:
		next = tr(c.lang, "opens_tomorrow", "time", clock(st.Next))
	case days < 7:
		next = tr(c.lang, "opens_day", "day", c.weekday(st.Next.Weekday()), "time", clock(st.Next))
	default:
		next = tr(c.lang, "opens_date", "date", st.Next.Format("2006-01-02"), "time", clock(st.Next))
	}
	if why != "" {
		return why + " · " + next
	}
	return next
}

// dayWords names the day of t seen from today: "tomorrow", a weekday, or
// the date.
func (c *conversation) dayWords(t time.Time, mo content.Moment) string {
	switch days := daysBetween(mo.Today, content.DateOf(t)); {
	case days == 1:
		return tr(c.lang, "tomorrow")
	case days < 7:
		return c.weekday(t.Weekday())
	}
	return t.Format("2006-01-02")
}

func (c *conversation) weekday(d time.Weekday) string {
	return tr(c.lang, "day_"+content.WeekdayKey(d))
}

func daysBetween(a, b content.Date) int {
	ta := time.Date(a.Year, a.Month, a.Day, 12, 0, 0, 0, time.UTC)
	tb := time.Date(b.Year, b.Month, b.Day, 12, 0, 0, 0, time.UTC)
	return int(tb.Sub(ta).Hours()+12) / 24
}

// spoken names languages in the reader's language, the reader's first.
func (c *conversation) spoken(langs []string) string {
	ordered := slices.Clone(langs)
	slices.SortStableFunc(ordered, func(a, b string) int {
		switch {
		case a == c.lang && b != c.lang:
			return -1
		case b == c.lang && a != c.lang:
			return 1
		}
		return 0
	})
	names := make([]string, len(ordered))
	for i, l := range ordered {
		names[i] = languageName(l, c.lang)
	}
	return strings.Join(names, tr(c.lang, "list_sep"))
}

// moment is the opening rules of the person's region at the engine's clock.
func (c *conversation) moment() content.Moment {
	return c.st.serviceIx.openings[c.region()].At(c.e.cfg.Now())
}

// momentIn is the opening rules of region at mo's instant: mo itself when
// the region keeps the same time zone and holidays (the usual case).
func (c *conversation) momentIn(region string, mo content.Moment) content.Moment {
	if region == c.region() {
		return mo
	}
	return c.st.serviceIx.openings[region].At(mo.Now)
}

// setFocus remembers what a location shared next should look for.
func (c *conversation) setFocus(f serviceFilter) {
	if s := f.encode(); c.sess.Focus != s {
		c.sess.Focus, c.dirty = s, true
	}
}

// servicesCommand answers /services [topic]: the region's services for a
// topic (given by id or name, else the topic browsed last), else a menu of
// the topics that have services.
func (c *conversation) servicesCommand(arg string) []Reply {
	topic := c.topicNamed(arg)
	if topic == "" && arg == "" {
		topic = c.sess.Topic
	}
	if topic != "" {
		f := serviceFilter{topic: topic}
		return []Reply{c.listServices(f, nil, 0, c.requestHeading(f, nil))}
	}
	var buttons []Button
	for _, t := range c.st.pack.Topics {
		if _, n := c.st.serviceIx.query(c.region(), serviceFilter{topic: t.ID}, nil, nil, c.e.cfg.Now(), 0); n > 0 {
			buttons = append(buttons, Button{Label: c.topicName(t.ID), Payload: c.encode(listPayload(serviceFilter{topic: t.ID}, 0))})
		}
	}
	if len(buttons) == 0 {
		return []Reply{c.reply(tr(c.lang, "no_services"), c.topicsButton())}
	}
	return []Reply{c.reply(tr(c.lang, "choose_services_topic"), chunk(buttons, 2)...)}
}

// topicNamed finds a topic by id or by its name in any language.
func (c *conversation) topicNamed(arg string) string {
	want := strings.Join(queryWords(arg), " ")
	if want == "" {
		return ""
	}
	for _, t := range c.st.pack.Topics {
		if t.ID == arg {
			return t.ID
		}
		for _, l := range t.Name.Langs() {
			if name := strings.Join(queryWords(t.Name[l]), " "); name == want || strings.HasPrefix(name, want) {
				return t.ID
			}
		}
	}
	return ""
}

// serviceRequestReply answers a question that asks for services in
// words. answer is the intent the matcher found (""): a button leads to it.
func (c *conversation) serviceRequestReply(q serviceRequest, answer string) Reply {
	f := serviceFilter{kind: q.kind, langs: q.langs, open: q.openNow}
	var at *content.Geo
	if q.district != nil {
		at = &q.district.Geo
	}
	r := c.listServices(f, at, 0, c.requestHeading(f, q.district))
	if q.nearMe && at == nil && !c.caps.Location {
		r.Text += "\n\n" + tr(c.lang, "q_where")
	}
	if answer != "" && c.st.pack.Intent(answer, c.region()) != nil {
		r.Buttons = append(r.Buttons, []Button{{Label: "ℹ️ " + c.intentTitle(answer), Payload: c.encode(intentPayload(answer))}})
	}
	return r
}

// listPayload is the button that shows page of the list f; like every
// payload it is encoded by conversation.encode (which stamps the reply's
// language while the person has chosen none).
func listPayload(f serviceFilter, page int) payload {
	arg := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	langs := f.langs[:min(len(f.langs), 2)]
	topic := ""
	if f.topic != "" {
		topic = idHash(f.topic)
	}
	open := ""
	if f.open {
		open = "o"
	}
	return payload{kind: kindList, args: []string{arg(f.kind), arg(strings.Join(langs, "+")), arg(topic), arg(open),
		strconv.Itoa(page)}}
}
