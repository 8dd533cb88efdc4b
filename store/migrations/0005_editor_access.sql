-- Editor access. grant_editor_access(role) gives a database role what an
-- editor needs: read and change the content tables, read the audit log and
-- undo changes. It gives nothing on sessions (people's chat ids and
-- choices) and no way to change the audit log. Run it as the owner of the
-- tables, e.g. CREATE ROLE maria LOGIN PASSWORD '…'; SELECT grant_editor_access('maria');

CREATE FUNCTION grant_editor_access(role_name text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY content_tables() LOOP
		EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %I', t, role_name);
	END LOOP;
	EXECUTE format('GRANT USAGE ON SEQUENCE content_position TO %I', role_name);
	EXECUTE format('GRANT SELECT ON audit_log TO %I', role_name);
	EXECUTE format('GRANT EXECUTE ON FUNCTION undo_change(bigint), undo_transaction(bigint) TO %I', role_name);
	RETURN format('%s may now edit the content', role_name);
END $$;
