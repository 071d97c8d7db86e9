-- +goose Up
-- Nothing to do on PostgreSQL: SQLite's index of a family's row gains the
-- columns that reading its latest version needs (families_read), so that
-- the read is one descent of one index. PostgreSQL reads the row from its
-- heap by the primary key either way. The number is kept on both engines
-- so that their versions stay the same.

-- +goose Down
