-- +goose Up
-- The deadlines list (Store.Deadlines) reads every family whose filing
-- deadline falls in a range, soonest first, then by id. The old index
-- (org_id, file_by) found them but made SQLite look up each row in the
-- table and sort the ids of each day in a temporary B-tree; this one holds
-- every column the list reads, in its order, so the list is one range scan
-- of the index (no table, no sort). It replaces the old one, whose columns
-- it starts with. The label is sealed, as in the table.
CREATE INDEX families_deadline_list ON families (org_id, file_by, id, version, updated_at, label_enc);
DROP INDEX families_deadline;

-- +goose Down
CREATE INDEX families_deadline ON families (org_id, file_by);
DROP INDEX families_deadline_list;
