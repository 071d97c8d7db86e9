-- +goose Up
-- The office view's search by one word (a surname, an A-number) as a
-- derived index (office_index.go): one row per family and blind-index
-- hash of its family_index, with the family's office_rows columns, so
-- that the families a word matches are one range of an index in the
-- view's urgent order, read a page at a time like office_rows, instead
-- of every office row tested against the blind index (a surname shared by
-- a twentieth of the office: about twenty rows read per row shown).
-- office_word_counts holds how many families each word matches, so that
-- "N families" of a search needs no count of its matches.
-- Nothing here that family_index and office_rows do not already hold:
-- keyed hashes and plain, non-identifying columns.
-- Derived: not in the backup; built here from office_rows and again with
-- it (rebuildOfficeRows: by buildOnce and Restore), and kept with every
-- office row re-derived (reindexOffice).
CREATE TABLE office_words (
	family_id   TEXT NOT NULL REFERENCES families(id),
	hash        BLOB NOT NULL,
	org_id      TEXT NOT NULL REFERENCES orgs(id),
	version     INTEGER NOT NULL,
	file_by     TEXT NOT NULL,
	neg_updated BIGINT NOT NULL,
	eligible    INTEGER NOT NULL,
	review      INTEGER NOT NULL,
	ineligible  INTEGER NOT NULL,
	PRIMARY KEY (family_id, hash)
);
-- Covering: a page's rows are read from the index alone.
CREATE INDEX office_words_urgent ON office_words (org_id, hash, review, file_by, family_id, version, neg_updated, eligible, ineligible);

CREATE TABLE office_word_counts (
	org_id   TEXT NOT NULL REFERENCES orgs(id),
	hash     BLOB NOT NULL,
	families BIGINT NOT NULL,
	PRIMARY KEY (org_id, hash)
);

INSERT INTO office_words (family_id, hash, org_id, version, file_by, neg_updated, eligible, review, ineligible)
	SELECT DISTINCT o.family_id, i.hash, o.org_id, o.version, o.file_by, o.neg_updated, o.eligible, o.review, o.ineligible
	FROM family_index i JOIN office_rows o ON o.family_id = i.family_id;
INSERT INTO office_word_counts (org_id, hash, families)
	SELECT org_id, hash, COUNT(*) FROM office_words GROUP BY org_id, hash;

-- The office view keeps the sealed labels it reads by family, version and
-- time of the version (label_cache.go), so it reads both with each label:
-- the index of labels (00172) holds them too, and each label is still one
-- descent of one index. It replaces families_label, whose columns it holds.
CREATE INDEX families_label_version ON families (id, org_id, version, updated_at, label_enc);
DROP INDEX families_label;

-- +goose Down
CREATE INDEX families_label ON families (id, org_id, label_enc);
DROP INDEX families_label_version;
DROP TABLE office_word_counts;
DROP TABLE office_words;
