-- +goose Up
-- The office's "needs action" list as a derived index (due_index.go): one
-- row per open item (a petition's due date, a filing deadline or 21st
-- birthday of a relative not yet filed for, a risk-log date, an open task
-- with a due day) with who is responsible, so that a page of the list is
-- one range of an index read in order and cut at the page, instead of a
-- union of every open date of the office sorted on each request. Plain,
-- non-identifying columns only (ids, kinds, dates). Derived: not in the
-- backup, rebuilt from petition_due, petition_status, tasks, task_details
-- and family_assignments (once, when derived_built has no row for it; after
-- a restore) and per family on every write of those tables.
-- Numbers 00170-00179 belong to this subject.
CREATE TABLE due_items (
	org_id        TEXT NOT NULL REFERENCES orgs(id),
	family_id     TEXT NOT NULL REFERENCES families(id),
	member_id     TEXT NOT NULL,
	kind          TEXT NOT NULL,
	task_id       TEXT NOT NULL,
	due           TEXT NOT NULL,
	notice        TEXT,
	check_notice  INTEGER NOT NULL,
	caseworker_id TEXT,
	attorney_id   TEXT,
	assignee_id   TEXT
);
CREATE INDEX due_items_page ON due_items (org_id, due, family_id, member_id, kind, task_id);
CREATE INDEX due_items_family ON due_items (family_id);

-- The derived tables (by name) built once from the tables they derive from.
CREATE TABLE derived_built (
	name     TEXT PRIMARY KEY,
	built_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE derived_built;
DROP TABLE due_items;
