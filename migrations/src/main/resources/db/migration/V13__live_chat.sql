-- Live chat: a conversation is open or closed, may be assigned to one member, carries labels and
-- internal notes, and keeps the times its agent metrics come from.
ALTER TABLE conversations
    ADD COLUMN status            text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    ADD COLUMN assignee_id       uuid        REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN labels            text[]      NOT NULL DEFAULT '{}',
    ADD COLUMN handed_off_at     timestamptz,
    ADD COLUMN first_response_at timestamptz,
    ADD COLUMN closed_at         timestamptz;
CREATE INDEX conversations_inbox_idx ON conversations (tenant_id, status, last_inbound_at DESC);

-- Who wrote an outgoing message: the flow, a member (an agent), or a tenant's system (the API).
ALTER TABLE outbox
    ADD COLUMN origin    text NOT NULL DEFAULT 'FLOW' CHECK (origin IN ('FLOW', 'AGENT', 'API')),
    ADD COLUMN author_id uuid;

-- Notes agents leave on a conversation; never sent to the customer.
CREATE TABLE conversation_notes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    author_id       uuid,
    body            text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_notes_conversation_idx ON conversation_notes (conversation_id, id);

ALTER TABLE conversation_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON conversation_notes USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_notes TO conversa_tenant;
GRANT USAGE ON SEQUENCE conversation_notes_id_seq TO conversa_tenant;
