-- The conversation list pages by activity (the customer's last message, else the start) and id.
CREATE INDEX conversations_activity_idx ON conversations (tenant_id, (coalesce(last_inbound_at, created_at)) DESC, id DESC);
