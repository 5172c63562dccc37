-- Tenants, user accounts, memberships, API keys and the audit log.
--
-- Isolation in depth: tenant-scoped transactions switch to the role conversa_tenant
-- (SET LOCAL ROLE) and set conversa.tenant_id; row-level security then refuses every row of
-- another tenant, whatever the query says. Superusers and table owners bypass RLS, which is
-- what system work (login, API-key lookup, migrations) runs as.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'conversa_tenant') THEN
        CREATE ROLE conversa_tenant NOLOGIN;
    END IF;
END
$$;
GRANT conversa_tenant TO CURRENT_USER;

CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('conversa.tenant_id', true), '')::uuid $$;

CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- An account: one person, who may be a member of several tenants.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL UNIQUE CHECK (email = lower(email)),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'BUILDER', 'AGENT')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- Only the SHA-256 of a key is stored; the key itself is shown once, at creation.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix       text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    role         text        NOT NULL CHECK (role IN ('ADMIN', 'BUILDER', 'AGENT')),
    created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE audit_events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    actor_user_id    uuid,
    actor_api_key_id uuid,
    action           text        NOT NULL,
    target           text,
    ip               text,
    user_agent       text,
    details          jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_tenant_time_idx ON audit_events (tenant_id, occurred_at DESC);

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants USING (id = current_tenant_id());

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships USING (tenant_id = current_tenant_id());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys USING (tenant_id = current_tenant_id());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events USING (tenant_id = current_tenant_id());

-- A tenant sees and changes only the accounts of its members (memberships' own policy applies
-- inside the sub-select); it may create an account, which it then makes a member.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON users FOR SELECT
    USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
CREATE POLICY members_update ON users FOR UPDATE
    USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
CREATE POLICY accounts_create ON users FOR INSERT WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, memberships, api_keys, audit_events TO conversa_tenant;
GRANT USAGE ON SEQUENCE audit_events_id_seq TO conversa_tenant;
GRANT EXECUTE ON FUNCTION current_tenant_id() TO conversa_tenant;
