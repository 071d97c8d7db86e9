-- +goose Up
-- On SQLite the writer of reads commits to a file of its own under load and
-- later appends those entries to the chain (store/audit_spill.go):
-- reads_through is the last of them chained, so that none is chained twice,
-- and spill_id ties the file to this database. Unused on PostgreSQL, where
-- the entries of reads always go to the chain at once. Not backed up: it
-- describes this database's own file.
CREATE TABLE audit_spill (
	id            INTEGER PRIMARY KEY CHECK (id = 1),
	reads_through BIGINT NOT NULL,
	spill_id      TEXT NOT NULL
);
INSERT INTO audit_spill (id, reads_through, spill_id) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_spill;
