package store

import (
	"context"
	"crypto/rand"
	"errors"
	"time"

	"github.com/reunite/reunite"
)

// The web application's store methods (web_*.go) join the access tests:
// they take an Actor like every other method, so they must keep to its
// organization and role too.

// opRoles names the roles that may call a method on their own office's
// data, for the methods whose rule is neither "everyone", "staff" nor
// "admins".
var opRoles = map[string][]Role{
	"UpdateOwnFamily": {RoleClient},
	"CreateClient":    {RoleAdmin, RoleRepresentative, RoleCaseworker},
	"CreateLink":      {RoleAdmin}, // aimed at a representative: only admins
	"UserLogin":       {RoleAdmin, RoleRepresentative, RoleCaseworker},
}

func randomHash() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}

func init() {
	ops = append(ops,
		op{"UpdateOwnFamily", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.UpdateOwnFamily(ctx, a, fam, 1, testFamily("Mallory", "Eve", "A111111111", "2025-01-01"))
			if errors.Is(err, ErrConflict) {
				return nil, nil
			}
			return nil, err
		}},
		op{"CreateClient", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.CreateClient(ctx, a, fam, newID("l"), "Client")
			return nil, err
		}},
		op{"CreateLink", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			return nil, s.CreateLink(ctx, a, tg.userID, LinkReset, randomHash(), time.Hour)
		}},
		op{"UserLogin", false, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			_, err := s.UserLogin(ctx, a, tg.userID)
			return nil, err
		}},
		op{"OfficeFamilies", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			fs, err := s.OfficeFamilies(ctx, a)
			var ids []string
			for _, f := range fs {
				ids = append(ids, f.ID)
			}
			return ids, err
		}},
		op{"OfficePage", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			var ids []string
			for _, q := range []string{"", "Tesfaye", "A201234567"} {
				res, err := s.OfficePage(ctx, a, OfficeQuery{Today: reunite.NewDate(2026, 3, 2), SoonDays: 90, Search: q, Limit: 100})
				if err != nil {
					return ids, err
				}
				for _, r := range res.Rows {
					ids = append(ids, r.ID)
				}
			}
			return ids, nil
		}},
		op{"OfficeSearch", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			var ids []string
			for _, q := range []string{"Tesfaye", "Okonkwo", "A201234567"} {
				found, err := s.OfficeSearch(ctx, a, q)
				if err != nil {
					return ids, err
				}
				for id := range found {
					ids = append(ids, id)
				}
			}
			return ids, nil
		}},
		op{"FamilyLabels", true, func(ctx context.Context, s *Store, a Actor, tg *target, fam string) ([]string, error) {
			var ids []string
			for _, want := range [][]string{{fam}, nil} { // the family asked for by id, then every family
				labels, err := s.FamilyLabels(ctx, a, want)
				if err != nil {
					return ids, err
				}
				for id := range labels {
					ids = append(ids, id)
				}
			}
			return ids, nil
		}},
	)
}
