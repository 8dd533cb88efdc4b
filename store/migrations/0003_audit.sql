-- Audit history: every insert, update and delete of a content row, with who
-- made it (the database user and the client's application_name) and the row
-- before and after as JSON. undo_change(id) reverts one recorded change.

CREATE TABLE audit_log (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT now(),
	db_user     text NOT NULL DEFAULT session_user,
	application text NOT NULL DEFAULT current_setting('application_name'),
	xact        bigint NOT NULL DEFAULT txid_current(), -- changes made together share it
	table_name  text NOT NULL,
	op          text NOT NULL CONSTRAINT audit_log_op_known CHECK (op IN ('INSERT', 'UPDATE', 'DELETE')),
	old         jsonb,
	new         jsonb
);
CREATE INDEX audit_log_table_at ON audit_log (table_name, at);
CREATE INDEX audit_log_xact ON audit_log (xact);

-- content_tables names every table editors change: the audit trigger below
-- and the reload triggers of 0004_notify.sql are put on each of them.
CREATE FUNCTION content_tables() RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
	SELECT ARRAY['languages', 'pack', 'regions', 'emergency_numbers', 'helplines', 'topics',
	             'services', 'service_topics', 'service_languages', 'service_hours',
	             'intents', 'intent_services', 'translations']
$$;

-- The trigger runs with its owner's rights (SECURITY DEFINER), so editors
-- need no write access to audit_log and cannot rewrite history;
-- session_user still names the editor who connected.
CREATE FUNCTION audit_content_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND to_jsonb(OLD) = to_jsonb(NEW) THEN
		RETURN NULL; -- nothing changed
	END IF;
	INSERT INTO audit_log (table_name, op, old, new)
	VALUES (TG_TABLE_NAME, TG_OP,
	        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
	        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
	-- Live reload (see 0004_notify.sql): only real changes notify.
	PERFORM pg_notify('compass_content', TG_TABLE_NAME);
	RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
	FOREACH t IN ARRAY content_tables() LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
		                FOR EACH ROW EXECUTE FUNCTION audit_content_change()', t || '_audit', t);
	END LOOP;
END $$;

-- undo_change reverts the change recorded in audit_log row change_id: it
-- deletes an inserted row, re-inserts a deleted one, or sets an updated row
-- back to its old values. The undo is itself recorded. It fails when the
-- row has changed again since (undo the later change first).
-- undo_transaction(xact) reverts every change of one transaction (one
-- compass import, one editor's COMMIT), latest first.
CREATE FUNCTION undo_change(change_id bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	a audit_log;
	cols text;
	key_match text;
	n integer;
BEGIN
	SELECT * INTO a FROM audit_log WHERE id = change_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'undo_change: there is no change %', change_id;
	END IF;
	SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
	FROM pg_attribute WHERE attrelid = a.table_name::regclass AND attnum > 0 AND NOT attisdropped;
	SELECT string_agg(format('t.%1$I = r.%1$I', att.attname), ' AND ') INTO key_match
	FROM pg_index i JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = ANY (i.indkey)
	WHERE i.indrelid = a.table_name::regclass AND i.indisprimary;

	IF a.op = 'INSERT' THEN
		EXECUTE format('DELETE FROM %I t USING jsonb_populate_record(NULL::%I, $1) r WHERE %s AND to_jsonb(t) = $1',
		               a.table_name, a.table_name, key_match) USING a.new;
	ELSIF a.op = 'DELETE' THEN
		EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_record(NULL::%I, $1)',
		               a.table_name, cols, cols, a.table_name) USING a.old;
	ELSE
		EXECUTE format('UPDATE %I t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) FROM jsonb_populate_record(NULL::%I, $2) r WHERE %s AND to_jsonb(t) = $2',
		               a.table_name, cols, cols, a.table_name, a.table_name, key_match) USING a.old, a.new;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n = 0 AND a.op <> 'DELETE' THEN
		RAISE EXCEPTION 'undo_change: the % row of change % has changed since; undo the later changes first (see audit_log)', a.table_name, change_id;
	END IF;
	RETURN format('undid %s on %s (change %s)', lower(a.op), a.table_name, change_id);
END $$;

CREATE FUNCTION undo_transaction(xact_id bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	change_id bigint;
	n integer := 0;
BEGIN
	SET CONSTRAINTS ALL DEFERRED; -- rows come back before the rows they refer to
	FOR change_id IN SELECT id FROM audit_log WHERE xact = xact_id ORDER BY id DESC LOOP
		PERFORM undo_change(change_id);
		n := n + 1;
	END LOOP;
	IF n = 0 THEN
		RAISE EXCEPTION 'undo_transaction: no changes were recorded in transaction %', xact_id;
	END IF;
	RETURN format('undid %s changes of transaction %s', n, xact_id);
END $$;
