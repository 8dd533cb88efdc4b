package content

// Region is a place the content is valid for. Regions form a tree: a child
// inherits every intent and service of its ancestors, and its time zone and
// emergency numbers unless it sets its own.
type Region struct {
	ID            string
	Parent        string // "" for a root region
	Name          Text
	LocalLanguage string            // shown beside the user's language in bilingual answers
	Timezone      string            // IANA zone for opening hours
	Emergency     map[string]string // kind (general, police, ambulance, fire, ...) → number
	Helplines     []Helpline        // confidential lines for crises (violence, suicide, ...)
	// HolidayCalendar names the public-holiday calendar for opening hours
	// ("at", "de-by", see content/holidays), "none" for none; "" inherits
	// it, and a root region whose id is a country code gets that country's.
	HolidayCalendar string
	Holidays        []Exception // local holidays and closing days (no hours), e.g. a city's own holiday
	Districts       []District  // named parts of the region that questions may mention
	// VolunteerHours says, in words for the person, when the region's
	// volunteers usually answer a request for a human ("on weekdays from 9
	// to 17, usually within a day"); a child region inherits it. Empty: the
	// bot says honestly that it may take a day or longer.
	VolunteerHours Text
}

// Helpline is a phone line people can call in a crisis.
type Helpline struct {
	Kind  string // e.g. "suicide", "violence", "children", "medical"
	Name  Text
	Phone string
	Hours string // free text, e.g. "24/7"
}

// Topic groups intents: the six Danube Compass areas and emergencies.
type Topic struct {
	ID   string
	Name Text
}
