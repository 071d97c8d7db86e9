package law

import "github.com/reunite/reunite"

// Assess applies every rule to the family as of the given day. It does no
// I/O and reads no clock. The family must have passed validation.
func Assess(f *reunite.Family, asOf reunite.Date) *Assessment {
	panic("not yet written")
}
