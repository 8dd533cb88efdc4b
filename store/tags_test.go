package store_test

import (
	"testing"

	"github.com/compassbot/compass/content"
)

// FuzzLanguageTagsAgree checks that every language tag the pack rules
// accept is also accepted by the database's is_language_tag, so that a
// valid pack always imports. (The database may refuse more: it checks
// the shape only.)
func FuzzLanguageTagsAgree(f *testing.F) {
	for _, tag := range []string{"en", "de", "fa", "prs", "ckb", "sr-Latn", "zh-Hant-TW", "es-419", "de-CH-1996",
		"en-US-u-ca-gregory", "zh-yue-HK", "en-x-test", "und", "ti", "so", "pt-BR", "az-Arab-IR", "EN", "english",
		"sr_Latn", "x-klingon", "i-klingon", "en-GB-oed", "de-1901", "-", ""} {
		f.Add(tag)
	}
	_, url := newDB(f)
	conn := sqlConn(f, url)
	f.Fuzz(func(t *testing.T, tag string) {
		p := &content.Pack{ID: "x", SourceLanguage: tag, Languages: []string{tag}}
		if content.ValidatePack(p) != nil {
			return // the pack rules refuse it: the database may do as it likes
		}
		var ok bool
		if err := conn.Get(&ok, `SELECT is_language_tag($1)`, tag); err != nil {
			t.Fatal(err)
		}
		if !ok {
			t.Fatalf("the pack rules accept language tag %q but the database refuses it", tag)
		}
	})
}
