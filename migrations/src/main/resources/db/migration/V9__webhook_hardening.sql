-- Webhooks as Meta really sends them.
--
-- A Meta app's callback carries the events of every number the app serves: a channel may name
-- its Meta app, whose one webhook URL then serves all of the app's numbers.
ALTER TABLE channels ADD COLUMN meta_app_id text;
CREATE INDEX channels_meta_app_idx ON channels (meta_app_id) WHERE meta_app_id IS NOT NULL;
CREATE INDEX channels_phone_number_idx ON channels (phone_number_id);

-- Customers with a WhatsApp username may come with their business-scoped user id (BSUID) and no
-- phone number. wa_id stays the conversation's key: the phone number when known, else the BSUID.
ALTER TABLE conversations ADD COLUMN user_id text;
CREATE UNIQUE INDEX conversations_user_id_key ON conversations (tenant_id, channel_id, user_id) WHERE user_id IS NOT NULL;

-- When the customer sent a message (WhatsApp's timestamp), beside when Conversa received it:
-- Meta retries deliveries for hours, and the 24-hour window runs from the customer's message.
ALTER TABLE inbox ADD COLUMN sent_at timestamptz;
