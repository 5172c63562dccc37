-- One event log for live chat, the public event stream, outbound webhooks and analytics: every
-- fact (message received, sent, status; handed off, released; session ended; contact updated;
-- flow published) is a row written in the transaction of the change it describes.
--
-- Readers go by position (txid, id) and read only below the oldest transaction still running
-- (pg_snapshot_xmin): a transaction that commits late can never slip an event in behind a reader.
-- A per-tenant counter would do the same by serialising every transaction of a tenant on one row.
CREATE TABLE events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid            bigint      NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    event_id        uuid        NOT NULL UNIQUE,
    tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    type            text        NOT NULL,
    conversation_id uuid,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    data            jsonb       NOT NULL
);
CREATE INDEX events_tenant_position_idx ON events (tenant_id, txid, id);

-- Where readers may read up to: everything below it is final.
CREATE FUNCTION events_horizon() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint $$;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON events USING (tenant_id = current_tenant_id());
GRANT SELECT, INSERT ON events TO conversa_tenant;
GRANT USAGE ON SEQUENCE events_id_seq TO conversa_tenant;
GRANT EXECUTE ON FUNCTION events_horizon() TO conversa_tenant;
