-- Sending the outbox through the Cloud API: attempts with backoff, a lease while a sender calls
-- the API (status SENDING; an expired lease means the sender died and the message is due again),
-- the WhatsApp message id once sent, and the Cloud API's error code and text when it cannot be.
ALTER TABLE outbox
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN lease_until     timestamptz,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN wa_message_id   text,
    ADD COLUMN sent_at         timestamptz,
    ADD COLUMN error_code      integer,
    ADD COLUMN error_message   text;

DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX outbox_leased_idx ON outbox (lease_until) WHERE status = 'SENDING';
CREATE INDEX outbox_conversation_pending_idx ON outbox (conversation_id, id) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX outbox_wa_message_idx ON outbox (wa_message_id) WHERE wa_message_id IS NOT NULL;
