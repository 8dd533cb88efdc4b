-- Rules that span rows, checked when a transaction commits (so that an
-- editor may change several rows in between): opening periods of a day do
-- not overlap, names are written in the pack's languages, every intent
-- keeps a translation, regions form a tree. Each error starts with the
-- rule's name, like the constraints of 0001_content.sql.

CREATE FUNCTION service_hours_no_overlap() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE other service_hours;
BEGIN
	SELECT * INTO other FROM service_hours h
	WHERE h.service = NEW.service AND h.day = NEW.day AND h.open <> NEW.open
	  AND h.open < NEW.close AND NEW.open < h.close
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'service_hours_no_overlap: service %, day %: %-% overlaps %-% (minutes after midnight)',
			NEW.service, NEW.day, NEW.open, NEW.close, other.open, other.close
			USING ERRCODE = 'check_violation', CONSTRAINT = 'service_hours_no_overlap';
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER service_hours_no_overlap
	AFTER INSERT OR UPDATE ON service_hours DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION service_hours_no_overlap();

-- names_in_pack_languages: every language of a name is listed in languages.
CREATE FUNCTION names_in_pack_languages() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE missing text;
BEGIN
	SELECT string_agg(k, ', ') INTO missing
	FROM jsonb_object_keys(NEW.name) AS k
	WHERE NOT EXISTS (SELECT 1 FROM languages l WHERE l.tag = k);
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION '%_name_in_pack_languages: % %: the name is in % which is not in languages (add the language first)',
			TG_TABLE_NAME, TG_TABLE_NAME, coalesce(to_jsonb(NEW)->>'id', to_jsonb(NEW)->>'region'), missing
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_name_in_pack_languages';
	END IF;
	RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['regions', 'topics', 'services', 'helplines'] LOOP
		EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OF name ON %I
		                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION names_in_pack_languages()',
		               t || '_name_in_pack_languages', t);
	END LOOP;
END $$;

-- languages_still_named: a language cannot go while names use it.
CREATE FUNCTION languages_still_named() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE used text;
BEGIN
	SELECT string_agg(what, ', ') INTO used FROM (
		SELECT 'region ' || id AS what FROM regions WHERE name ? OLD.tag
		UNION ALL SELECT 'topic ' || id FROM topics WHERE name ? OLD.tag
		UNION ALL SELECT 'service ' || id FROM services WHERE name ? OLD.tag
		UNION ALL SELECT 'helpline of ' || region FROM helplines WHERE name ? OLD.tag
	) u;
	IF used IS NOT NULL AND NOT EXISTS (SELECT 1 FROM languages WHERE tag = OLD.tag) THEN
		RAISE EXCEPTION 'languages_still_named: language % is still used in the names of %', OLD.tag, used
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'languages_still_named';
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER languages_still_named
	AFTER DELETE OR UPDATE OF tag ON languages DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION languages_still_named();

-- intents_have_translations: an intent keeps at least one translation.
CREATE FUNCTION intents_have_translations() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	intent_id text;
	region_id text;
BEGIN
	IF TG_TABLE_NAME = 'intents' THEN
		intent_id := NEW.id;
		region_id := NEW.region;
	ELSE
		intent_id := OLD.intent;
		region_id := OLD.region;
	END IF;
	IF EXISTS (SELECT 1 FROM intents WHERE id = intent_id AND region = region_id)
	   AND NOT EXISTS (SELECT 1 FROM translations WHERE intent = intent_id AND region = region_id) THEN
		RAISE EXCEPTION 'intents_have_translations: intent % (%) has no translation left (add one, or delete the intent)',
			intent_id, region_id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'intents_have_translations';
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER intents_have_translations
	AFTER INSERT OR UPDATE OF id, region ON intents DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION intents_have_translations();
CREATE CONSTRAINT TRIGGER translations_keep_one
	AFTER DELETE OR UPDATE OF intent, region ON translations DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION intents_have_translations();

-- regions_form_a_tree: following parents never comes back to a region.
CREATE FUNCTION regions_form_a_tree() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (
		WITH RECURSIVE up(id, depth) AS (
			SELECT r.parent, 1 FROM regions r WHERE r.id = NEW.id
			UNION ALL
			SELECT r.parent, up.depth + 1 FROM up JOIN regions r ON r.id = up.id
			WHERE up.id <> NEW.id AND up.depth < 1000
		)
		SELECT 1 FROM up WHERE id = NEW.id
	) THEN
		RAISE EXCEPTION 'regions_form_a_tree: the parents of region % lead back to it', NEW.id
			USING ERRCODE = 'check_violation', CONSTRAINT = 'regions_form_a_tree';
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER regions_form_a_tree
	AFTER INSERT OR UPDATE OF parent ON regions DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION regions_form_a_tree();
