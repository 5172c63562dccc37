-- WhatsApp numbers connected through the Cloud API, and every webhook delivery as received.

CREATE TABLE channels (
    id                   uuid PRIMARY KEY,
    tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                 text        NOT NULL,
    phone_number_id      text        NOT NULL,
    waba_id              text        NOT NULL,
    display_phone_number text,
    -- AES-256-GCM with the master key (conversa.security.master-key); never returned by the API.
    access_token         bytea       NOT NULL,
    app_secret           bytea       NOT NULL,
    verify_token         bytea       NOT NULL,
    graph_api_url        text        NOT NULL,
    graph_api_version    text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, phone_number_id)
);

-- The raw body of every signed delivery, kept for inspection; a malformed one with its error.
CREATE TABLE webhook_deliveries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id  uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    received_at timestamptz NOT NULL DEFAULT now(),
    body        text        NOT NULL,
    error       text
);
CREATE INDEX webhook_deliveries_channel_idx ON webhook_deliveries (channel_id, id);

-- What the Cloud API reported about messages sent to customers: sent, delivered, read, failed.
CREATE TABLE message_statuses (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id    uuid        NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    wa_message_id text        NOT NULL,
    recipient_id  text,
    status        text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    errors        jsonb,
    pricing       jsonb,
    UNIQUE (channel_id, wa_message_id, status)
);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['channels', 'webhook_deliveries', 'message_statuses']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO conversa_tenant', t);
    END LOOP;
END
$$;
GRANT USAGE ON SEQUENCE webhook_deliveries_id_seq, message_statuses_id_seq TO conversa_tenant;
ALTER TABLE conversations ADD FOREIGN KEY (channel_id) REFERENCES channels (id) ON DELETE CASCADE;
