-- Per-flow analytics, pre-aggregated per node and hour from the step log (FlowStatsAggregator),
-- so a flow's counts read a few rows however many steps the tenant has.

CREATE TABLE flow_node_hourly (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    flow_id      uuid        NOT NULL,
    flow_version integer     NOT NULL,
    node_id      text        NOT NULL,
    hour         timestamptz NOT NULL,
    entered      bigint      NOT NULL DEFAULT 0,
    invalid      bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, flow_id, flow_version, node_id, hour)
);

-- A session moving from one node to the next (consecutive nodes it entered).
CREATE TABLE flow_edge_hourly (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    flow_id      uuid        NOT NULL,
    flow_version integer     NOT NULL,
    source_node  text        NOT NULL,
    target_node  text        NOT NULL,
    hour         timestamptz NOT NULL,
    followed     bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, flow_id, flow_version, source_node, target_node, hour)
);

-- How far the aggregation has read the step log; its row lock lets one process at a time aggregate.
CREATE TABLE flow_stats_progress (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_step_id bigint  NOT NULL
);
INSERT INTO flow_stats_progress (last_step_id) VALUES (0);

ALTER TABLE flow_node_hourly ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_node_hourly USING (tenant_id = current_tenant_id());
GRANT SELECT ON flow_node_hourly TO conversa_tenant;
ALTER TABLE flow_edge_hourly ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON flow_edge_hourly USING (tenant_id = current_tenant_id());
GRANT SELECT ON flow_edge_hourly TO conversa_tenant;
