-- +goose Up
-- A database without families has nothing to derive: its derived tables
-- (due_items, office_rows and office_words) are complete, and every write
-- keeps them so (due_index.go, office_index.go). Marked built here, so
-- that the first office view and needs-action list after an import into
-- a new database do not derive every family again (30 s and 8 s at
-- 100,000 families) from tables that were written with them. A database
-- that already has families keeps its marks, or their absence: those
-- from before the tables still get their one build (buildOnce).
INSERT INTO derived_built (name, built_at)
	SELECT n.name, CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)
	FROM (SELECT 'due_items' AS name UNION ALL SELECT 'office_rows') AS n
	WHERE NOT EXISTS (SELECT 1 FROM families)
	ON CONFLICT (name) DO NOTHING;

-- +goose Down
