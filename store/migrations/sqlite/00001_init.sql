-- +goose Up
-- Times are BIGINT microseconds since 1970 UTC and calendar dates are TEXT
-- YYYY-MM-DD on both engines, so that one set of queries (and one backup
-- format) serves SQLite and PostgreSQL alike. Columns ending in _enc hold
-- AEAD envelopes (see store/envelope.go), never plaintext.

CREATE TABLE orgs (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

-- The data keys of each organization, wrapped by a master key that is never
-- stored here; master_id names which one.
CREATE TABLE org_keys (
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	version    INTEGER NOT NULL,
	master_id  TEXT NOT NULL,
	wrapped    BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (org_id, version)
);

CREATE TABLE families (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	version    INTEGER NOT NULL,
	label_enc  BLOB NOT NULL,
	-- The filing deadline is derived from the case file and kept in clear,
	-- see families.go.
	file_by    TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX families_deadline ON families (org_id, file_by);

CREATE TABLE users (
	id          TEXT PRIMARY KEY,
	org_id      TEXT NOT NULL REFERENCES orgs(id),
	login       TEXT NOT NULL UNIQUE,
	name_enc    BLOB NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('admin', 'representative', 'caseworker', 'client')),
	family_id   TEXT REFERENCES families(id),
	created_at  BIGINT NOT NULL,
	disabled_at BIGINT,
	CHECK ((role = 'client') = (family_id IS NOT NULL))
);

-- Every version of every case file; rows are only ever inserted.
CREATE TABLE family_versions (
	family_id  TEXT NOT NULL REFERENCES families(id),
	version    INTEGER NOT NULL,
	case_enc   BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL,
	PRIMARY KEY (family_id, version)
);

-- Keyed hashes of the normalized names and A-numbers of the latest version.
CREATE TABLE family_index (
	org_id    TEXT NOT NULL,
	family_id TEXT NOT NULL REFERENCES families(id),
	hash      BLOB NOT NULL
);
CREATE INDEX family_index_hash ON family_index (org_id, hash);
CREATE INDEX family_index_family ON family_index (family_id);

CREATE TABLE assessments (
	family_id  TEXT NOT NULL REFERENCES families(id),
	version    INTEGER NOT NULL,
	as_of      TEXT NOT NULL,
	file_by    TEXT,
	body_enc   BLOB NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (family_id, version)
);

CREATE TABLE documents (
	id           TEXT PRIMARY KEY,
	org_id       TEXT NOT NULL REFERENCES orgs(id),
	family_id    TEXT NOT NULL REFERENCES families(id),
	name_enc     BLOB NOT NULL,
	content_type TEXT NOT NULL,
	size         BIGINT NOT NULL,
	created_at   BIGINT NOT NULL,
	created_by   TEXT NOT NULL
);
CREATE INDEX documents_family ON documents (family_id);

-- The files themselves, apart so that listing documents never reads them.
CREATE TABLE document_blobs (
	document_id TEXT PRIMARY KEY REFERENCES documents(id),
	content_enc BLOB NOT NULL
);

CREATE TABLE events (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	family_id  TEXT NOT NULL REFERENCES families(id),
	kind       TEXT NOT NULL,
	at         BIGINT NOT NULL,
	detail_enc BLOB NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX events_family ON events (family_id, at);

CREATE TABLE tasks (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES orgs(id),
	family_id  TEXT NOT NULL REFERENCES families(id),
	title_enc  BLOB NOT NULL,
	due        TEXT,
	done_at    BIGINT,
	created_at BIGINT NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX tasks_due ON tasks (org_id, due);
CREATE INDEX tasks_family ON tasks (family_id);

-- The hash-chained audit log (audit.go). Rows are only ever inserted;
-- audit_head holds the last link so that a truncated tail is noticed and so
-- that writers serialize on one row.
CREATE TABLE audit_log (
	seq       BIGINT PRIMARY KEY,
	at        BIGINT NOT NULL,
	actor_id  TEXT NOT NULL,
	org_id    TEXT NOT NULL,
	action    TEXT NOT NULL,
	family_id TEXT NOT NULL,
	detail    TEXT NOT NULL,
	prev_hash BLOB NOT NULL,
	hash      BLOB NOT NULL
);
CREATE INDEX audit_log_family ON audit_log (family_id, seq);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT NOT NULL,
	hash BLOB NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE tasks;
DROP TABLE events;
DROP TABLE document_blobs;
DROP TABLE documents;
DROP TABLE assessments;
DROP TABLE family_index;
DROP TABLE family_versions;
DROP TABLE users;
DROP TABLE families;
DROP TABLE org_keys;
DROP TABLE orgs;
