package store

import (
	"context"

	"github.com/reunite/reunite"
)

// UpdateOwnFamily lets a client save a new version of their own family, so
// that a principal can answer the guided intake on their phone. Every other
// family, and every other write, stays closed to clients. The version is
// written and audited under the client's own user id, exactly as
// UpdateFamily writes a caseworker's.
func (s *Store) UpdateOwnFamily(ctx context.Context, a Actor, id string, base int, f *reunite.Family) (*FamilyRecord, error) {
	if err := a.check(a.role == RoleClient && a.family != "" && a.family == id); err != nil {
		return nil, err
	}
	// UpdateFamily checks for staff; the check above is the client's, so the
	// call is made with the same user narrowed to this one family.
	writer := Actor{user: a.user, org: a.org, role: RoleCaseworker}
	return s.UpdateFamily(ctx, writer, id, base, f)
}
