-- Sessions remember the language a person last wrote a question in (a
-- language tag detected from their message, never the message), so that
-- commands and buttons keep to it. /forget deletes it with the rest.
ALTER TABLE sessions ADD COLUMN written text
	CONSTRAINT sessions_written_is_language_tag CHECK (is_language_tag(written));
