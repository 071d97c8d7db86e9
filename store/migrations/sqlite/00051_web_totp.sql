-- +goose Up
-- The optional second factor of the web application: a TOTP secret per
-- user, sealed with the organization's data key like every secret of a case.
CREATE TABLE web_totp (
	user_id    TEXT PRIMARY KEY REFERENCES users(id),
	secret_enc BLOB NOT NULL,
	last_step  BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE web_totp;
