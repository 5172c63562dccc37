-- Each number's business hours (time zone, weekly hours, holidays, away message) as the API
-- takes them; null: always open. away_replied_at: when a handed-over conversation last got the
-- away message, so that it goes once per closed spell.
ALTER TABLE channels ADD COLUMN business_hours jsonb;
ALTER TABLE conversations ADD COLUMN away_replied_at timestamptz;
