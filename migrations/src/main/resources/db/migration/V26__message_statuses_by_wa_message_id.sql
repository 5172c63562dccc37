-- A sent message's outcome looks for status webhooks that arrived before it by the message id
-- alone (the unique key leads with the channel): without this, a scan of every status per send.
CREATE INDEX message_statuses_wa_message_idx ON message_statuses (wa_message_id);
