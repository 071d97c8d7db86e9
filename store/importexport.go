package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// ImportCaseFile reads a case file (the contract's JSON) and stores it as a
// new family, in one transaction: a file that does not decode, or does not
// store, leaves nothing behind. The error names the file; for a bad case
// file it is a *reunite.ValidationError listing every bad field.
func (s *Store) ImportCaseFile(ctx context.Context, a Actor, name string, data []byte) (*FamilyRecord, error) {
	f, err := casefile.Decode(data)
	if err != nil {
		var ve *reunite.ValidationError
		if errors.As(err, &ve) {
			named := *ve
			named.File = name
			return nil, &named
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rec, err := s.CreateFamily(ctx, a, f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rec, nil
}

// ExportFamilies calls fn with the canonical case file of the latest
// version of every family the actor may see, one at a time. Each family
// read is audited as an export.
func (s *Store) ExportFamilies(ctx context.Context, a Actor, fn func(id string, caseFile []byte) error) (err error) {
	defer wrap(&err, "store.ExportFamilies")
	if err := a.check(true); err != nil {
		return err
	}
	scope, args := a.familyScope()
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.ExportFamilies */ SELECT f.id FROM families f WHERE `+scope+` ORDER BY f.created_at, f.id`), args...)
	if err != nil {
		return err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		rec, err := s.familyVersion(ctx, a, id, 0, ActionFamilyExport, "family %s")
		if err != nil {
			return err
		}
		data, err := casefile.Encode(rec.Family)
		if err != nil {
			return fmt.Errorf("family %s: %w", id, err)
		}
		if err := fn(id, data); err != nil {
			return err
		}
	}
	return nil
}
