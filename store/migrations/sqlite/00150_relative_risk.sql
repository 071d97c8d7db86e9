-- +goose Up
-- Each relative's timeline, incident log and risk level (package risk,
-- store/relatives.go). Numbers 00150-00154 are this subject's.

-- The timeline entries and the incidents of a relative, one row each,
-- never updated. Everything said about the relative (the kind of entry
-- or incident, places, statuses, descriptions, sources) is sealed in
-- body_enc; only ids, which log a row belongs to and times are in clear.
CREATE TABLE relative_log (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	family_id  TEXT NOT NULL REFERENCES families(id),
	member_id  TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	log        TEXT NOT NULL,
	body_enc   BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (family_id, member_id, seq)
);

-- A relative's risk level, every change kept. The level is in clear (a
-- word from low to critical, like a petition's stage) so that an office
-- can be sorted by it; the reason is sealed.
CREATE TABLE relative_risk (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	family_id  TEXT NOT NULL REFERENCES families(id),
	member_id  TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	level      TEXT NOT NULL,
	day        TEXT NOT NULL,
	reason_enc BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (family_id, member_id, seq)
);

-- Who must hear that a relative's risk was raised: the family's assigned
-- caseworker and attorney, or the whole office (recipient_id NULL) when
-- nobody is assigned. No name, place or reason: a sender (e-mail, the
-- "needs action" page) links to the family.
CREATE TABLE risk_notifications (
	id           TEXT PRIMARY KEY,
	org_id       TEXT NOT NULL REFERENCES orgs(id),
	family_id    TEXT NOT NULL REFERENCES families(id),
	member_id    TEXT NOT NULL,
	recipient_id TEXT,
	level        TEXT NOT NULL,
	created_at   BIGINT NOT NULL,
	created_by   TEXT NOT NULL,
	seen_at      BIGINT
);
CREATE INDEX risk_notifications_org ON risk_notifications (org_id, seen_at);

-- +goose Down
DROP TABLE risk_notifications;
DROP TABLE relative_risk;
DROP TABLE relative_log;
