-- Content: what a content pack holds, one table per kind of object.
-- Constraints carry readable names (table_column_rule) so that an editor's
-- SQL client shows what was wrong, e.g.
--   new row for relation "translations" violates check constraint "translations_answer_not_empty"

-- Language tags are checked for the shape of BCP 47 (RFC 5646): a
-- lower-case language, then optional extended language, script, region,
-- variants, extensions and private use ("en", "sr-Latn", "de-AT", "es-419"),
-- or a private-use tag ("x-klingon").
CREATE FUNCTION is_language_tag(tag text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN tag ~ ('^([a-z]{2,3}(-[a-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?'
              '(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(-[0-9A-WY-Za-wy-z](-[A-Za-z0-9]{2,8})+)*'
              '(-x(-[A-Za-z0-9]{1,8})+)?|x(-[A-Za-z0-9]{1,8})+)$');

-- A text in several languages is a JSON object from language tag to a
-- non-empty string: {"en": "Health", "de": "Gesundheit"}.
CREATE FUNCTION is_text_map(t jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN jsonb_typeof(t) = 'object' AND NOT EXISTS (
	SELECT 1 FROM jsonb_each(t) AS e(lang, name)
	WHERE NOT is_language_tag(e.lang)
	   OR jsonb_typeof(e.name) <> 'string'
	   OR btrim(e.name #>> '{}') = ''
);

-- New rows that do not say where they go are placed after the imported ones.
CREATE SEQUENCE content_position START WITH 1000000;

CREATE TABLE languages (
	tag      text PRIMARY KEY CONSTRAINT languages_tag_is_language_tag CHECK (is_language_tag(tag)),
	position bigint NOT NULL DEFAULT nextval('content_position')
);

-- The pack: exactly one row with the pack's id, name and source language.
CREATE TABLE pack (
	singleton       boolean PRIMARY KEY DEFAULT true CONSTRAINT pack_single_row CHECK (singleton),
	id              text NOT NULL CONSTRAINT pack_id_pattern CHECK (id ~ '^[a-z0-9-]+$'),
	name            text,
	source_language text CONSTRAINT pack_source_language_fkey REFERENCES languages (tag) DEFERRABLE
);

CREATE TABLE regions (
	id             text PRIMARY KEY CONSTRAINT regions_id_pattern CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
	parent         text CONSTRAINT regions_parent_fkey REFERENCES regions (id) DEFERRABLE
	                    CONSTRAINT regions_parent_not_self CHECK (parent <> id),
	name           jsonb NOT NULL DEFAULT '{}' CONSTRAINT regions_name_is_text_map CHECK (is_text_map(name)),
	local_language text CONSTRAINT regions_local_language_fkey REFERENCES languages (tag) DEFERRABLE,
	timezone       text CONSTRAINT regions_timezone_shape CHECK (timezone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$'),
	position       bigint NOT NULL DEFAULT nextval('content_position')
);

-- Emergency numbers of a region, by kind (general, police, ambulance, fire, ...).
CREATE TABLE emergency_numbers (
	region text NOT NULL CONSTRAINT emergency_numbers_region_fkey REFERENCES regions (id) ON DELETE CASCADE DEFERRABLE,
	kind   text NOT NULL CONSTRAINT emergency_numbers_kind_pattern CHECK (kind ~ '^[a-z0-9_]+$'),
	number text NOT NULL CONSTRAINT emergency_numbers_number_has_digits CHECK (number ~ '[0-9]'),
	PRIMARY KEY (region, kind)
);

-- Confidential lines for crises (violence, suicide, children, ...).
CREATE TABLE helplines (
	region   text NOT NULL CONSTRAINT helplines_region_fkey REFERENCES regions (id) ON DELETE CASCADE DEFERRABLE,
	position bigint NOT NULL DEFAULT nextval('content_position'),
	kind     text NOT NULL CONSTRAINT helplines_kind_pattern CHECK (kind ~ '^[a-z0-9_]+$'),
	name     jsonb NOT NULL CONSTRAINT helplines_name_is_text_map CHECK (is_text_map(name))
	                  CONSTRAINT helplines_name_not_empty CHECK (name <> '{}'),
	phone    text NOT NULL CONSTRAINT helplines_phone_has_digits CHECK (phone ~ '[0-9]'),
	hours    text CONSTRAINT helplines_hours_not_empty CHECK (btrim(hours) <> ''),
	PRIMARY KEY (region, position)
);

CREATE TABLE topics (
	id       text PRIMARY KEY CONSTRAINT topics_id_pattern CHECK (id ~ '^[a-z0-9_]+$'),
	name     jsonb NOT NULL CONSTRAINT topics_name_is_text_map CHECK (is_text_map(name))
	                  CONSTRAINT topics_name_not_empty CHECK (name <> '{}'),
	position bigint NOT NULL DEFAULT nextval('content_position')
);

CREATE TABLE services (
	id             text PRIMARY KEY CONSTRAINT services_id_pattern CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
	region         text NOT NULL CONSTRAINT services_region_fkey REFERENCES regions (id) DEFERRABLE,
	name           jsonb NOT NULL CONSTRAINT services_name_is_text_map CHECK (is_text_map(name))
	                        CONSTRAINT services_name_not_empty CHECK (name <> '{}'),
	address        text CONSTRAINT services_address_not_empty CHECK (btrim(address) <> ''),
	lat            double precision CONSTRAINT services_lat_range CHECK (lat BETWEEN -90 AND 90),
	lon            double precision CONSTRAINT services_lon_range CHECK (lon BETWEEN -180 AND 180),
	phone          text CONSTRAINT services_phone_has_digits CHECK (phone ~ '[0-9]'),
	url            text CONSTRAINT services_url_is_web_address CHECK (url ~* '^https?://[^\s/?#]+'),
	by_appointment boolean NOT NULL DEFAULT false,
	file           text CONSTRAINT services_file_is_pack_path CHECK (file ~ '^services/[^/].*\.ya?ml$'),
	position       bigint NOT NULL DEFAULT nextval('content_position'),
	CONSTRAINT services_lat_lon_together CHECK ((lat IS NULL) = (lon IS NULL))
);

CREATE TABLE service_topics (
	service  text NOT NULL CONSTRAINT service_topics_service_fkey REFERENCES services (id) ON DELETE CASCADE DEFERRABLE,
	topic    text NOT NULL CONSTRAINT service_topics_topic_fkey REFERENCES topics (id) DEFERRABLE,
	position bigint NOT NULL DEFAULT nextval('content_position'),
	PRIMARY KEY (service, topic)
);

-- Languages spoken at a service (content languages, so that the bot can
-- match them to the language a person reads).
CREATE TABLE service_languages (
	service  text NOT NULL CONSTRAINT service_languages_service_fkey REFERENCES services (id) ON DELETE CASCADE DEFERRABLE,
	lang     text NOT NULL CONSTRAINT service_languages_lang_fkey REFERENCES languages (tag) DEFERRABLE,
	position bigint NOT NULL DEFAULT nextval('content_position'),
	PRIMARY KEY (service, lang)
);

-- Weekly opening hours in the region's local time: day 0 is Sunday, 1 is
-- Monday ... 6 is Saturday; open and close are minutes after midnight
-- (9:30 is 570, midnight at the end of the day is 1440).
CREATE TABLE service_hours (
	service text NOT NULL CONSTRAINT service_hours_service_fkey REFERENCES services (id) ON DELETE CASCADE DEFERRABLE,
	day     smallint NOT NULL CONSTRAINT service_hours_day_range CHECK (day BETWEEN 0 AND 6),
	open    integer NOT NULL CONSTRAINT service_hours_open_range CHECK (open BETWEEN 0 AND 1439),
	close   integer NOT NULL CONSTRAINT service_hours_close_range CHECK (close BETWEEN 1 AND 1440),
	CONSTRAINT service_hours_open_before_close CHECK (open < close),
	PRIMARY KEY (service, day, open)
);

-- An intent is one thing people ask about. The same id may exist once per
-- region (regional variants); a user sees the variant of the nearest region.
CREATE TABLE intents (
	id       text NOT NULL CONSTRAINT intents_id_pattern CHECK (id ~ '^[a-z0-9_]+\.[a-z0-9_-]+$'),
	region   text NOT NULL CONSTRAINT intents_region_fkey REFERENCES regions (id) DEFERRABLE,
	topic    text NOT NULL CONSTRAINT intents_topic_fkey REFERENCES topics (id) DEFERRABLE,
	source   text CONSTRAINT intents_source_is_web_address CHECK (source ~* '^https?://[^\s/?#]+'),
	reviewed date,
	file     text CONSTRAINT intents_file_is_pack_path CHECK (file ~ '^intents/[^/].*\.ya?ml$'),
	position bigint NOT NULL DEFAULT nextval('content_position'),
	PRIMARY KEY (id, region),
	CONSTRAINT intents_topic_is_id_prefix CHECK (topic = split_part(id, '.', 1))
);

CREATE TABLE intent_services (
	intent   text NOT NULL,
	region   text NOT NULL,
	service  text NOT NULL CONSTRAINT intent_services_service_fkey REFERENCES services (id) DEFERRABLE,
	position bigint NOT NULL DEFAULT nextval('content_position'),
	PRIMARY KEY (intent, region, service),
	CONSTRAINT intent_services_intent_fkey FOREIGN KEY (intent, region) REFERENCES intents (id, region)
		ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE
);

-- A translation is an intent in one language. status: reviewed (checked by
-- a person), machine (machine-made, not yet checked), outdated (the
-- source-language text changed since; set by trigger) or NULL (not stated).
-- version counts changes of title and answer; source_version is the version
-- of the source-language translation this one was made from (lineage).
CREATE TABLE translations (
	intent         text NOT NULL,
	region         text NOT NULL,
	lang           text NOT NULL CONSTRAINT translations_lang_fkey REFERENCES languages (tag) DEFERRABLE,
	title          text NOT NULL CONSTRAINT translations_title_not_empty CHECK (btrim(title) <> ''),
	examples       text[] NOT NULL DEFAULT '{}' CONSTRAINT translations_examples_not_empty CHECK (array_position(examples, NULL) IS NULL AND array_position(examples, '') IS NULL),
	keywords       text[] NOT NULL DEFAULT '{}' CONSTRAINT translations_keywords_not_empty CHECK (array_position(keywords, NULL) IS NULL AND array_position(keywords, '') IS NULL),
	answer         text NOT NULL CONSTRAINT translations_answer_not_empty CHECK (btrim(answer) <> ''),
	status         text CONSTRAINT translations_status_known CHECK (status IN ('reviewed', 'machine', 'outdated')),
	version        integer NOT NULL DEFAULT 1,
	source_version integer,
	PRIMARY KEY (intent, region, lang),
	CONSTRAINT translations_intent_fkey FOREIGN KEY (intent, region) REFERENCES intents (id, region)
		ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE
);
CREATE INDEX translations_lang ON translations (lang);

-- Sessions: the only thing compass keeps about a person.
CREATE TABLE sessions (
	channel    text NOT NULL CONSTRAINT sessions_channel_not_empty CHECK (channel <> ''),
	user_id    text NOT NULL CONSTRAINT sessions_user_id_not_empty CHECK (user_id <> ''),
	lang       text,
	region     text,
	topic      text,
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (channel, user_id)
);
