-- The module marketplace: every module version Conversa knows (public ones have no tenant:
-- built-ins, the operator's Java modules and published JavaScript; private ones are a tenant's own
-- uploads), what each tenant installed, their key-value stores and the log of every execution.
CREATE TABLE module_versions (
    id          uuid PRIMARY KEY,
    tenant_id   uuid REFERENCES tenants (id) ON DELETE CASCADE,
    module_id   text        NOT NULL,
    version     text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('BUILT_IN', 'JAVA', 'JAVASCRIPT')),
    manifest    jsonb       NOT NULL,
    -- The JavaScript source; the code of the other kinds is in the platform.
    source      text,
    uploaded_by uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'JAVASCRIPT') = (source IS NOT NULL)),
    UNIQUE NULLS NOT DISTINCT (tenant_id, module_id, version)
);
CREATE INDEX module_versions_module_idx ON module_versions (module_id);

CREATE TABLE module_installations (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    module_id    text        NOT NULL,
    version      text        NOT NULL,
    -- The tenant's secrets for the module, as encrypted JSON ({"name": "value"}).
    secrets      bytea,
    installed_by uuid,
    installed_at timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, module_id)
);

CREATE TABLE module_store (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    module_id  text        NOT NULL,
    key        text        NOT NULL,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, module_id, key)
);

CREATE TABLE module_executions (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    module_id       text        NOT NULL,
    version         text        NOT NULL,
    conversation_id uuid,
    started_at      timestamptz NOT NULL,
    duration_ms     integer     NOT NULL,
    outcome         text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    error           text,
    logs            jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX module_executions_recent_idx ON module_executions (tenant_id, started_at DESC);

-- Module calls of running conversations: queued with the step that asked for them, run outside
-- any transaction, answered with an inbox event. A call whose lease ran out (a crash) runs again.
CREATE TABLE module_calls (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    session_id      uuid        NOT NULL,
    call_id         text        NOT NULL,
    module_id       text        NOT NULL,
    version         text        NOT NULL,
    input           jsonb       NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    lease_until     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (session_id, call_id)
);
CREATE INDEX module_calls_created_idx ON module_calls (created_at);

ALTER TABLE module_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY public_or_own ON module_versions FOR SELECT USING (tenant_id IS NULL OR tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON module_versions USING (tenant_id = current_tenant_id());
ALTER TABLE module_installations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON module_installations USING (tenant_id = current_tenant_id());
ALTER TABLE module_store ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON module_store USING (tenant_id = current_tenant_id());
ALTER TABLE module_executions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON module_executions USING (tenant_id = current_tenant_id());
ALTER TABLE module_calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON module_calls USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON module_versions, module_installations, module_store, module_executions,
    module_calls TO conversa_tenant;
