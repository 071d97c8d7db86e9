package store

import (
	"database/sql"

	"github.com/reunite/reunite"
)

// What the intake says of a version (the questions not answered yet, the
// page to go on with) depends on the case file alone, which a version
// never changes; but working it out builds every question of the intake,
// about a tenth of a dashboard when the page is not kept in memory (an
// office of 100,000 families, whose dashboards are rarely seen twice in a
// row). So the web layer, which knows the questions, gives the store a
// function that writes it down as text, and the store keeps that text
// with each version it writes (family_versions.intake_state) and hands
// it back with the version (FamilyRecord.IntakeState). The store never
// reads the text: it is the web layer's to check (its edition) and to
// parse, and an empty text means "work it out".
//
// The function is called on versions written by CreateFamily and
// UpdateFamily. An import (ImportCaseFiles) leaves it to the first
// dashboard, as a restore does: it costs about 200 us a version
// (BenchmarkWriteIntakeState), a quarter more on the import's work per
// file.

// IntakeStateFunc writes down the intake's state of a case file. It must
// not change f (it is the version the caller gets back), must not write
// anything the family told us (the text is stored in clear), and returns
// "" when the state is not to be kept.
type IntakeStateFunc func(f *reunite.Family) string

// SetIntakeState sets the function that writes down the intake's state of
// each version written from now on. The web server sets it (web.New).
func (s *Store) SetIntakeState(fn IntakeStateFunc) {
	s.intakeState.Store(&fn)
}

// intakeStateOf is the text kept with a version of f: NULL without a
// function or when it keeps nothing.
func (s *Store) intakeStateOf(f *reunite.Family) sql.NullString {
	fn := s.intakeState.Load()
	if fn == nil || *fn == nil {
		return sql.NullString{}
	}
	st := (*fn)(f)
	return sql.NullString{String: st, Valid: st != ""}
}
