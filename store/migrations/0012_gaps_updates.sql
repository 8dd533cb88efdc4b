-- Unanswered questions (compass gaps, docs/editors.md): what people asked
-- that got no confident answer, so that editors see what to write. Nothing
-- here says who asked: no channel, user or chat id; the bot blanks long
-- digit runs and e-mail addresses out of the text. Rows are deleted after
-- COMPASS_GAPS_RETENTION (30 days by default; docs/privacy.md).
CREATE TABLE gaps (
	id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at        timestamptz NOT NULL,
	lang      text NOT NULL DEFAULT '',
	region    text NOT NULL DEFAULT '',
	text      text NOT NULL CONSTRAINT gaps_text_short CHECK (text <> '' AND length(text) <= 1000),
	near_miss text[] NOT NULL DEFAULT '{}',
	score     real NOT NULL DEFAULT 0
);
CREATE INDEX gaps_at ON gaps (at);

-- Updates a platform delivered, by id, so that replicas sharing this
-- database answer each one once (docs/operations.md): a replica takes an
-- update (holder, lease) before handling it and marks it done after; a
-- redelivery of a done update is acknowledged without answering it again,
-- one held by a live replica is refused for now (the platform delivers it
-- again), one whose lease ran out (its replica died) is taken over. Rows
-- are deleted after two days (Telegram keeps updates for one).
CREATE TABLE platform_updates (
	source      text NOT NULL, -- e.g. telegram:<bot id>
	update_id   bigint NOT NULL,
	holder      text NOT NULL,
	lease_until timestamptz NOT NULL,
	taken_at    timestamptz NOT NULL DEFAULT now(),
	done_at     timestamptz,
	PRIMARY KEY (source, update_id)
);
CREATE INDEX platform_updates_taken ON platform_updates (taken_at);

-- Retention (compass prune, and serve's retention job) deletes by age.
CREATE INDEX sessions_updated ON sessions (updated_at);
CREATE INDEX audit_log_at ON audit_log (at);
