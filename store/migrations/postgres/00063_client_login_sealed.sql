-- +goose Up
-- A client's login is kept as a blind index in users.login ("~" and an
-- HMAC of the login) and sealed in login_enc with the office's data key
-- (client_logins.go): a protected person's chosen name is not in clear in
-- the database. Staff logins stay in clear (login_enc NULL). Existing
-- client logins are converted when a program opens the database.
ALTER TABLE users ADD COLUMN login_enc BYTEA;

-- +goose Down
ALTER TABLE users DROP COLUMN login_enc;
