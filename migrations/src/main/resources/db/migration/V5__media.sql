-- Media customers send (images, audio, video, documents, stickers), fetched from the Cloud API's
-- media endpoint after the webhook is answered, within size and type limits.
CREATE TABLE media (
    id            uuid PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id    uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    wa_media_id   text        NOT NULL,
    mime_type     text,
    sha256        text,
    size          bigint,
    content       bytea,
    status        text        NOT NULL DEFAULT 'PENDING',
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    downloaded_at timestamptz,
    UNIQUE (channel_id, wa_media_id)
);
CREATE INDEX media_pending_idx ON media (created_at) WHERE status = 'PENDING';

ALTER TABLE media ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON media USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON media TO conversa_tenant;
