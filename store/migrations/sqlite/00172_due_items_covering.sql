-- +goose Up
-- The "needs action" list (Store.NeedsActionPage) reads a page of items in
-- due order and then the sealed label of each family on it; the office view
-- (Store.OfficePage) reads the labels of its page's families. With the old
-- index SQLite found the items in the index but looked each one up in the
-- table for the columns the page shows, and found each label through the
-- primary key's index and then the table. Every audit entry committed by
-- the writer of reads makes the other connections drop their page cache,
-- so those lookups were reads from the file, a third of the page's time at
-- 10,000 families. These indexes hold every column the two queries read:
-- the page is one range scan, and each label one descent of one index.
-- The first replaces due_items_page, whose columns it starts with.
CREATE INDEX due_items_list ON due_items (org_id, due, family_id, member_id, kind, task_id,
	notice, check_notice, caseworker_id, attorney_id, assignee_id);
DROP INDEX due_items_page;
CREATE INDEX families_label ON families (id, org_id, label_enc);

-- +goose Down
CREATE INDEX due_items_page ON due_items (org_id, due, family_id, member_id, kind, task_id);
DROP INDEX due_items_list;
DROP INDEX families_label;
