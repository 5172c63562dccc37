-- Contacts: a contact is the customer of a conversation (one per number), its document the
-- conversation's contact (name, phone, tags, attributes) that flows and modules already read and
-- write. An opted-out contact carries "optedOutAt" there (flows see it as {{contact.optedOutAt}});
-- a tenant's keywords (STOP, SAIR, ...) opt a customer out by message.
ALTER TABLE tenants
    ADD COLUMN opt_out_keywords text[] NOT NULL
        DEFAULT '{STOP,UNSUBSCRIBE,SAIR,PARAR,CANCELAR,DESCADASTRAR}';

-- The contact list pages newest first by (created_at, id); tags are filtered with the GIN index.
CREATE INDEX conversations_contacts_page_idx ON conversations (tenant_id, created_at DESC, id DESC);
CREATE INDEX conversations_contact_doc_idx ON conversations USING gin (contact jsonb_path_ops);

-- Erasing a contact (a privacy request) removes its events too.
GRANT DELETE ON events TO conversa_tenant;
