-- Service details for "a doctor who speaks Arabic, near me, open now":
-- the kinds of a service and where its facts come from; hours on public
-- holidays (day 7 of service_hours) and ranges that close after midnight;
-- dated exceptions per service; per region the public-holiday calendar,
-- local holidays and named districts. Sessions remember what a location
-- shared next should look for (focus: the answer or service request shown
-- last, never message text).

ALTER TABLE services
	ADD COLUMN kinds text[] NOT NULL DEFAULT '{}'
		CONSTRAINT services_kinds_pattern CHECK (array_to_string(kinds, ',') ~ '^([a-z0-9_]+(,[a-z0-9_]+)*)?$'),
	ADD COLUMN source text CONSTRAINT services_source_is_web_address CHECK (source ~* '^https?://[^\s/?#]+');

ALTER TABLE regions ADD COLUMN holiday_calendar text
	CONSTRAINT regions_holiday_calendar_shape CHECK (holiday_calendar ~ '^([a-z]{2}(-[a-z0-9]{1,8})?|none)$');

-- Day 7 holds the hours kept on public holidays. A range may close after
-- midnight (22:00-06:00 is open 1320, close 1800), at most 24 hours after
-- it opens.
ALTER TABLE service_hours DROP CONSTRAINT service_hours_day_range,
	ADD CONSTRAINT service_hours_day_range CHECK (day BETWEEN 0 AND 7);
ALTER TABLE service_hours DROP CONSTRAINT service_hours_close_range,
	ADD CONSTRAINT service_hours_close_range CHECK (close BETWEEN 1 AND 2880 AND close - open <= 1440);

-- A day is YYYY-MM-DD, or MM-DD for the same day every year.
CREATE FUNCTION is_pack_day(d text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN d ~ '^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

-- Days a service keeps other hours (hours empty: closed), e.g. a summer break.
CREATE TABLE service_exceptions (
	service   text NOT NULL CONSTRAINT service_exceptions_service_fkey REFERENCES services (id) ON DELETE CASCADE DEFERRABLE,
	position  bigint NOT NULL DEFAULT nextval('content_position'),
	first_day text NOT NULL CONSTRAINT service_exceptions_first_day_shape CHECK (is_pack_day(first_day)),
	last_day  text NOT NULL CONSTRAINT service_exceptions_last_day_shape CHECK (is_pack_day(last_day)),
	hours     text[] NOT NULL DEFAULT '{}'
		CONSTRAINT service_exceptions_hours_shape CHECK (array_to_string(hours, ',') ~ '^([0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}(,|$))*$'),
	note      jsonb NOT NULL DEFAULT '{}' CONSTRAINT service_exceptions_note_is_text_map CHECK (is_text_map(note)),
	PRIMARY KEY (service, position)
);

-- A region's own holidays and closing days (its services keep their
-- holiday hours), besides the public holidays of its calendar.
CREATE TABLE region_holidays (
	region    text NOT NULL CONSTRAINT region_holidays_region_fkey REFERENCES regions (id) ON DELETE CASCADE DEFERRABLE,
	position  bigint NOT NULL DEFAULT nextval('content_position'),
	first_day text NOT NULL CONSTRAINT region_holidays_first_day_shape CHECK (is_pack_day(first_day)),
	last_day  text NOT NULL CONSTRAINT region_holidays_last_day_shape CHECK (is_pack_day(last_day)),
	name      jsonb NOT NULL DEFAULT '{}' CONSTRAINT region_holidays_name_is_text_map CHECK (is_text_map(name)),
	PRIMARY KEY (region, position)
);

-- Named parts of a region (districts) that questions may mention.
CREATE TABLE region_districts (
	region   text NOT NULL CONSTRAINT region_districts_region_fkey REFERENCES regions (id) ON DELETE CASCADE DEFERRABLE,
	position bigint NOT NULL DEFAULT nextval('content_position'),
	name     jsonb NOT NULL CONSTRAINT region_districts_name_is_text_map CHECK (is_text_map(name))
	              CONSTRAINT region_districts_name_not_empty CHECK (name <> '{}'),
	aliases  text[] NOT NULL DEFAULT '{}',
	lat      double precision NOT NULL CONSTRAINT region_districts_lat_range CHECK (lat BETWEEN -90 AND 90),
	lon      double precision NOT NULL CONSTRAINT region_districts_lon_range CHECK (lon BETWEEN -180 AND 180),
	PRIMARY KEY (region, position)
);

CREATE OR REPLACE FUNCTION content_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
	SELECT ARRAY['languages', 'pack', 'regions', 'emergency_numbers', 'helplines', 'topics',
	             'services', 'service_topics', 'service_languages', 'service_hours',
	             'intents', 'intent_services', 'translations',
	             'service_exceptions', 'region_holidays', 'region_districts']
$$;

-- The new tables get the audit and reload triggers of 0003 and 0004.
DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['service_exceptions', 'region_holidays', 'region_districts'] LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
		                FOR EACH ROW EXECUTE FUNCTION audit_content_change()', t || '_audit', t);
		EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
		                FOR EACH STATEMENT EXECUTE FUNCTION notify_content_truncate()', t || '_notify_truncate', t);
	END LOOP;
END $$;

ALTER TABLE sessions ADD COLUMN focus text CONSTRAINT sessions_focus_short CHECK (length(focus) <= 200);
