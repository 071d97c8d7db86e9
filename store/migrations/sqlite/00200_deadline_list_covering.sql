-- +goose Up
-- Nothing to do on SQLite: its index for the deadlines list
-- (families_deadline_list, migration 00180) already holds every column the
-- list reads. PostgreSQL's gains them in this migration; the number is
-- kept on both engines so that their versions stay the same.

-- +goose Down
