package packfile

import (
	"reflect"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

// A pack read from files gets the warnings of content.CheckPack, per object and language.
func TestCheckPack_Fixture(t *testing.T) {
	p := mustLoad(t, fixture(t, "graz", nil))
	now := time.Date(2027, 11, 1, 12, 0, 0, 0, time.UTC) // 13 months after the reviews
	var got []string
	for _, f := range content.CheckPack(p, now) {
		if f.Severity != "warning" {
			t.Errorf("severity %q", f.Severity)
		}
		got = append(got, f.String())
	}
	want := []string{
		"warning: topic residence: fa: no name in this language",
		"warning: topic health: de: no name in this language",
		"warning: topic health: ar: no name in this language",
		"warning: topic health: fa: no name in this language",
		"warning: intent health.find_doctor (at): no reviewed date: nobody has confirmed these facts",
		"warning: intent health.find_doctor (at): no source: add the official page the facts come from",
		"warning: intent health.find_doctor (at): de: missing translation",
		"warning: intent health.find_doctor (at): fa: missing translation",
		"warning: intent residence.registration (at): last reviewed 2026-10-01, more than 12 months ago",
		"warning: intent residence.registration (at): de: machine translation, not yet checked by a person",
		"warning: intent residence.registration (at): ar: missing translation",
		"warning: intent residence.registration (at): fa: missing translation",
		"warning: intent residence.registration (at-graz): last reviewed 2026-10-01, more than 12 months ago",
		"warning: intent residence.registration (at-graz): de: missing translation",
		"warning: intent residence.registration (at-graz): ar: missing translation",
		"warning: intent residence.registration (at-graz): fa: outdated: the en text changed since this translation",
		"services/at-graz/graz-nightclinic.yaml: warning: service graz-nightclinic: hours.fri: 22:00-06:00 closes before it opens, so it is read as open overnight until 06:00 the next day; check that this is right",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%q\nwant:\n%q", got, want)
	}
}
