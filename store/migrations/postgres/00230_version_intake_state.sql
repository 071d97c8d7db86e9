-- +goose Up
-- What the intake says of a version (how many questions are not answered
-- yet, the page to go on with), written by the web layer with the version
-- (store.SetIntakeState) and read with it, so that a dashboard does not
-- build every question of the intake to count them. Derived and in clear:
-- numbers only (questions left, the place of a step among the intake's),
-- nothing the family told us. NULL (versions written before, imported, or restored: it is not in
-- the backup) means it is worked out when needed, as before.
ALTER TABLE family_versions ADD COLUMN intake_state TEXT;

-- +goose Down
ALTER TABLE family_versions DROP COLUMN intake_state;
