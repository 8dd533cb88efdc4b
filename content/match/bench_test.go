package match

import (
	"runtime"
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

// BenchmarkUnderstandConcepts measures Understand on the bundled pack
// without and with the concept lexicon (tuning.Concepts), in one run.
func BenchmarkUnderstandConcepts(b *testing.B) {
	p := bundledPack(b)
	for _, c := range []struct {
		name  string
		build func(testing.TB, *content.Pack) *Matcher
	}{{"off", withoutConcepts}, {"foreign", withForeignConcepts}, {"on", withConcepts}} {
		m := c.build(b, p)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				m.Understand(benchQueries[i%len(benchQueries)])
			}
		})
	}
}

// BenchmarkNewConcepts measures building the matcher for the bundled pack
// without and with the concept lexicon; index-kB is the heap the matcher
// adds, pack loaded.
func BenchmarkNewConcepts(b *testing.B) {
	p := bundledPack(b)
	for _, c := range []struct {
		name  string
		build func(testing.TB, *content.Pack) *Matcher
	}{{"off", withoutConcepts}, {"foreign", withForeignConcepts}, {"on", withConcepts}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var m *Matcher
			for i := 0; i < b.N; i++ {
				m = nil
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				m = c.build(b, p)
				runtime.GC()
				runtime.ReadMemStats(&after)
				b.ReportMetric(float64(after.HeapInuse-before.HeapInuse)/1024, "index-kB")
			}
			runtime.KeepAlive(m)
		})
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
