package content_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/contenttest"
)

func TestExtractFacts_SameFactsInEveryScript(t *testing.T) {
	en := "Call 0800 222 555 or +43 1 406 43 43 (24/7). Costs € 1.234,50 from 01.03.2027, 08:00-12:30. " +
		"Within 3 days. Mail info@ams.at, see https://www.AMS.at/asyl/ or oesterreich.gv.at."
	tests := map[string]string{
		"ar": "اتصل على ٠٨٠٠ ٢٢٢ ٥٥٥ أو +٤٣ ١ ٤٠٦ ٤٣ ٤٣ على مدار الساعة. التكلفة ١٬٢٣٤٫٥٠ € من 2027-03-01، 8:00–12:30. " +
			"خلال ٣ أيام. البريد info@ams.at والموقع ams.at/asyl و oesterreich.gv.at.",
		"fa": "با ۰۸۰۰۲۲۲۵۵۵ یا +۴۳ ۱ ۴۰۶ ۴۳ ۴۳ تماس بگیرید (7/24). هزینه 1,234.50 یورو از 1.3.2027، ساعت ۸:۰۰ تا ۱۲:۳۰. " +
			"ظرف ۳ روز. info@AMS.at، http://ams.at/asyl و www.oesterreich.gv.at.",
	}
	want := content.ExtractFacts(en)
	if len(want) != 10 {
		t.Fatalf("English facts: %v", want)
	}
	for lang, text := range tests {
		missing, extra := content.DiffFacts(want, content.ExtractFacts(text))
		if len(missing)+len(extra) > 0 {
			t.Errorf("%s: lacks %v, adds %v (facts %v)", lang, missing, extra, content.ExtractFacts(text))
		}
	}
}

func TestExtractFacts_Kinds(t *testing.T) {
	got := content.ExtractFacts("Ring 116 117 or 142, pay 90 EUR (12.50 € a month) by 2026-12-24 at 9.30 Uhr; write to a.b@c.hr or www.gov.si/teme.")
	want := []content.Fact{
		{Kind: "date", Value: "2026-12-24"}, {Kind: "email", Value: "a.b@c.hr"}, {Kind: "number", Value: "12.50"},
		{Kind: "number", Value: "142"}, {Kind: "number", Value: "90"}, {Kind: "phone", Value: "116117"},
		{Kind: "time", Value: "9:30"}, {Kind: "url", Value: "gov.si/teme"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("facts:\n%v\nwant:\n%v", got, want)
	}
}

// A translation that adds a claim with a number, or drops a phone number,
// is named with its file and language.
// Amounts keep their value whatever the decimal mark: "618,02 €" and
// "€618.02" are the same amount, "30,90" is no time of day.
func TestExtractFacts_DecimalMarks(t *testing.T) {
	en := content.ExtractFacts("Up to €618.02; payments of 30.90 to 61.80 €, 1,050 € gross.")
	hr := content.ExtractFacts("Do 618,02 €; isplate od 30,90 do 61,80 €, 1.050 € bruto.")
	if missing, extra := content.DiffFacts(en, hr); len(missing)+len(extra) > 0 {
		t.Errorf("lacks %v, adds %v (en %v, hr %v)", missing, extra, en, hr)
	}
}

func TestCheckPack_TranslationFactsDiffer(t *testing.T) {
	p := contenttest.ValidPack()
	p.SourceLanguage = "en"
	in := p.Intents[0]
	in.File = "intents/residence/registration.at-graz.yaml"
	in.Translations["en"].Answer = "Register within 3 days. Help: 0800 222 555."
	in.Translations["fa"] = &content.Translation{Title: "ثبت", Answer: "ظرف ۳ روز ثبت کنید. کمک: ۰۸۰۰ ۲۲۲ ۵۵۵."}
	if got := factFindings(p); len(got) != 0 {
		t.Fatalf("same facts in Persian digits: %q", got)
	}
	in.Translations["fa"].Answer = "ظرف ۷ روز ثبت کنید."
	want := []string{"intents/residence/registration.at-graz.yaml: warning: intent residence.registration (at-graz): fa: " +
		"facts differ from en: lacks number 3, phone 0800222555; adds number 7"}
	if got := factFindings(p); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n%q\nwant:\n%q", got, want)
	}
}

func factFindings(p *content.Pack) []string {
	var out []string
	for _, f := range content.CheckPack(p, p.Intents[0].Reviewed) {
		if strings.Contains(f.Msg, "facts differ") {
			out = append(out, f.String())
		}
	}
	return out
}

func FuzzExtractFacts(f *testing.F) {
	f.Add("Call ٠٨٠٠ ٢٢٢ ٥٥٥ at 08:00, https://x.at/a, 1.234,50 € on 1.3.2027")
	f.Fuzz(func(t *testing.T, s string) {
		for _, fact := range content.ExtractFacts(s) {
			if fact.Value == "" {
				t.Fatalf("empty fact from %q", s)
			}
		}
	})
}
