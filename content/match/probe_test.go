package match

import (
	"fmt"
	"testing"

	"github.com/compassbot/compass/content"
)

func TestProbe(t *testing.T) {
	p, err := content.LoadPackDir("testdata/pack")
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []content.Query{
		{Text: "где сделать Meldezettel?"}, {Text: "gde sdelat meldezettel"}, {Text: "meldezetel"},
		{Text: "I need a doktor"}, {Text: "دکتر کجاست"}, {Text: "طبيب"}, {Text: "he is not breathing"},
		{Text: "what is the emergency number?"}, {Text: "my child has a fever"}, {Text: "the weather is nice today, I like pizza"},
		{Text: "Deutschkurs gratis", Hint: "uk"}, {Text: "wo ist das meldeamt", Region: "at-graz"},
	} {
		u := m.Understand(q)
		fmt.Printf("%q → %+v\n", q.Text, u)
	}
}
