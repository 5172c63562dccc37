-- Outbound beyond plain messages: replies quote a message (the Cloud API's context.message_id),
-- read receipts mark a customer's message read (message {"typing": true} also shows "typing..."
-- when a reply follows), and
-- media uploaded to a number is remembered so messages using it can be checked before sending.
ALTER TABLE outbox
    ADD COLUMN kind               text NOT NULL DEFAULT 'MESSAGE',
    ADD COLUMN context_message_id text,
    ALTER COLUMN message DROP NOT NULL,
    ADD CONSTRAINT outbox_kind_check CHECK (
        kind = 'MESSAGE' AND message IS NOT NULL
        OR kind = 'READ_RECEIPT' AND context_message_id IS NOT NULL);

CREATE TABLE uploaded_media (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id  uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    wa_media_id text        NOT NULL,
    mime_type   text        NOT NULL,
    size        bigint      NOT NULL,
    filename    text,
    uploaded_by uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel_id, wa_media_id)
);

ALTER TABLE uploaded_media ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON uploaded_media USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON uploaded_media TO conversa_tenant;

-- Transient download failures are retried with backoff.
ALTER TABLE media
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
DROP INDEX media_pending_idx;
CREATE INDEX media_pending_idx ON media (next_attempt_at) WHERE status = 'PENDING';
