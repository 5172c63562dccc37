-- Customer messages no agent has seen yet: counted as they are processed, cleared when an agent
-- opens the conversation or marks it read.
ALTER TABLE conversations ADD COLUMN unread integer NOT NULL DEFAULT 0;
