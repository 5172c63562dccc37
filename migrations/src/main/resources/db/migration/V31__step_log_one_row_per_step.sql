-- One row per step, its trace a jsonb array ([{"kind", "node", "detail"}], in order), instead of a
-- row per trace entry: a message's step wrote five rows with two index entries and two foreign key
-- checks each, the most WAL of any statement on the message path (docs/performance.md, session 20).
-- A step is what one session did for one inbox event; its row keeps the id of its first entry, so
-- the flow statistics' progress (a step log id) counts no entry twice.
ALTER TABLE step_log ADD COLUMN trace jsonb;

WITH steps AS (
    SELECT min(id) AS id,
           jsonb_agg(jsonb_strip_nulls(jsonb_build_object('kind', kind, 'node', node_id, 'detail', detail)) ORDER BY id) AS trace
    FROM step_log
    GROUP BY session_id, inbox_id
)
UPDATE step_log l SET trace = s.trace FROM steps s WHERE l.id = s.id;

DELETE FROM step_log WHERE trace IS NULL;

ALTER TABLE step_log
    ALTER COLUMN trace SET NOT NULL,
    DROP COLUMN node_id,
    DROP COLUMN kind,
    DROP COLUMN detail;
