-- A bot's reply carries the read receipt of the customer's message it answers: the sender marks
-- that message read, with "typing...", right before sending the reply, instead of from an outbox
-- row of its own (a row inserted and updated for every customer message). A step that replies
-- nothing still queues a READ_RECEIPT row.
ALTER TABLE outbox ADD COLUMN mark_read_message_id text;
COMMENT ON COLUMN outbox.mark_read_message_id IS
    'The customer''s message (wamid) marked read, with "typing...", right before this message is first sent';
