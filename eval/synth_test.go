package eval

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestSynthPack_IsDeterministicAndWellFormed(t *testing.T) {
	a, b := SynthPack(40, 25, 7), SynthPack(40, 25, 7)
	if !reflect.DeepEqual(a.Intents, b.Intents) {
		t.Fatal("same seed gave different packs")
	}
	if c := SynthPack(40, 25, 8); reflect.DeepEqual(a.Intents[0], c.Intents[0]) {
		t.Fatal("different seeds gave the same first intent")
	}
	if len(a.Intents) != 40 || len(a.Languages) != 25 {
		t.Fatalf("got %d intents × %d languages, want 40 × 25", len(a.Intents), len(a.Languages))
	}
	ids := map[string]bool{}
	for _, in := range a.Intents {
		if ids[in.ID] {
			t.Fatalf("duplicate intent id %s", in.ID)
		}
		ids[in.ID] = true
		if a.Topic(in.Topic) == nil {
			t.Fatalf("%s: unknown topic %s", in.ID, in.Topic)
		}
		for _, l := range a.Languages {
			tr := in.Translations[l]
			if tr == nil || tr.Title == "" || len(tr.Examples) != synthExamples || tr.Answer == "" {
				t.Fatalf("%s/%s: incomplete translation %+v", in.ID, l, tr)
			}
			if !utf8.ValidString(tr.Answer) {
				t.Fatalf("%s/%s: invalid UTF-8", in.ID, l)
			}
		}
	}
	qs := SynthQueries(a, 200, 1)
	if len(qs) != 200 {
		t.Fatalf("got %d queries, want 200", len(qs))
	}
	for _, q := range qs {
		if q.Text == "" || !utf8.ValidString(q.Text) {
			t.Fatalf("bad query %q", q.Text)
		}
	}
}
