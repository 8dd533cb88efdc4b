-- Human handoff (docs/handoff.md): a person's request for a volunteer is a
-- ticket. Its number is pseudonymous; the person's channel, chat and user
-- id are kept here only, for the bot to deliver replies, and never shown
-- to volunteers. Question and messages are what the person chose to share
-- and the volunteers' replies. Purge (COMPASS_TICKET_RETENTION) later
-- removes text and person from closed tickets; what remains is statistics.

CREATE TABLE tickets (
	number     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	channel    text,
	chat_id    text,
	user_id    text,
	lang       text NOT NULL CONSTRAINT tickets_lang_is_language_tag CHECK (is_language_tag(lang)),
	region     text NOT NULL CONSTRAINT tickets_region_not_empty CHECK (region <> ''),
	topic      text,
	question   text,
	candidates text[] NOT NULL DEFAULT '{}',
	state      text NOT NULL CONSTRAINT tickets_state_known
	                CHECK (state IN ('draft', 'open', 'claimed', 'answered', 'closed')),
	volunteer  text,
	closed_by  text,
	created_at timestamptz NOT NULL,
	opened_at  timestamptz,
	updated_at timestamptz NOT NULL,
	closed_at  timestamptz,
	-- Until it is closed, a ticket knows its person; after the retention
	-- period a closed one no longer does.
	CONSTRAINT tickets_active_know_their_person CHECK (state = 'closed' OR
		(channel <> '' AND chat_id <> '' AND user_id <> '' AND question IS NOT NULL)),
	CONSTRAINT tickets_closed_when_closed CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
	CONSTRAINT tickets_held_by_a_volunteer CHECK ((state IN ('claimed', 'answered')) = (volunteer IS NOT NULL AND volunteer <> '')
		OR state = 'closed')
);
-- One request at a time per person (a draft counts).
CREATE UNIQUE INDEX tickets_one_active_per_person ON tickets (channel, user_id) WHERE state <> 'closed';
CREATE INDEX tickets_state_updated ON tickets (state, updated_at);
CREATE INDEX tickets_chat ON tickets (channel, chat_id) WHERE state <> 'closed';
CREATE INDEX tickets_person ON tickets (channel, user_id);

CREATE TABLE ticket_messages (
	ticket    bigint NOT NULL CONSTRAINT ticket_messages_ticket_fkey REFERENCES tickets ON DELETE CASCADE,
	seq       integer NOT NULL CONSTRAINT ticket_messages_seq_positive CHECK (seq > 0),
	author    text NOT NULL CONSTRAINT ticket_messages_author_known CHECK (author IN ('person', 'volunteer')),
	volunteer text,
	signature text,
	body      text NOT NULL,
	at        timestamptz NOT NULL,
	PRIMARY KEY (ticket, seq)
);

-- Deliveries to people (a volunteer's reply, a notice that a ticket
-- closed) wait here until the process running the person's channel sends
-- them (bot.Engine.Deliver in compass serve). A delivery is leased by
-- moving not_before into the future, so that one process sends it; it is
-- deleted once sent or given up on.
CREATE TABLE outbox (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	ticket     bigint NOT NULL CONSTRAINT outbox_ticket_fkey REFERENCES tickets ON DELETE CASCADE,
	channel    text NOT NULL,
	chat_id    text NOT NULL,
	body       jsonb NOT NULL,
	attempts   integer NOT NULL DEFAULT 0,
	not_before timestamptz NOT NULL DEFAULT now(),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (channel, not_before);

-- Changes are announced on channel compass_tickets as "<kind> <number>
-- [<seq>]": opened, state, message, deleted, outbox. Listeners (Discord's
-- inbox, serve's deliverer) read the tables; payloads carry no content.
-- State changes are written to the audit log with the ticket's number,
-- state, volunteer and reason only: nothing about the person.
CREATE FUNCTION ticket_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
	before jsonb;
	after jsonb;
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD.state <> 'draft' THEN
			INSERT INTO audit_log (table_name, op, old)
			VALUES ('tickets', 'DELETE', jsonb_build_object('number', OLD.number, 'state', OLD.state));
			PERFORM pg_notify('compass_tickets', 'deleted ' || OLD.number);
		END IF;
		RETURN NULL;
	END IF;
	IF OLD.state IS NOT DISTINCT FROM NEW.state AND OLD.volunteer IS NOT DISTINCT FROM NEW.volunteer THEN
		RETURN NULL; -- a message's activity, or a purge: no change of state
	END IF;
	before := jsonb_build_object('number', OLD.number, 'state', OLD.state, 'volunteer', OLD.volunteer);
	after := jsonb_build_object('number', NEW.number, 'state', NEW.state, 'volunteer', NEW.volunteer, 'closed_by', NEW.closed_by);
	INSERT INTO audit_log (table_name, op, old, new) VALUES ('tickets', 'UPDATE', before, after);
	IF OLD.state = 'draft' THEN
		PERFORM pg_notify('compass_tickets', 'opened ' || NEW.number);
	ELSE
		PERFORM pg_notify('compass_tickets', 'state ' || NEW.number);
	END IF;
	RETURN NULL;
END $$;

CREATE TRIGGER tickets_changed AFTER UPDATE OR DELETE ON tickets
	FOR EACH ROW EXECUTE FUNCTION ticket_changed();

CREATE FUNCTION ticket_message_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('compass_tickets', 'message ' || NEW.ticket || ' ' || NEW.seq);
	RETURN NULL;
END $$;

CREATE TRIGGER ticket_messages_added AFTER INSERT ON ticket_messages
	FOR EACH ROW EXECUTE FUNCTION ticket_message_added();

CREATE FUNCTION outbox_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('compass_tickets', 'outbox ' || NEW.ticket);
	RETURN NULL;
END $$;

CREATE TRIGGER outbox_added AFTER INSERT ON outbox
	FOR EACH ROW EXECUTE FUNCTION outbox_added();
