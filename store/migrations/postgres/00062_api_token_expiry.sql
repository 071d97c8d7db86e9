-- +goose Up
-- API tokens expire (web_tokens.go). Tokens made before this change get 90
-- days from their creation, the lifetime of new ones; already older ones
-- stop working, and their owners make new ones.
ALTER TABLE web_api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE web_api_tokens SET expires_at = created_at + 7776000000000;

-- +goose Down
ALTER TABLE web_api_tokens DROP COLUMN expires_at;
