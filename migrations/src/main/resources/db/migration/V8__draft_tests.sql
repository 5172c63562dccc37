-- The flow builder's simulator runs drafts. A draft under test is frozen as a version of its own,
-- numbered minus its draft revision (never listed as published, never started by keywords), and
-- the builder's test conversation names the flow version a new session there starts on.
ALTER TABLE conversations
    ADD COLUMN test_flow_id      uuid REFERENCES flows (id) ON DELETE SET NULL,
    ADD COLUMN test_flow_version integer;
