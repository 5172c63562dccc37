-- Tenants' outbound webhooks: each subscription reads the event log from its own position and
-- delivers, in order and at least once, the events it asked for; every attempt is logged.
CREATE TABLE webhook_subscriptions (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    url             text        NOT NULL,
    events          text[]      NOT NULL,
    description     text,
    -- AES-256-GCM under the master key: shown once when created, used to sign every delivery.
    secret          bytea       NOT NULL,
    status          text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
    disabled_reason text,
    -- The last event position handled (delivered or given up on).
    position_txid   bigint      NOT NULL,
    position_id     bigint      NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    dead_letters    integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_due_idx ON webhook_subscriptions (next_attempt_at) WHERE status = 'ACTIVE';

CREATE TABLE webhook_attempts (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    request_body    text        NOT NULL,
    attempt         integer     NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED', 'DEAD_LETTER')),
    status_code     integer,
    error           text,
    latency_ms      integer     NOT NULL,
    attempted_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_subscription_idx ON webhook_attempts (subscription_id, id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['webhook_subscriptions', 'webhook_attempts']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO conversa_tenant', t);
    END LOOP;
END
$$;
GRANT USAGE ON SEQUENCE webhook_attempts_id_seq TO conversa_tenant;
