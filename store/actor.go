package store

import "fmt"

// Role is what a user may do within their organization.
type Role string

const (
	// RoleAdmin manages the organization's users and may do anything a
	// representative may.
	RoleAdmin Role = "admin"
	// RoleRepresentative is an attorney or accredited representative:
	// every family of the organization.
	RoleRepresentative Role = "representative"
	// RoleCaseworker works on every family of the organization.
	RoleCaseworker Role = "caseworker"
	// RoleClient is a principal: their own family only, read-only, and
	// documents they upload.
	RoleClient Role = "client"
)

func (r Role) valid() bool {
	switch r {
	case RoleAdmin, RoleRepresentative, RoleCaseworker, RoleClient:
		return true
	}
	return false
}

// Actor is the user on whose behalf a store method runs. Only the store
// makes Actors (from a user row, in ActorFor and friends), so a caller
// cannot claim another organization or role; the zero Actor may do nothing.
type Actor struct {
	user   string
	org    string
	role   Role
	family string // for clients: the one family they may see
}

// UserID, OrgID, Role and FamilyID describe the actor. FamilyID is set only
// for clients.
func (a Actor) UserID() string   { return a.user }
func (a Actor) OrgID() string    { return a.org }
func (a Actor) Role() Role       { return a.role }
func (a Actor) FamilyID() string { return a.family }

func (a Actor) String() string { return fmt.Sprintf("%s (%s of %s)", a.user, a.role, a.org) }

// staff reports whether the actor works for the organization, as opposed to
// being one of its clients.
func (a Actor) staff() bool {
	return a.role == RoleAdmin || a.role == RoleRepresentative || a.role == RoleCaseworker
}

// check returns ErrForbidden unless the actor is real and ok holds.
func (a Actor) check(ok bool) error {
	if a.user == "" || a.org == "" || !ok {
		return ErrForbidden
	}
	return nil
}

// familyScope is the SQL condition that limits rows of families (aliased f)
// to those the actor may see, with its arguments. Every query that reads a
// family's rows joins through it.
func (a Actor) familyScope() (string, []any) {
	if a.role == RoleClient {
		return "f.org_id = ? AND f.id = ?", []any{a.org, a.family}
	}
	return "f.org_id = ?", []any{a.org}
}
