-- +goose Up
-- Tables of the web application (web/, store/web_*.go). Secrets that a
-- browser or a script presents (session cookies, one-time links, API
-- tokens) are kept only as SHA-256 hashes, so a copy of the database lets
-- no one sign in.

-- Passwords as argon2id PHC strings, hashed by the web package.
CREATE TABLE web_passwords (
	user_id    TEXT PRIMARY KEY REFERENCES users(id),
	hash       TEXT NOT NULL,
	updated_at BIGINT NOT NULL
);

-- Server-side sessions: the cookie holds a random token, this table its hash.
CREATE TABLE web_sessions (
	token_hash BLOB PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	seen_at    BIGINT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- Failed sign-ins per login (hashed, so that mistyped passwords typed into
-- the login box are not kept in clear), for the lockout.
CREATE TABLE web_login_failures (
	login_hash   BLOB PRIMARY KEY,
	failures     INTEGER NOT NULL,
	locked_until BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);

-- One-time links: invitations (choose a first password) and password resets.
CREATE TABLE web_links (
	token_hash BLOB PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users(id),
	purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL,
	used_at    BIGINT
);

CREATE TABLE web_api_tokens (
	token_hash BLOB PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	user_id    TEXT NOT NULL REFERENCES users(id),
	name       TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT
);

-- How many petitions of a family's current version are eligible, need
-- review or are ineligible, so that the office view can sort thousands of
-- families without opening every sealed assessment. Counts only, no facts.
CREATE TABLE web_family_verdicts (
	family_id  TEXT PRIMARY KEY REFERENCES families(id),
	version    INTEGER NOT NULL,
	eligible   INTEGER NOT NULL,
	review     INTEGER NOT NULL,
	ineligible INTEGER NOT NULL
);

-- +goose Down
DROP TABLE web_family_verdicts;
DROP TABLE web_api_tokens;
DROP TABLE web_links;
DROP TABLE web_login_failures;
DROP TABLE web_sessions;
DROP TABLE web_passwords;
