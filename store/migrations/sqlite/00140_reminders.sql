-- +goose Up
-- Reminders by e-mail, the calendar feed per user and the program
-- manager's overview (issue 12; store/reminders.go, calendar_feeds.go,
-- overview.go). E-mail addresses are sealed like names; the feed's secret
-- is kept only as its SHA-256, like API tokens.

-- A user's own address for the daily digest and the 7-day alerts.
CREATE TABLE remind_users (
	user_id    TEXT PRIMARY KEY REFERENCES users(id),
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	email_enc  BLOB NOT NULL,
	digest     INTEGER NOT NULL,
	alerts     INTEGER NOT NULL,
	updated_at BIGINT NOT NULL
);

-- A family's client who asked for reminders: the address, the language
-- they read, and when they agreed (opted_in_at) as staff recorded it.
CREATE TABLE remind_clients (
	family_id   TEXT PRIMARY KEY REFERENCES families(id),
	org_id      TEXT NOT NULL REFERENCES orgs(id),
	email_enc   BLOB NOT NULL,
	lang        TEXT NOT NULL,
	opted_in_at BIGINT NOT NULL,
	updated_by  TEXT NOT NULL
);

-- Every reminder claimed for sending. The row is written before the
-- message goes out (state 'sending') and marked 'sent' after, so that a
-- server that stops between the two never sends it again; a failed send
-- removes the claim so that the next round tries again. recipient is a
-- user id or "family:" and a family id; item names a due date by ids only.
CREATE TABLE remind_sent (
	recipient  TEXT NOT NULL,
	item       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	day        TEXT NOT NULL,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	state      TEXT NOT NULL CHECK (state IN ('sending', 'sent')),
	claimed_at BIGINT NOT NULL,
	sent_at    BIGINT,
	PRIMARY KEY (recipient, item, kind, day)
);

-- Calendar feeds: a secret URL per user that calendar apps subscribe to.
CREATE TABLE calendar_feeds (
	token_hash BLOB PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	user_id    TEXT NOT NULL REFERENCES users(id),
	with_names INTEGER NOT NULL,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

-- Staff an administrator made program managers: they see the office's
-- overview (administrators always do).
CREATE TABLE program_managers (
	user_id    TEXT PRIMARY KEY REFERENCES users(id),
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	granted_by TEXT NOT NULL,
	granted_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE program_managers;
DROP TABLE calendar_feeds;
DROP TABLE remind_sent;
DROP TABLE remind_clients;
DROP TABLE remind_users;
