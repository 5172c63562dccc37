-- Event ids are random UUIDs that Conversa makes (UUID.randomUUID) and never looks up: their unique
-- index only cost an insert into a random page for each of the three or four events of a
-- customer's message (one WAL record each), the more so as the table grows past memory.
ALTER TABLE events DROP CONSTRAINT events_event_id_key;
