-- What an API key may do: 'read' (GET operations) and/or 'write' (every other). Keys made before
-- scopes existed could do everything, and keep both.
ALTER TABLE api_keys
    ADD COLUMN scopes TEXT[] NOT NULL DEFAULT ARRAY['read', 'write']
        CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write']);

-- A password change ends every live login of its user.
CREATE INDEX refresh_tokens_live_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
