-- +goose Up
-- Working with partner offices (store/shares.go, notes.go): a family shared
-- with another office, notes and client messages, tasks with an assignee.
-- Numbers 155-159 belong to this subject (other branches use others).

-- A family shared by its office (org_id) with a partner office: the whole
-- family (members = '') or the relatives named in members (member ids
-- separated by spaces; member ids are in clear like petition_events'),
-- read or write, until expires_at, unless revoked before. Rows are never
-- deleted: a revoked or expired share stays as the record of what was
-- shared, when and by whom.
CREATE TABLE family_shares (
	id             TEXT PRIMARY KEY,
	org_id         TEXT NOT NULL REFERENCES orgs(id),
	family_id      TEXT NOT NULL REFERENCES families(id),
	partner_org_id TEXT NOT NULL REFERENCES orgs(id),
	members        TEXT NOT NULL,
	access         TEXT NOT NULL CHECK (access IN ('read', 'write')),
	expires_at     BIGINT NOT NULL,
	created_at     BIGINT NOT NULL,
	created_by     TEXT NOT NULL,
	revoked_at     BIGINT,
	revoked_by     TEXT,
	CHECK (org_id <> partner_org_id)
);
CREATE INDEX family_shares_partner ON family_shares (partner_org_id, family_id);
CREATE INDEX family_shares_family ON family_shares (family_id);

-- Notes of a family's team (kind 'note': a thread per family, member_id
-- '', and per relative) and messages between the client and the team (kind
-- 'message'). The text is sealed with the family's office's data key,
-- whoever wrote it, so that it opens wherever the family does.
CREATE TABLE family_notes (
	id            TEXT PRIMARY KEY,
	org_id        TEXT NOT NULL REFERENCES orgs(id),
	family_id     TEXT NOT NULL REFERENCES families(id),
	-- The order of a family's notes and messages: writers queue on the
	-- audit head, so the next number is taken without a race.
	seq           INTEGER NOT NULL,
	member_id     TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('note', 'message')),
	author_id     TEXT NOT NULL,
	author_org_id TEXT NOT NULL REFERENCES orgs(id),
	body_enc      BYTEA NOT NULL,
	created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX family_notes_family ON family_notes (family_id, seq);

-- Who a note mentions (@login): user ids only.
CREATE TABLE note_mentions (
	note_id TEXT NOT NULL REFERENCES family_notes(id),
	user_id TEXT NOT NULL,
	PRIMARY KEY (note_id, user_id)
);
CREATE INDEX note_mentions_user ON note_mentions (user_id);

-- A task may be about one relative and have someone responsible for it.
-- Beside tasks rather than new columns of it, so that backups made before
-- this migration still restore (a backup row has the columns of its time).
CREATE TABLE task_details (
	task_id     TEXT PRIMARY KEY REFERENCES tasks(id),
	member_id   TEXT NOT NULL,
	assignee_id TEXT
);
CREATE INDEX task_details_assignee ON task_details (assignee_id);

-- +goose Down
DROP TABLE task_details;
DROP TABLE note_mentions;
DROP TABLE family_notes;
DROP TABLE family_shares;
