-- When a region's volunteers usually answer a request for a human, in words
-- for the person, per language (content.Region.VolunteerHours); a child
-- region inherits it. NULL: the bot says it may take a day or longer.
ALTER TABLE regions ADD COLUMN volunteer_hours jsonb
	CONSTRAINT regions_volunteer_hours_is_text_map CHECK (is_text_map(volunteer_hours));

-- Its languages must be pack languages, like names (0006_cross_row_checks.sql).
CREATE FUNCTION volunteer_hours_in_pack_languages() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE missing text;
BEGIN
	SELECT string_agg(k, ', ') INTO missing
	FROM jsonb_object_keys(coalesce(NEW.volunteer_hours, '{}')) AS k
	WHERE NOT EXISTS (SELECT 1 FROM languages l WHERE l.tag = k);
	IF missing IS NOT NULL THEN
		RAISE EXCEPTION 'regions_volunteer_hours_in_pack_languages: region %: volunteer_hours is in % which is not in languages (add the language first)',
			NEW.id, missing
			USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'regions_volunteer_hours_in_pack_languages';
	END IF;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER regions_volunteer_hours_in_pack_languages
	AFTER INSERT OR UPDATE OF volunteer_hours ON regions DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION volunteer_hours_in_pack_languages();
