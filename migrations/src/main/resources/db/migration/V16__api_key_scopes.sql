-- API keys may be narrowed to scopes (e.g. messages:send, contacts:read); NULL: whatever the role
-- allows (the keys made before scopes). Each key has a request rate; NULL: the operator's default.
ALTER TABLE api_keys
    ADD COLUMN scopes              text[],
    ADD COLUMN requests_per_minute integer CHECK (requests_per_minute BETWEEN 1 AND 100000);
