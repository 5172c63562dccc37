-- Invitations to join a tenant: a link (emailed, or shown to the admin) that lets the invitee set
-- a password. Only the token's SHA-256 is kept; a token works once and for a week.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       text        NOT NULL,
    name        text        NOT NULL,
    role        text        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    invited_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX invitations_tenant_idx ON invitations (tenant_id, created_at DESC);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO conversa_tenant;
