-- +goose Up
-- The key of the audit chain (audit_key.go): random, made at the first
-- audit entry written after this migration, and stored only wrapped by the
-- master key, like the organizations' data keys. Entries from from_seq on
-- are linked with an HMAC under it, so that someone who can write to the
-- database but has no master key cannot recompute the chain; the entries
-- before from_seq keep their plain SHA-256 links, pinned by the first keyed
-- one. from_seq is bound into the wrapping, so it cannot be moved.
CREATE TABLE audit_key (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	from_seq   BIGINT NOT NULL,
	master_id  TEXT NOT NULL,
	wrapped    BLOB NOT NULL,
	created_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE audit_key;
