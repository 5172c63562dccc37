-- Agents' presence in the inbox: online or away, kept alive by their open inbox (seen_at); a
-- member not seen for a while counts as offline. last_assigned_at makes auto-assignment a round robin.
CREATE TABLE member_presence (
    user_id          uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    status           text        NOT NULL CHECK (status IN ('ONLINE', 'AWAY')),
    seen_at          timestamptz NOT NULL DEFAULT now(),
    last_assigned_at timestamptz
);
CREATE INDEX member_presence_tenant_idx ON member_presence (tenant_id, status, last_assigned_at NULLS FIRST);

ALTER TABLE member_presence ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_presence USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON member_presence TO conversa_tenant;

-- A number whose handed-off conversations go to its online agents in turn.
ALTER TABLE channels ADD COLUMN auto_assign boolean NOT NULL DEFAULT false;
