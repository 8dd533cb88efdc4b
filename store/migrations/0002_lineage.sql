-- Translation lineage. Every translation counts the changes of its title
-- and answer (version); every translation in another language records the
-- version of the source-language translation it was made from
-- (source_version). When the source-language title or answer changes, the
-- other languages of the intent become 'outdated'. Updating an outdated
-- translation's title or answer, or setting its status to something else,
-- ties it to the current source version again. The triggers run for every
-- change, from compass import and from any SQL client alike.

-- source_version_of returns the current version of the source-language
-- translation of an intent variant, or NULL when there is none.
CREATE FUNCTION source_version_of(intent_id text, region_id text) RETURNS integer
LANGUAGE sql STABLE
RETURN (SELECT t.version FROM translations t JOIN pack p ON t.lang = p.source_language
        WHERE t.intent = intent_id AND t.region = region_id);

CREATE FUNCTION translations_track_lineage() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	source_lang text := (SELECT source_language FROM pack);
	current_source integer;
	text_changed boolean;
BEGIN
	IF source_lang IS NULL OR NEW.lang = source_lang THEN
		NEW.source_version := NULL;
		IF TG_OP = 'INSERT' THEN
			NULL; -- version: 1 by default, or the old one when undo_change re-inserts
		ELSIF (NEW.title, NEW.answer) IS DISTINCT FROM (OLD.title, OLD.answer) THEN
			NEW.version := OLD.version + 1;
		ELSE
			NEW.version := OLD.version;
		END IF;
		RETURN NEW;
	END IF;
	current_source := source_version_of(NEW.intent, NEW.region);
	IF TG_OP = 'INSERT' THEN
		NEW.source_version := coalesce(NEW.source_version, current_source);
		RETURN NEW;
	END IF;
	text_changed := (NEW.title, NEW.answer) IS DISTINCT FROM (OLD.title, OLD.answer);
	NEW.version := OLD.version + text_changed::integer;
	IF text_changed OR (OLD.status = 'outdated' AND NEW.status IS DISTINCT FROM 'outdated') THEN
		-- The translator worked from the current source text unless they
		-- said otherwise.
		IF NEW.source_version IS NOT DISTINCT FROM OLD.source_version THEN
			NEW.source_version := current_source;
		END IF;
		IF NEW.status = 'outdated' AND OLD.status = 'outdated'
		   AND NEW.source_version IS NOT DISTINCT FROM current_source THEN
			NEW.status := NULL; -- up to date again, status not stated
		END IF;
	END IF;
	RETURN NEW;
END $$;

CREATE TRIGGER translations_track_lineage
	BEFORE INSERT OR UPDATE ON translations
	FOR EACH ROW EXECUTE FUNCTION translations_track_lineage();

-- After the source-language title or answer changed, mark the intent's
-- other translations that were made from an older version as outdated.
CREATE FUNCTION translations_mark_outdated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.lang = (SELECT source_language FROM pack) AND NEW.version > OLD.version THEN
		UPDATE translations
		SET status = 'outdated'
		WHERE intent = NEW.intent AND region = NEW.region AND lang <> NEW.lang
		  AND (source_version IS NULL OR source_version < NEW.version)
		  AND status IS DISTINCT FROM 'outdated';
	END IF;
	RETURN NULL;
END $$;

CREATE TRIGGER translations_mark_outdated
	AFTER UPDATE OF title, answer ON translations
	FOR EACH ROW EXECUTE FUNCTION translations_mark_outdated();
