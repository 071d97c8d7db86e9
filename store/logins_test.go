package store

import (
	"context"
	"errors"
	"testing"
)

// A login that differs from another only in letter case is taken: the
// sign-in lockout counts per login whatever its case. (Staff logins are kept
// in clear: the names here must not be among the at-rest test's secrets, whose
// search reads the PostgreSQL WAL that every test database shares.)
func TestLoginsDifferingInCaseAreOne(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "case")
		if _, err := s.CreateUser(ctx, o.admin, NewUser{Login: "Meron.Abebe", Role: RoleCaseworker}); err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"meron.abebe", "MERON.ABEBE", "Meron.Abebe"} {
			if _, err := s.CreateUser(ctx, o.admin, NewUser{Login: login, Role: RoleCaseworker}); !errors.Is(err, ErrConflict) {
				t.Errorf("CreateUser(%q): %v, want ErrConflict", login, err)
			}
		}
		if _, err := s.CreateUser(ctx, o.admin, NewUser{Login: "meron.abebe2", Role: RoleCaseworker}); err != nil {
			t.Errorf("a different login was refused: %v", err)
		}
	})
}
