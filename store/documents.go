package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Document is an uploaded file of a family (a scan of a marriage
// certificate, a birth certificate, a translation). Its name and content
// are sealed; the content lives in its own table so listing reads none.
type Document struct {
	ID          string
	FamilyID    string
	Name        string
	ContentType string
	Size        int64
	CreatedAt   time.Time
	CreatedBy   string
}

// MaxDocumentSize bounds one upload; scans of a few pages fit well within.
const MaxDocumentSize = 64 << 20

// familyVisible checks that the family exists and the actor may see it.
func (t *txn) familyVisible(ctx context.Context, a Actor, id string) error {
	scope, args := a.familyScope()
	var n int
	if err := t.queryRow(ctx, `/* store.familyVisible */ SELECT COUNT(*) FROM families f WHERE f.id = ? AND `+scope,
		append([]any{id}, args...)...).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// AddDocument stores a file for a family. Staff, and a client for their
// own family.
func (s *Store) AddDocument(ctx context.Context, a Actor, familyID, name, contentType string, content []byte) (d *Document, err error) {
	defer wrap(&err, "store.AddDocument(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if len(content) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: %d bytes is more than the limit of %d", ErrInvalid, len(content), MaxDocumentSize)
	}
	d = &Document{ID: newID("d"), FamilyID: familyID, Name: name, ContentType: contentType, Size: int64(len(content)), CreatedBy: a.user}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.audit(ctx, a, ActionDocumentAdd, familyID, d.ID+" "+strconv.Itoa(len(content))+" bytes"); err != nil {
			return err
		}
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		sealedName, err := t.sealFor(ctx, a.org, []byte(name), aad("documents", "name", d.ID))
		if err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, a.org, content, aad("document_blobs", "content", d.ID))
		if err != nil {
			return err
		}
		d.CreatedAt = t.now
		if _, err := t.exec(ctx, `/* store.AddDocument */
			INSERT INTO documents (id, org_id, family_id, name_enc, content_type, size, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, a.org, familyID, sealedName, contentType, d.Size, micros(t.now), a.user); err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.AddDocument */ INSERT INTO document_blobs (document_id, content_enc) VALUES (?, ?)`, d.ID, sealed)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Documents lists a family's documents, oldest first.
func (s *Store) Documents(ctx context.Context, a Actor, familyID string) (out []Document, err error) {
	defer wrap(&err, "store.Documents(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		if err := t.familyVisible(ctx, a, familyID); err != nil {
			return err
		}
		rows, err := t.query(ctx, `/* store.Documents */
			SELECT id, name_enc, content_type, size, created_at, created_by FROM documents
			WHERE family_id = ? AND org_id = ? ORDER BY created_at, id`, familyID, a.org)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d := Document{FamilyID: familyID}
			var sealed []byte
			var at int64
			if err := rows.Scan(&d.ID, &sealed, &d.ContentType, &d.Size, &at, &d.CreatedBy); err != nil {
				return err
			}
			name, err := t.openFor(ctx, a.org, sealed, aad("documents", "name", d.ID))
			if err != nil {
				return err
			}
			d.Name, d.CreatedAt = string(name), fromMicros(at)
			out = append(out, d)
		}
		return rows.Err()
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyRead, familyID, "documents")
	}
	return out, err
}

// DocumentContent returns a document and its file.
func (s *Store) DocumentContent(ctx context.Context, a Actor, docID string) (d *Document, content []byte, err error) {
	defer wrap(&err, "store.DocumentContent(%s)", docID)
	if err := a.check(true); err != nil {
		return nil, nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		scope, args := a.familyScope()
		d = &Document{ID: docID}
		var sealedName, sealed []byte
		var at int64
		err := t.queryRow(ctx, `/* store.DocumentContent */
			SELECT d.family_id, d.name_enc, d.content_type, d.size, d.created_at, d.created_by, b.content_enc
			FROM documents d JOIN families f ON f.id = d.family_id JOIN document_blobs b ON b.document_id = d.id
			WHERE d.id = ? AND `+scope, append([]any{docID}, args...)...).
			Scan(&d.FamilyID, &sealedName, &d.ContentType, &d.Size, &at, &d.CreatedBy, &sealed)
		if err != nil {
			return notFound(err)
		}
		name, err := t.openFor(ctx, a.org, sealedName, aad("documents", "name", docID))
		if err != nil {
			return err
		}
		if content, err = t.openFor(ctx, a.org, sealed, aad("document_blobs", "content", docID)); err != nil {
			return err
		}
		d.Name, d.CreatedAt = string(name), fromMicros(at)
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionDocumentRead, d.FamilyID, docID)
	}
	if err != nil {
		return nil, nil, err
	}
	return d, content, nil
}
