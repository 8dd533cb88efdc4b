-- Content version: a number that grows with every committed transaction
-- that changed content. A serving process reads it with its content (in
-- the same snapshot, store.Load) and, when the listener reconnects or
-- signals, reloads only if the number moved (store.Watch): a listener
-- that reconnects often no longer reloads everything each time.
--
-- Every content change writes an audit_log row (0003_audit.sql), so the
-- bump hangs on audit_log: a content table added later is counted as soon
-- as it has its audit trigger. The bump is a deferred constraint trigger,
-- run at COMMIT, once per transaction: the row lock on content_version is
-- taken last and held only while committing, so editors' transactions do
-- not wait for each other (nor deadlock) over it. TRUNCATE writes no
-- audit rows and bumps from its statement trigger.

CREATE TABLE content_version (
	one     boolean PRIMARY KEY DEFAULT true CONSTRAINT content_version_one_row CHECK (one),
	version bigint NOT NULL DEFAULT 0
);
INSERT INTO content_version DEFAULT VALUES;

CREATE FUNCTION bump_content_version() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	IF current_setting('compass.content_version_bumped', true) IS DISTINCT FROM txid_current()::text THEN
		PERFORM set_config('compass.content_version_bumped', txid_current()::text, true);
		UPDATE content_version SET version = version + 1;
	END IF;
END $$;

CREATE FUNCTION bump_content_version_trigger() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	PERFORM bump_content_version();
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER audit_log_bumps_content_version
	AFTER INSERT ON audit_log DEFERRABLE INITIALLY DEFERRED
	FOR EACH ROW EXECUTE FUNCTION bump_content_version_trigger();

CREATE OR REPLACE FUNCTION notify_content_truncate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	PERFORM bump_content_version();
	PERFORM pg_notify('compass_content', TG_TABLE_NAME);
	RETURN NULL;
END $$;
