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
//
// A case file exported from this office names its family and version
// (origin): it then updates that family with a new version instead of
// creating a second one, and is refused with ErrConflict when the family
// changed since the export. See ImportCaseFileInto.
func (s *Store) ImportCaseFile(ctx context.Context, a Actor, name string, data []byte) (*FamilyRecord, error) {
	return s.ImportCaseFileInto(ctx, a, name, data, "")
}

// ImportCaseFileInto is ImportCaseFile with the family to update named
// (update; "" to decide by the file's origin). A named family takes the
// file as its new version whatever it holds now (a person chose to
// replace it; the web application checks the version it showed first).
func (s *Store) ImportCaseFileInto(ctx context.Context, a Actor, name string, data []byte, update string) (*FamilyRecord, error) {
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
	origin := f.Origin
	f.Origin = nil
	target, base := update, 0
	if origin != nil && update == "" {
		// Only a family this actor may see is updated; another office's
		// id (a file sent across offices) makes a new family here.
		if _, err := s.familyHead(ctx, a, origin.FamilyID); err == nil {
			target, base = origin.FamilyID, origin.Version
		}
	}
	var rec *FamilyRecord
	if target == "" {
		rec, err = s.CreateFamily(ctx, a, f)
	} else {
		if base == 0 {
			head, herr := s.familyHead(ctx, a, target)
			if herr != nil {
				return nil, fmt.Errorf("%s: %w", name, herr)
			}
			base = head
		}
		rec, err = s.UpdateFamily(ctx, a, target, base, f)
		if errors.Is(err, ErrConflict) {
			err = fmt.Errorf("family %s was changed after this file was exported from version %d: export it again, or import with --update %s to replace it (%w)", target, base, target, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rec, nil
}

// familyHead returns the current version of a family the actor may see,
// without opening the case file.
func (s *Store) familyHead(ctx context.Context, a Actor, id string) (version int, err error) {
	if err := a.check(true); err != nil {
		return 0, err
	}
	scope, args := a.familyScope()
	err = s.db.QueryRowContext(ctx, s.q(`/* store.familyHead */ SELECT f.version FROM families f WHERE f.id = ? AND `+scope),
		append([]any{id}, args...)...).Scan(&version)
	return version, notFound(err)
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
		data, err := ExportCaseFile(rec)
		if err != nil {
			return fmt.Errorf("family %s: %w", id, err)
		}
		if err := fn(id, data); err != nil {
			return err
		}
	}
	return nil
}

// ExportCaseFile writes a stored version as a case file that names its
// origin (this family and version), so that importing it again, edited or
// not, updates the family instead of creating a second one.
func ExportCaseFile(rec *FamilyRecord) ([]byte, error) {
	f := *rec.Family
	f.Origin = &reunite.Origin{FamilyID: rec.ID, Version: rec.Version}
	return casefile.Encode(&f)
}

// OfficeName returns the name of the actor's office, so that a command
// can say where it wrote.
func (s *Store) OfficeName(ctx context.Context, a Actor) (name string, err error) {
	defer wrap(&err, "store.OfficeName")
	if err := a.check(true); err != nil {
		return "", err
	}
	err = s.db.QueryRowContext(ctx, s.q(`/* store.OfficeName */ SELECT name FROM orgs WHERE id = ?`), a.org).Scan(&name)
	return name, notFound(err)
}
