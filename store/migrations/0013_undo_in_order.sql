-- undo_change compares the row with the change's "after" image before it
-- touches it, so that it never overwrites a later change. It compared whole
-- rows, and translations carry version and source_version, which the
-- lineage triggers (0002) move on with every change of the text, an undo
-- included: after undoing a row's later change, its earlier change could
-- never be undone, although the row was back as that change had left it.
-- The comparison now leaves these two trigger-kept columns out; everything
-- an editor writes is still compared.
CREATE OR REPLACE FUNCTION undo_change(change_id bigint) RETURNS text
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
		EXECUTE format('DELETE FROM %I t USING jsonb_populate_record(NULL::%I, $1) r WHERE %s AND to_jsonb(t) - ''version'' - ''source_version'' = $1 - ''version'' - ''source_version''',
		               a.table_name, a.table_name, key_match) USING a.new;
	ELSIF a.op = 'DELETE' THEN
		EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM jsonb_populate_record(NULL::%I, $1)',
		               a.table_name, cols, cols, a.table_name) USING a.old;
	ELSE
		EXECUTE format('UPDATE %I t SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) FROM jsonb_populate_record(NULL::%I, $2) r WHERE %s AND to_jsonb(t) - ''version'' - ''source_version'' = $2 - ''version'' - ''source_version''',
		               a.table_name, cols, cols, a.table_name, a.table_name, key_match) USING a.old, a.new;
	END IF;
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n = 0 AND a.op <> 'DELETE' THEN
		RAISE EXCEPTION 'undo_change: the % row of change % has changed since; undo the later changes first (see audit_log)', a.table_name, change_id;
	END IF;
	RETURN format('undid %s on %s (change %s)', lower(a.op), a.table_name, change_id);
END $$;
