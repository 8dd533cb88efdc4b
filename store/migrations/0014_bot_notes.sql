-- The bot adds notices for volunteers to a ticket (author 'bot'), e.g.
-- that a volunteer's reply could not be delivered to the person: without
-- it the volunteer believed the person had the reply (content.ActNote).
ALTER TABLE ticket_messages DROP CONSTRAINT ticket_messages_author_known;
ALTER TABLE ticket_messages ADD CONSTRAINT ticket_messages_author_known
	CHECK (author IN ('person', 'volunteer', 'bot'));
