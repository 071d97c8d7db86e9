-- +goose Up
-- Sign-in attempts are counted before the password is checked (web_signin.go),
-- per login and client address and, as a backstop, per login alone; the
-- old per-login table counted after the check, which concurrent guesses beat.
-- login_hash lets an administrator lift every lock of one login at once.
-- Nothing here is worth keeping across the change: counts start afresh.
CREATE TABLE web_signin_attempts (
	counter      BLOB PRIMARY KEY,
	login_hash   BLOB NOT NULL,
	failures     INTEGER NOT NULL,
	locked_until BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
CREATE INDEX web_signin_attempts_login ON web_signin_attempts (login_hash);
DROP TABLE web_login_failures;

-- +goose Down
CREATE TABLE web_login_failures (
	login_hash   BLOB PRIMARY KEY,
	failures     INTEGER NOT NULL,
	locked_until BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
DROP TABLE web_signin_attempts;
