package match

import (
	"testing"

	"github.com/compassbot/compass/content"
	"github.com/compassbot/compass/content/bundled"
)

// benchQueries mix languages, scripts and kinds of message.
var benchQueries = []content.Query{
	{Text: "Where do I get a Meldezettel?"},
	{Text: "где сделать Meldezettel?", Region: "at-graz"},
	{Text: "gde nayti vracha kotoryi govorit po russki"},
	{Text: "شماره اورژانس چیست؟"},
	{Text: "كيف أسجل في AMS"},
	{Text: "Çocuğumu okula nasıl kaydettiririm?", Hint: "tr"},
	{Text: "Sideen u helaa dhakhtar?"},
	{Text: "he is not breathing"},
	{Text: "Hello, we came from Syria three months ago with my two children. They have not been to school since we left home. How can I get them into a school?"},
	{Text: "asdf qwer"},
}

func bundledPack(b *testing.B) *content.Pack {
	p, err := bundled.Load()
	if err != nil {
		b.Skipf("bundled pack: %v", err)
	}
	return p
}

// BenchmarkUnderstand measures one message against the bundled pack.
func BenchmarkUnderstand(b *testing.B) {
	m, err := New(bundledPack(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Understand(benchQueries[i%len(benchQueries)])
	}
}

// BenchmarkNew measures building the matcher for the bundled pack.
func BenchmarkNew(b *testing.B) {
	p := bundledPack(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := New(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNormalize measures the normaliser on a mixed-script message.
func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Normalize("Где сделать Meldezettel? مَدْرَسَةٌ ١٤٥٠ İSTANBUL 🙏")
	}
}

// BenchmarkEmergency measures the emergency router on an ordinary message.
func BenchmarkEmergency(b *testing.B) {
	toks := foldAll(Tokenize(Normalize("Hello, we came from Syria three months ago with my two children and need a school")))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		defaultRouter().route(toks)
	}
}
