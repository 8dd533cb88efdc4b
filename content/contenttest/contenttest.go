// Package contenttest holds helpers for tests of packages that use content:
// small valid packs built in code. Only tests import it.
package contenttest

import (
	"errors"
	"testing"

	"github.com/compassbot/compass/content"
)

// ValidPack builds a small valid pack in code, as the database would.
func ValidPack() *content.Pack {
	return &content.Pack{
		ID: "graz", Languages: []string{"en", "fa"},
		Regions: []*content.Region{{ID: "at", Timezone: "Europe/Vienna"}, {ID: "at-graz", Parent: "at"}},
		Topics:  []*content.Topic{{ID: "residence", Name: content.Text{"en": "Residence"}}},
		Intents: []*content.Intent{{ID: "residence.registration", Topic: "residence", Region: "at-graz",
			Translations: map[string]*content.Translation{"en": {Title: "Register", Answer: "Go."}}}},
		Services: []*content.Service{{ID: "graz-meldeamt", Region: "at-graz", Name: content.Text{"en": "Office"},
			Geo: &content.Geo{Lat: 47.0707, Lon: 15.4395}, Languages: []string{"en"}, URL: "https://www.graz.at/",
			ByAppointment: true}},
	}
}

// PackErrors returns the content.PackErrors in err and fails the test when
// there are none.
func PackErrors(t testing.TB, err error) content.PackErrors {
	t.Helper()
	var errs content.PackErrors
	if !errors.As(err, &errs) || len(errs) == 0 {
		t.Fatalf("want PackErrors, got %v", err)
	}
	return errs
}
