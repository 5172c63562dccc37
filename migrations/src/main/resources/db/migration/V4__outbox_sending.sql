-- Sending the outbox through the Cloud API: attempts with backoff, the WhatsApp message id once
-- sent, and the Cloud API's error code and text when a message cannot be sent.
ALTER TABLE outbox
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN wa_message_id   text,
    ADD COLUMN sent_at         timestamptz,
    ADD COLUMN error_code      integer,
    ADD COLUMN error_message   text;

DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_conversation_pending_idx ON outbox (conversation_id, id) WHERE status = 'PENDING';
CREATE INDEX outbox_wa_message_idx ON outbox (wa_message_id) WHERE wa_message_id IS NOT NULL;
