-- +goose Up
-- The "needs action" list (Store.NeedsActionPage) reads a page of items in
-- due order. This index carries the columns the page shows besides its
-- order, so PostgreSQL can answer from the index alone where the table's
-- pages are all visible. It replaces due_items_page, whose key it keeps.
-- SQLite also gets an index of the families' sealed labels by id; here a
-- long label could exceed an index entry, and PostgreSQL's shared buffers
-- keep the table's pages between requests anyway.
CREATE INDEX due_items_list ON due_items (org_id, due, family_id, member_id, kind, task_id)
	INCLUDE (notice, check_notice, caseworker_id, attorney_id, assignee_id);
DROP INDEX due_items_page;

-- +goose Down
CREATE INDEX due_items_page ON due_items (org_id, due, family_id, member_id, kind, task_id);
DROP INDEX due_items_list;
