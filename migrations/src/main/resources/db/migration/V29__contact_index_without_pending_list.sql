-- Every message updates its conversation (last inbound time, unread count), and as indexed columns
-- change, each update adds the contact's entries to this GIN index again. With fastupdate (the
-- default) they pile up in a pending list that the backend crossing gin_pending_list_limit (4 MB,
-- about 40 s of messages at 1,000 a second) merges into the index on its own: a worker stalled for
-- a second or more, holding its conversations, while customers wait. Without the list each update
-- adds its few entries to the index directly: a steady cost instead of a stall.
ALTER INDEX conversations_contact_doc_idx SET (fastupdate = off);
