package packfile

import (
	"errors"
	"testing"
	"time"

	"github.com/compassbot/compass/content"
)

func TestLoadPack_Fixture(t *testing.T) {
	p := mustLoad(t, fixture(t, "graz", nil))
	if p.ID != "graz" || p.Name != "Graz test pack" || p.SourceLanguage != "en" || len(p.Languages) != 4 {
		t.Errorf("pack metadata = %q %q %q %v", p.ID, p.Name, p.SourceLanguage, p.Languages)
	}
	at := p.Region("at")
	if at == nil || at.Timezone != "Europe/Vienna" || at.Emergency["police"] != "133" || at.Name["fa"] != "اتریش" {
		t.Fatalf("region at = %+v", at)
	}
	if h := at.Helplines; len(h) != 1 || h[0].Kind != "violence" || h[0].Name["de"] != "Frauenhelpline" || h[0].Phone != "0800 222 555" || h[0].Hours != "24/7" {
		t.Errorf("helplines = %+v", at.Helplines)
	}
	if got := p.RegionPath("at-graz"); len(got) != 2 || got[1] != "at" {
		t.Errorf("RegionPath(at-graz) = %v", got)
	}

	root := p.Intent("residence.registration", "at")
	graz := p.Intent("residence.registration", "at-graz")
	if root == nil || graz == nil || root == graz {
		t.Fatalf("registration variants: root %v, graz %v", root, graz)
	}
	if root.Region != "at" || root.Topic != "residence" || root.File != "intents/residence/registration.yaml" {
		t.Errorf("root variant = %q %q %q", root.Region, root.Topic, root.File)
	}
	if want := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC); !root.Reviewed.Equal(want) {
		t.Errorf("reviewed = %v", root.Reviewed)
	}
	en := root.Translations["en"]
	if en.Answer != "Within 3 days of moving in you must register your address.\nBring your passport.\n" ||
		en.Status != content.StatusReviewed || len(en.Examples) != 1 || len(en.Keywords) != 2 {
		t.Errorf("en translation = %+v", en)
	}
	if graz.Translations["fa"].Status != content.StatusOutdated || graz.Services[0] != "graz-meldeamt" {
		t.Errorf("graz variant = %+v", graz)
	}
	if doc := p.Intent("health.find_doctor", "at-graz"); doc == nil || doc.Translations["en"].Examples != nil {
		t.Errorf("health.find_doctor = %+v (empty examples must load as nil)", doc)
	}

	s := p.Service("graz-meldeamt")
	if s == nil || s.File != "services/at-graz/graz-meldeamt.yaml" || *s.Geo != (content.Geo{Lat: 47.0707, Lon: 15.4395}) || s.ByAppointment {
		t.Fatalf("service = %+v", s)
	}
	if mon := s.Hours[time.Monday]; len(mon) != 2 || mon[1] != (content.TimeRange{Open: 13 * 60, Close: 15*60 + 30}) {
		t.Errorf("monday = %v", mon)
	}
	if fri := s.Hours[time.Friday]; len(fri) != 1 || fri[0].Close != 24*60 {
		t.Errorf("friday = %v (24:00 closes at midnight)", fri)
	}
}

func TestLoadPack_ImplicitRegionAndTopic(t *testing.T) {
	p := mustLoad(t, fixture(t, "minimal", nil))
	if len(p.Regions) != 1 || p.Regions[0].ID != "linz" || p.RootRegion() != "linz" {
		t.Fatalf("regions = %+v, want the implicit region linz", p.Regions)
	}
	in := p.Intent("work.ams_register", "linz")
	if in == nil || in.Topic != "work" || in.Region != "linz" || in.File != "intents/ams.yml" {
		t.Fatalf("intent = %+v", in)
	}
}

func TestLoadPack_ErrorsAsSinglePackError(t *testing.T) {
	_, err := Load(fixture(t, "minimal", map[string]string{"pack.yaml": deleted}))
	var pe content.PackError
	if !errors.As(err, &pe) || pe.File != "pack.yaml" {
		t.Fatalf("errors.As PackError: %v", err)
	}
}

func TestPackError_Format(t *testing.T) {
	tests := []struct {
		err  content.PackError
		want string
	}{
		{content.PackError{File: "intents/health/doctor.yaml", Line: 7, Field: "translations.fa.answer", Msg: "must not be empty"},
			"intents/health/doctor.yaml:7: translations.fa.answer: must not be empty"},
		{content.PackError{File: "pack.yaml", Msg: "missing"}, "pack.yaml: missing"},
		{content.PackError{Object: "intent a.b (at)", Field: "id", Msg: "bad"}, "intent a.b (at): id: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestLoadPack_IgnoresOtherFiles(t *testing.T) {
	p := mustLoad(t, fixture(t, "graz", map[string]string{
		"intents/health/.#doctor.yaml": "not: yaml: at all: [",
		"intents/.drafts/new.yaml":     "id: broken",
		"intents/health/notes.txt":     "\xff\xfe not UTF-8 and not YAML",
		"services/README.md":           "# Services",
		"intents/health/vaccines.yml":  "id: health.vaccinations\ntranslations: {en: {title: Vaccines, answer: Ask your doctor.}}\n",
		"README.md":                    "# Graz pack",
	}))
	if p.Intent("health.vaccinations", "at") == nil {
		t.Error(".yml intent file not read")
	}
	if len(p.Intents) != 4 {
		t.Errorf("%d intents, want 4 (3 fixture files + vaccines.yml)", len(p.Intents))
	}
}
