-- Live reload: every change of a content row sends a notification on
-- channel compass_content (payload: the table). PostgreSQL delivers it when
-- the transaction commits and folds identical notifications of one
-- transaction into one; listeners (store.Watch) debounce bursts and reload.
-- The notification is sent by the row trigger that writes the audit log
-- (audit_content_change in 0003_audit.sql), so
-- statements that change nothing (an import of the same pack) send nothing.

-- TRUNCATE has no rows to audit; it still means a reload.
CREATE FUNCTION notify_content_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('compass_content', TG_TABLE_NAME);
	RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY content_tables() LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
		                FOR EACH STATEMENT EXECUTE FUNCTION notify_content_truncate()', t || '_notify_truncate', t);
	END LOOP;
END $$;
