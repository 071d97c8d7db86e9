-- +goose Up
-- The office view as a derived index (office_index.go): one row per family
-- with what the view orders and filters by, so that a page is a few short
-- ranges of an index read in order instead of every family of the office
-- ranked and sorted on each request. "No deadline" is stored as
-- '9999-12-31' (it sorts last on both engines, where NULL does not) and
-- the last change as its negation (ascending with the id, as the view
-- orders "newest first, then by id"). Plain, non-identifying columns only.
-- office_counts keeps the number of families per office and number of
-- findings to review, so that "N families" needs no count of every row.
-- Derived: not in the backup; built once (derived_built) and by Restore,
-- and kept with every verdict count recorded (recordVerdicts).
CREATE TABLE office_rows (
	family_id   TEXT PRIMARY KEY REFERENCES families(id),
	org_id      TEXT NOT NULL REFERENCES orgs(id),
	version     INTEGER NOT NULL,
	file_by     TEXT NOT NULL,
	neg_updated BIGINT NOT NULL,
	eligible    INTEGER NOT NULL,
	review      INTEGER NOT NULL,
	ineligible  INTEGER NOT NULL
);
CREATE INDEX office_rows_urgent ON office_rows (org_id, review, file_by, family_id);
CREATE INDEX office_rows_deadline ON office_rows (org_id, file_by, family_id);
CREATE INDEX office_rows_updated ON office_rows (org_id, neg_updated, family_id);

CREATE TABLE office_counts (
	org_id   TEXT NOT NULL REFERENCES orgs(id),
	review   INTEGER NOT NULL,
	families BIGINT NOT NULL,
	PRIMARY KEY (org_id, review)
);

-- +goose Down
DROP TABLE office_counts;
DROP TABLE office_rows;
