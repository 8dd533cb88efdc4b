package store_test

import (
	"strings"
	"testing"
)

// Each bad edit an editor might make in a SQL client is refused, and the
// error names the constraint that explains why.
func TestConstraints_RejectBadEdits(t *testing.T) {
	_, url, _ := importFixture(t)
	conn := sqlConn(t, url)
	tests := []struct {
		name, sql, constraint string
	}{
		{"empty answer", `UPDATE translations SET answer = '  ' WHERE intent = 'work.permit' AND lang = 'de'`, "translations_answer_not_empty"},
		{"empty title", `UPDATE translations SET title = '' WHERE intent = 'work.permit' AND lang = 'de'`, "translations_title_not_empty"},
		{"empty example", `UPDATE translations SET examples = ARRAY['ok', ''] WHERE intent = 'work.permit' AND lang = 'de'`, "translations_examples_not_empty"},
		{"unknown status", `UPDATE translations SET status = 'done' WHERE intent = 'work.permit' AND lang = 'de'`, "translations_status_known"},
		{"translation in unlisted language", `INSERT INTO translations (intent, region, lang, title, answer) VALUES ('work.permit', 'at', 'so', 'Shaqo', 'Haa')`, "translations_lang_fkey"},
		{"translation of unknown intent", `INSERT INTO translations (intent, region, lang, title, answer) VALUES ('work.nothing', 'at', 'en', 'x', 'y')`, "translations_intent_fkey"},
		{"bad language tag", `INSERT INTO languages (tag) VALUES ('English')`, "languages_tag_is_language_tag"},
		{"local language not a content language", `UPDATE regions SET local_language = 'German' WHERE id = 'at'`, "regions_local_language_fkey"},
		{"topic without a name", `UPDATE topics SET name = '{}' WHERE id = 'health'`, "topics_name_not_empty"},
		{"service without a name", `UPDATE services SET name = '{}' WHERE id = 'graz-meldeamt'`, "services_name_not_empty"},
		{"duplicate language", `INSERT INTO languages (tag) VALUES ('en')`, "languages_pkey"},
		{"intent id without topic", `INSERT INTO intents (id, region, topic) VALUES ('permit', 'at', 'work')`, "intents_id_pattern"},
		{"intent topic differs from id", `INSERT INTO intents (id, region, topic) VALUES ('work.visa', 'at', 'health')`, "intents_topic_is_id_prefix"},
		{"intent in unknown region", `INSERT INTO intents (id, region, topic) VALUES ('work.visa', 'at-linz', 'work')`, "intents_region_fkey"},
		{"duplicate intent variant", `INSERT INTO intents (id, region, topic) VALUES ('work.permit', 'at', 'work')`, "intents_pkey"},
		{"source not a web address", `UPDATE intents SET source = 'ams.at' WHERE id = 'work.permit'`, "intents_source_is_web_address"},
		{"region id with capitals", `INSERT INTO regions (id) VALUES ('AT-Linz')`, "regions_id_pattern"},
		{"region its own parent", `UPDATE regions SET parent = 'at' WHERE id = 'at'`, "regions_parent_not_self"},
		{"region name not a text map", `UPDATE regions SET name = '"Austria"' WHERE id = 'at'`, "regions_name_is_text_map"},
		{"region name empty in a language", `UPDATE regions SET name = '{"en": ""}' WHERE id = 'at'`, "regions_name_is_text_map"},
		{"bad time zone", `UPDATE regions SET timezone = 'Vienna time' WHERE id = 'at'`, "regions_timezone_shape"},
		{"emergency number without digits", `UPDATE emergency_numbers SET number = 'call police' WHERE region = 'at' AND kind = 'police'`, "emergency_numbers_number_has_digits"},
		{"topic id with dot", `INSERT INTO topics (id, name) VALUES ('work.more', '{"en": "More"}')`, "topics_id_pattern"},
		{"latitude out of range", `UPDATE services SET lat = 91 WHERE id = 'graz-meldeamt'`, "services_lat_range"},
		{"longitude out of range", `UPDATE services SET lon = -181 WHERE id = 'graz-meldeamt'`, "services_lon_range"},
		{"latitude without longitude", `UPDATE services SET lon = NULL WHERE id = 'graz-meldeamt'`, "services_lat_lon_together"},
		{"service url not a web address", `UPDATE services SET url = 'www.graz.at' WHERE id = 'graz-meldeamt'`, "services_url_is_web_address"},
		{"service in unknown region", `UPDATE services SET region = 'de' WHERE id = 'graz-meldeamt'`, "services_region_fkey"},
		{"hours close before open", `INSERT INTO service_hours (service, day, open, close) VALUES ('graz-meldeamt', 3, 600, 540)`, "service_hours_open_before_close"},
		{"hours longer than a day", `INSERT INTO service_hours (service, day, open, close) VALUES ('graz-meldeamt', 3, 600, 2100)`, "service_hours_close_range"},
		{"day 8", `INSERT INTO service_hours (service, day, open, close) VALUES ('graz-meldeamt', 8, 600, 700)`, "service_hours_day_range"},
		{"service kind", `UPDATE services SET kinds = '{Doctor}' WHERE id = 'graz-meldeamt'`, "services_kinds_pattern"},
		{"exception day", `INSERT INTO service_exceptions (service, first_day, last_day) VALUES ('graz-meldeamt', '24.12.2026', '2026-12-24')`, "service_exceptions_first_day_shape"},
		{"exception hours", `INSERT INTO service_exceptions (service, first_day, last_day, hours) VALUES ('graz-meldeamt', '12-24', '12-24', '{8-12}')`, "service_exceptions_hours_shape"},
		{"holiday calendar", `UPDATE regions SET holiday_calendar = 'Austria' WHERE id = 'at'`, "regions_holiday_calendar_shape"},
		{"service language not a content language", `INSERT INTO service_languages (service, lang) VALUES ('graz-meldeamt', 'german')`, "service_languages_lang_fkey"},
		{"language name instead of tag", `INSERT INTO languages (tag) VALUES ('german')`, "languages_tag_is_language_tag"},
		{"service topic unknown", `INSERT INTO service_topics (service, topic) VALUES ('graz-meldeamt', 'sport')`, "service_topics_topic_fkey"},
		{"intent refers to unknown service", `INSERT INTO intent_services (intent, region, service) VALUES ('work.permit', 'at', 'nowhere')`, "intent_services_service_fkey"},
		{"delete a language still used", `DELETE FROM languages WHERE tag = 'ar'`, "translations_lang_fkey"},
		{"delete a region still used", `DELETE FROM regions WHERE id = 'at-graz'`, "services_region_fkey"},
		{"delete a service still referred to", `DELETE FROM services WHERE id = 'graz-meldeamt'`, "intent_services_service_fkey"},
		{"second pack row", `INSERT INTO pack (singleton, id) VALUES (false, 'other')`, "pack_single_row"},
		// Checked at COMMIT (each Exec is one transaction):
		{"overlapping opening hours", `INSERT INTO service_hours (service, day, open, close) VALUES ('graz-meldeamt', 1, 600, 800)`, "service_hours_no_overlap"},
		{"topic name in an unlisted language", `UPDATE topics SET name = '{"so": "Caafimaad"}' WHERE id = 'health'`, "topics_name_in_pack_languages"},
		{"helpline name in an unlisted language", `UPDATE helplines SET name = '{"so": "Caawimaad"}' WHERE region = 'at'`, "helplines_name_in_pack_languages"},
		{"delete a language names still use", `DELETE FROM translations WHERE lang = 'uk'; DELETE FROM service_languages WHERE lang = 'uk'; DELETE FROM languages WHERE tag = 'uk'`, "languages_still_named"},
		{"intent left without translations", `DELETE FROM translations WHERE intent = 'health.find_doctor'`, "intents_have_translations"},
		{"intent without translations", `INSERT INTO intents (id, region, topic) VALUES ('work.visa', 'at', 'work')`, "intents_have_translations"},
		{"regions in a loop", `UPDATE regions SET parent = 'at-graz' WHERE id = 'at'`, "regions_form_a_tree"},
		{"session without user", `INSERT INTO sessions (channel, user_id) VALUES ('telegram', '')`, "sessions_user_id_not_empty"},
		{"session written language not a tag", `INSERT INTO sessions (channel, user_id, written) VALUES ('telegram', '7', 'Ukrainian')`, "sessions_written_is_language_tag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := conn.Exec(tt.sql)
			if err == nil {
				t.Fatalf("%s: accepted, want an error naming %s", tt.sql, tt.constraint)
			}
			if !strings.Contains(err.Error(), tt.constraint) {
				t.Fatalf("%s:\n error %q does not name constraint %s", tt.sql, err, tt.constraint)
			}
		})
	}
}
