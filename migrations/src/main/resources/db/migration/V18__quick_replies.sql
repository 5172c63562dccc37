-- Quick replies: canned answers agents insert with "/shortcut"; {{contact.name}} and the like are
-- filled in for the conversation at hand.
CREATE TABLE quick_replies (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    shortcut   text        NOT NULL,
    body       text        NOT NULL,
    created_by uuid,
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, shortcut)
);

ALTER TABLE quick_replies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quick_replies USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON quick_replies TO conversa_tenant;
