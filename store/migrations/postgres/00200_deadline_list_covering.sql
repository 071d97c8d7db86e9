-- +goose Up
-- The deadlines list (Store.Deadlines) read its rows through the index
-- (org_id, file_by, id) and then the table, for the columns the index did
-- not hold: PostgreSQL fetched 5,551 rows among 100,000 from 204 pages of
-- the table and sorted them (bitmap scan), or made one table visit per row
-- in index order (5,617 buffers). This index carries the other columns the
-- list reads, so that once the table's pages are known to be all visible
-- (autovacuum sets that after the inserts) the list is one range of the
-- index read in its order: an index-only scan, with no table visit and no
-- sort (117 buffers). It replaces the old one, whose key it keeps, so the
-- other queries that used it still can.
--
-- label_enc fits in an index entry: a label is a principal's full name,
-- three parts of at most 200 characters (the case file's limit, which
-- every stored family has passed), so at most 2,402 bytes of UTF-8 and
-- 2,447 sealed, about 2,530 bytes for the entry, under PostgreSQL's 2,704.
CREATE INDEX families_deadline_read ON families (org_id, file_by, id) INCLUDE (version, updated_at, label_enc);
DROP INDEX families_deadline_list;

-- +goose Down
CREATE INDEX families_deadline_list ON families (org_id, file_by, id);
DROP INDEX families_deadline_read;
