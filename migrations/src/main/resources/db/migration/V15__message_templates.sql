-- Message templates of the tenants' WhatsApp Business Accounts, as the Graph API lists them
-- (/{waba-id}/message_templates): synced from it, created through it, and kept current by the
-- message_template_status_update webhook. The only messages that may open a conversation.
CREATE TABLE message_templates (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    waba_id         text        NOT NULL,
    wa_template_id  text        NOT NULL,
    name            text        NOT NULL,
    language        text        NOT NULL,
    category        text        NOT NULL,
    status          text        NOT NULL,
    components      jsonb       NOT NULL DEFAULT '[]',
    rejected_reason text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, waba_id, name, language)
);
CREATE INDEX message_templates_wa_id_idx ON message_templates (tenant_id, waba_id, wa_template_id);

ALTER TABLE message_templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_templates USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE, DELETE ON message_templates TO conversa_tenant;
