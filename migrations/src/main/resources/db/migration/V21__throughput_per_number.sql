-- Meta assigns each number its throughput (80 messages per second by default, up to 1,000 for
-- high-throughput numbers). Null: the operator's default (conversa.whatsapp.sender.messages-per-second).
ALTER TABLE channels ADD COLUMN messages_per_second integer CHECK (messages_per_second BETWEEN 1 AND 1000);
