-- +goose Up
-- A search (matchedFamilies) reads the families whose blind index holds a
-- hash: with the old index (org_id, hash) each of them was a look-up in
-- the table for its family_id (a surname matches a twentieth of an
-- office, 5,000 look-ups at 100,000 families); this one holds the
-- family_id too, so the matches are one range of the index, in family
-- order. It replaces the old one, whose columns it starts with.
CREATE INDEX family_index_match ON family_index (org_id, hash, family_id);
DROP INDEX family_index_hash;

-- +goose Down
CREATE INDEX family_index_hash ON family_index (org_id, hash);
DROP INDEX family_index_match;
