-- Waiting events have two indexes: by conversation (for reading a conversation's waiting events)
-- and by id (for the workers' claim of the oldest). Both hold only waiting events, so statistics
-- taken between bursts find them nearly empty, and a generic plan then read a conversation's
-- waiting events through the id index, filtering every waiting event of every conversation: 40 to
-- 90 ms a batch under a backlog, which grew the faster (docs/performance.md, session 18). The
-- claim's index now also has a condition that only the claim states (id > 0, true of every row: ids
-- start at 1), so no other query can choose it.
DROP INDEX inbox_pending_order_idx;
CREATE INDEX inbox_claim_order_idx ON inbox (id) WHERE processed_at IS NULL AND id > 0;
