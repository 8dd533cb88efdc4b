package match

import (
	"slices"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

func TestMentionedRegions_Inflections(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	forms := regionNameForms(p)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Wo ist das Meldeamt in Wien?", []string{"at-wien"}},
		{"Wiener Meldeservice", []string{"at-wien"}},
		{"где сделать Meldezettel в Граце?", []string{"at-graz"}},
		{"Прописка в Вене", []string{"at-wien"}},
		{"Венгрия", nil}, // Hungary is not an inflection of Вена
		{"Viyana'da kayıt", []string{"at-wien"}},
		{"Viyanada kayıt", []string{"at-wien"}},
		{"التسجيل بفيينا", []string{"at-wien"}},
		{"ثبت نام در وین", []string{"at-wien"}},
		{"GRAZ oder Wien", []string{"at-graz", "at-wien"}},
		{"register at-wien", []string{"at-wien"}},
		{"Anmeldung in München", []string{"de-muenchen"}},
		{"Anmeldung in Muenchen", []string{"de-muenchen"}}, // the id's spelling
		{"prijava v Ljubljani", []string{"si-ljubljana"}},
		{"Österreich", nil},     // a root region never counts
		{"grain of truth", nil}, // no name at all
		{"Wienerwaldsee", nil},  // a longer word that merely starts with a name
		{"", nil},
	} {
		got, _ := mentionedRegions(forms, foldAll(Tokenize(Normalize(tc.text))))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestUnderstand_NamedRegion(t *testing.T) {
	p, err := bundled.Load()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newMatcher(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, home, want string }{
		{"Wo melde ich mich in Wien an?", "", "at-wien"},
		{"Где взять Meldezettel в Вене?", "at-graz", "at-wien"},
		{"Meldezettel in Graz", "at-graz", ""},               // the person's own region
		{"Meldezettel in Graz oder in Wien?", "at-graz", ""}, // two regions: none clearly
		{"Meldezettel in Österreich", "at-graz", ""},         // the country
	} {
		if got := m.Understand(contentQuery(tc.text, tc.home)).Region; got != tc.want {
			t.Errorf("%q from %q: region %q, want %q", tc.text, tc.home, got, tc.want)
		}
	}
}

func contentQuery(text, region string) content.Query {
	return content.Query{Text: text, Region: region}
}
