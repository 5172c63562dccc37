-- Flows (editable drafts, immutable published versions) and the conversation runtime:
-- the durable inbox (events in arrival order), sessions with the engine's state, the outbox,
-- durable timers and the step log.

CREATE TABLE flows (
    id                uuid PRIMARY KEY,
    tenant_id         uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name              text        NOT NULL,
    draft             jsonb       NOT NULL,
    draft_revision    integer     NOT NULL DEFAULT 1,
    published_version integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        uuid,
    deleted_at        timestamptz
);
CREATE INDEX flows_tenant_idx ON flows (tenant_id) WHERE deleted_at IS NULL;

CREATE TABLE flow_versions (
    flow_id      uuid        NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
    version      integer     NOT NULL,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    definition   jsonb       NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by uuid,
    PRIMARY KEY (flow_id, version)
);

-- One conversation per customer (WhatsApp id) and channel; sessions run flows inside it.
CREATE TABLE conversations (
    id               uuid PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    channel_id       uuid        NOT NULL,
    wa_id            text        NOT NULL,
    contact          jsonb       NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_inbound_at  timestamptz,
    UNIQUE (tenant_id, channel_id, wa_id)
);

CREATE TABLE sessions (
    id               uuid PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    flow_id          uuid        NOT NULL REFERENCES flows (id),
    flow_version     integer     NOT NULL,
    state            jsonb       NOT NULL,
    status           text        NOT NULL,
    started_at       timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz,
    end_reason       text,
    FOREIGN KEY (flow_id, flow_version) REFERENCES flow_versions (flow_id, version)
);
-- At most one running session per conversation.
CREATE UNIQUE INDEX sessions_active_key ON sessions (conversation_id) WHERE ended_at IS NULL;

-- Every event a conversation must process, in arrival order; external_id makes redelivery a no-op.
CREATE TABLE inbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    external_id     text        NOT NULL,
    kind            text        NOT NULL,
    payload         jsonb       NOT NULL,
    -- For messages: what the message says of the customer (profile name), merged into the conversation.
    contact         jsonb,
    received_at     timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    outcome         text,
    UNIQUE (tenant_id, external_id)
);
CREATE INDEX inbox_pending_idx ON inbox (conversation_id, id) WHERE processed_at IS NULL;
CREATE INDEX inbox_pending_order_idx ON inbox (id) WHERE processed_at IS NULL;

-- Messages to send; the idempotency key is derived from the step, so a re-run step adds nothing.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    session_id      uuid        REFERENCES sessions (id) ON DELETE SET NULL,
    idempotency_key text        NOT NULL UNIQUE,
    message         jsonb       NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE status = 'PENDING';

-- Delays, question timeouts and session expiry; claimed with FOR UPDATE SKIP LOCKED when due.
CREATE TABLE timers (
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    session_id      uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    timer_key       text        NOT NULL,
    due_at          timestamptz NOT NULL,
    PRIMARY KEY (session_id, timer_key)
);
CREATE INDEX timers_due_idx ON timers (due_at);

-- What each step did, for a conversation's path and per-node analytics.
CREATE TABLE step_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    inbox_id   bigint      NOT NULL,
    node_id    text,
    kind       text        NOT NULL,
    detail     text,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX step_log_session_idx ON step_log (session_id, id);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['flows', 'flow_versions', 'conversations', 'sessions', 'inbox', 'outbox', 'timers', 'step_log']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_tenant_id())', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO conversa_tenant', t);
    END LOOP;
END
$$;
GRANT USAGE ON SEQUENCE inbox_id_seq, outbox_id_seq, step_log_id_seq TO conversa_tenant;
