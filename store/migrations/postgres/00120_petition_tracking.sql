-- +goose Up
-- A petition's life after filing (tracking package, store/petitions.go).
-- Numbered 120 so that migrations added on other branches (53 onward) do
-- not collide; goose applies out-of-order migrations (migrate.go).

-- Every event of a relative's petition, as entered, never updated: a
-- correction is a new row. The event itself (dates, receipt and tracking
-- numbers, notes) is sealed; seq orders a member's history.
CREATE TABLE petition_events (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	family_id  TEXT NOT NULL REFERENCES families(id),
	member_id  TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	body_enc   BYTEA NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	UNIQUE (family_id, member_id, seq)
);

-- Receipt numbers identify a case at USCIS: only their keyed hash is kept
-- here, to find a petition by its receipt number.
CREATE TABLE petition_receipts (
	org_id    TEXT NOT NULL REFERENCES orgs(id),
	hash      BYTEA NOT NULL,
	family_id TEXT NOT NULL REFERENCES families(id),
	member_id TEXT NOT NULL,
	PRIMARY KEY (org_id, hash, family_id, member_id)
);

-- Where each petition stands, in clear: a stage name and a day, with no
-- name or number, so that an office can be counted by stage cheaply.
CREATE TABLE petition_status (
	family_id TEXT NOT NULL REFERENCES families(id),
	member_id TEXT NOT NULL,
	org_id    TEXT NOT NULL REFERENCES orgs(id),
	stage     TEXT NOT NULL,
	since     TEXT,
	PRIMARY KEY (family_id, member_id)
);

-- The open due dates, in clear for the same reason as families.file_by:
-- "what is due in the next 30 days across the office" must be an indexed
-- range query. source is 'events' (from the petition's events) or 'law'
-- (the filing deadline and a 21st birthday, from the family's assessment).
CREATE TABLE petition_due (
	org_id       TEXT NOT NULL REFERENCES orgs(id),
	family_id    TEXT NOT NULL REFERENCES families(id),
	member_id    TEXT NOT NULL,
	kind         TEXT NOT NULL,
	due          TEXT NOT NULL,
	notice       TEXT,
	check_notice INTEGER NOT NULL,
	source       TEXT NOT NULL
);
CREATE INDEX petition_due_org ON petition_due (org_id, due);
CREATE INDEX petition_due_family ON petition_due (family_id, member_id);

-- The family version whose assessment the 'law' rows of petition_due come
-- from; older rows are refreshed on the next read.
CREATE TABLE petition_law_version (
	family_id TEXT PRIMARY KEY REFERENCES families(id),
	version   INTEGER NOT NULL
);

-- Who is responsible for a family: a caseworker and an optional attorney
-- (users of the office).
CREATE TABLE family_assignments (
	family_id     TEXT PRIMARY KEY REFERENCES families(id),
	org_id        TEXT NOT NULL REFERENCES orgs(id),
	caseworker_id TEXT,
	attorney_id   TEXT,
	updated_at    BIGINT NOT NULL,
	updated_by    TEXT NOT NULL
);
CREATE INDEX family_assignments_org ON family_assignments (org_id, caseworker_id);

-- +goose Down
DROP TABLE family_assignments;
DROP TABLE petition_law_version;
DROP TABLE petition_due;
DROP TABLE petition_status;
DROP TABLE petition_receipts;
DROP TABLE petition_events;
