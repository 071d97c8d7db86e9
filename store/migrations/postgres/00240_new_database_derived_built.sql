-- +goose Up
-- A database without families has nothing to derive: its derived tables
-- (due_items, office_rows and office_words) are complete, and every write
-- keeps them so (due_index.go, office_index.go). Marked built here, so
-- that the first office view and needs-action list after an import into
-- a new database do not derive every family again from tables that were
-- written with them. A database that already has families keeps its
-- marks, or their absence: those from before the tables still get their
-- one build (buildOnce).
INSERT INTO derived_built (name, built_at)
	SELECT n.name, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
	FROM (VALUES ('due_items'), ('office_rows')) AS n (name)
	WHERE NOT EXISTS (SELECT 1 FROM families)
	ON CONFLICT (name) DO NOTHING;

-- +goose Down
