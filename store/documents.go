package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/reunite/reunite"
)

// Document is an uploaded file of a family (a scan of a marriage
// certificate, a photo of a birth certificate) as evidence: what it proves
// (Kind), for which relatives, in which language, and how far the office
// has got with it. Its name, relatives, language, title, content and
// preview are sealed; the content lives in its own table so listing reads
// none.
type Document struct {
	ID          string
	FamilyID    string
	Name        string
	ContentType string
	Size        int64
	CreatedAt   time.Time
	CreatedBy   string

	Kind reunite.EvidenceKind
	// Members are the relatives the document proves something for (member
	// ids of the case file, or "principal"): a marriage certificate serves
	// the spouse and each stepchild of that marriage.
	Members   []string
	Language  string // a BCP 47 tag ("ar", "ti"); "" or "en" needs no translation
	Title     string // what the document is, as staff describe it
	Status    DocStatus
	CheckedBy string // the user who checked it, when Status is checked
	CheckedAt time.Time
	Pages     int
	Thumb     bool // a preview of the first page is stored
	// Translations are the document's English translations, oldest first
	// (filled by Documents).
	Translations []Translation
}

// Serves reports whether the document proves something for the member.
func (d *Document) Serves(member string) bool { return slices.Contains(d.Members, member) }

// DocStatus is how far the office has got with a document.
type DocStatus string

// The statuses, in the order a document goes through them.
const (
	DocNeeded    DocStatus = "needed"    // known to be needed, not asked for yet
	DocRequested DocStatus = "requested" // asked for (again, when a copy was not good enough)
	DocReceived  DocStatus = "received"  // uploaded, not yet checked
	DocChecked   DocStatus = "checked"   // a staff member checked it (CheckedBy)
)

// DocStatuses lists the statuses in order.
func DocStatuses() []DocStatus { return []DocStatus{DocNeeded, DocRequested, DocReceived, DocChecked} }

// NewDocument is a file to store for a family.
type NewDocument struct {
	FamilyID    string
	Name        string
	ContentType string
	Content     []byte
	Thumb       []byte // optional JPEG preview of the first page
	Pages       int
	Kind        reunite.EvidenceKind // "" is other
	Members     []string
	Language    string
	Title       string
}

// docMeta is the sealed part of a document's row beside its name.
type docMeta struct {
	Members  []string `json:"members,omitzero"`
	Language string   `json:"language,omitzero"`
	Title    string   `json:"title,omitzero"`
}

// MaxDocumentSize bounds one upload; scans of a few pages fit well within.
const MaxDocumentSize = 64 << 20

// DefaultFamilyDocumentLimit bounds the bytes of all the files of one
// family (documents and translations): a family's evidence is tens of
// files, and the limit keeps one account from filling the server's disk.
const DefaultFamilyDocumentLimit = 512 << 20

// SetFamilyDocumentLimit changes the bound on the bytes of one family's
// files (0 restores the default). For servers with more or less disk, and
// for tests.
func (s *Store) SetFamilyDocumentLimit(n int64) {
	if n <= 0 {
		n = DefaultFamilyDocumentLimit
	}
	s.familyDocLimit.Store(n)
}

func (s *Store) familyDocumentLimit() int64 {
	if n := s.familyDocLimit.Load(); n > 0 {
		return n
	}
	return DefaultFamilyDocumentLimit
}

// familyVisible checks that the family exists and the actor may see it.
// In a page's shared read a family found once is not looked up again.
func (t *txn) familyVisible(ctx context.Context, a Actor, id string) error {
	if t.visible[visibleKey{a, id}] {
		return nil
	}
	scope, args := a.familyScope()
	var n int
	if err := t.queryRow(ctx, `/* store.familyVisible */ SELECT COUNT(*) FROM families f WHERE f.id = ? AND `+scope,
		append([]any{id}, args...)...).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	t.sawVisible(a, id)
	return nil
}

// sawVisible remembers, in a shared read, that a statement scoped to the
// actor found the family, so that familyVisible need not ask again.
func (t *txn) sawVisible(a Actor, id string) {
	if t.visible != nil {
		t.visible[visibleKey{a, id}] = true
	}
}

// AddDocument stores a file for a family, of kind other and for no
// relative in particular. Staff, and a client for their own family.
func (s *Store) AddDocument(ctx context.Context, a Actor, familyID, name, contentType string, content []byte) (*Document, error) {
	return s.AddEvidence(ctx, a, NewDocument{FamilyID: familyID, Name: name, ContentType: contentType, Content: content})
}

// AddEvidence stores a document with what it proves and for whom. The
// relatives must be members of the family's current case file (or
// "principal"), the kind one of reunite.EvidenceKind's. A file that would
// take the family over its limit is refused with ErrTooLarge. Staff, a
// client for their own family, and a partner's staff with a write share for
// relatives it covers (the document must name them, and only them); the
// document is then the family's office's, sealed under its key, and the
// upload audited in both offices.
func (s *Store) AddEvidence(ctx context.Context, a Actor, n NewDocument) (d *Document, err error) {
	defer wrap(&err, "store.AddEvidence(%s)", n.FamilyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	if len(n.Content) > MaxDocumentSize {
		return nil, fmt.Errorf("%w: %d bytes is more than the limit of %d", ErrTooLarge, len(n.Content), MaxDocumentSize)
	}
	if n.Kind == "" {
		n.Kind = "other"
	}
	if !slices.Contains(n.Kind.Allowed(), string(n.Kind)) {
		return nil, fmt.Errorf("%w: kind %q is not one of %v", ErrInvalid, n.Kind, n.Kind.Allowed())
	}
	d = &Document{ID: newID("d"), FamilyID: n.FamilyID, Name: n.Name, ContentType: n.ContentType, Size: int64(len(n.Content)),
		CreatedBy: a.user, Kind: n.Kind, Members: slices.Compact(slices.Sorted(slices.Values(n.Members))),
		Language: n.Language, Title: n.Title, Status: DocReceived, Pages: n.Pages, Thumb: len(n.Thumb) > 0}
	err = s.tx(ctx, func(t *txn) error {
		r, err := t.reachFamily(ctx, a, n.FamilyID)
		if err != nil {
			return err
		}
		if r.g != nil { // a partner: for the relatives shared, with a write share
			if !r.g.write {
				return ErrForbidden
			}
			if len(d.Members) == 0 {
				return fmt.Errorf("%w: members: a partner's document must name the relatives it is for", ErrInvalid)
			}
			for _, m := range d.Members {
				if !r.covers(m) { // as a relative the family does not have
					return fmt.Errorf("%w: the family has no relative %q", ErrNotFound, m)
				}
			}
		}
		if err := t.auditReach(ctx, a, r, ActionDocumentAdd, n.FamilyID, d.ID+" "+string(d.Kind)+" "+strconv.Itoa(len(n.Content))+" bytes"); err != nil {
			return err
		}
		if err := t.checkMembers(ctx, a.in(r.owner), n.FamilyID, d.Members); err != nil {
			return err
		}
		if err := t.checkFamilyRoom(ctx, n.FamilyID, d.Size); err != nil {
			return err
		}
		sealedName, err := t.sealFor(ctx, r.owner, []byte(n.Name), aad("documents", "name", d.ID))
		if err != nil {
			return err
		}
		meta, _ := json.Marshal(docMeta{Members: d.Members, Language: d.Language, Title: d.Title})
		sealedMeta, err := t.sealFor(ctx, r.owner, meta, aad("documents", "meta", d.ID))
		if err != nil {
			return err
		}
		sealed, err := t.sealFor(ctx, r.owner, n.Content, aad("document_blobs", "content", d.ID))
		if err != nil {
			return err
		}
		d.CreatedAt = t.now
		if _, err := t.exec(ctx, `/* store.AddEvidence */
			INSERT INTO documents (id, org_id, family_id, name_enc, content_type, size, created_at, created_by, kind, status, pages, meta_enc)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, r.owner, n.FamilyID, sealedName, n.ContentType, d.Size, micros(t.now), a.user, string(d.Kind), string(d.Status), d.Pages, sealedMeta); err != nil {
			return err
		}
		if _, err = t.exec(ctx, `/* store.AddEvidence */ INSERT INTO document_blobs (document_id, content_enc) VALUES (?, ?)`, d.ID, sealed); err != nil {
			return err
		}
		if len(n.Thumb) == 0 {
			return nil
		}
		sealedThumb, err := t.sealFor(ctx, r.owner, n.Thumb, aad("document_thumbs", "content", d.ID))
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `/* store.AddEvidence */ INSERT INTO document_thumbs (document_id, content_enc) VALUES (?, ?)`, d.ID, sealedThumb)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// checkMembers refuses relatives the family's current case file does not
// name.
func (t *txn) checkMembers(ctx context.Context, a Actor, familyID string, members []string) error {
	if len(members) == 0 {
		return nil
	}
	rec, err := t.readFamily(ctx, a, familyID, 0)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m != "principal" && rec.Family.Member(m) == nil {
			return fmt.Errorf("%w: the family has no relative %q", ErrInvalid, m)
		}
	}
	return nil
}

// checkFamilyRoom refuses adding n bytes to a family whose files would then
// pass the limit.
func (t *txn) checkFamilyRoom(ctx context.Context, familyID string, n int64) error {
	var used int64
	if err := t.queryRow(ctx, `/* store.checkFamilyRoom */ SELECT
		COALESCE((SELECT SUM(size) FROM documents WHERE family_id = ?), 0) +
		COALESCE((SELECT SUM(size) FROM document_translations WHERE family_id = ?), 0)`, familyID, familyID).Scan(&used); err != nil {
		return err
	}
	if limit := t.s.familyDocumentLimit(); used+n > limit {
		return fmt.Errorf("%w: the family's files would take %d bytes, more than the limit of %d", ErrTooLarge, used+n, limit)
	}
	return nil
}

// Documents lists a family's documents, oldest first, each with its
// translations (without their content). A partner's staff list those for
// the relatives shared only (every relative a document names is shared),
// for the incidents that cite them; their files stay the family office's.
func (s *Store) Documents(ctx context.Context, a Actor, familyID string) (out []Document, err error) {
	defer wrap(&err, "store.Documents(%s)", familyID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	var via reach
	err = s.readTx(ctx, func(t *txn) error {
		out = out[:0]
		r, err := t.reachFamily(ctx, a, familyID)
		if err != nil {
			return err
		}
		via = r
		in := a.in(r.owner) // the family's office's key opens its documents
		rows, err := t.query(ctx, `/* store.Documents */
			SELECT `+docColumns+` FROM documents d LEFT JOIN document_thumbs th ON th.document_id = d.id
			WHERE d.family_id = ? AND d.org_id = ? ORDER BY d.created_at, d.id`, familyID, r.owner)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			d, err := t.scanDocument(ctx, in, rows)
			if err != nil {
				return err
			}
			if r.g != nil && (len(d.Members) == 0 || !all(d.Members, r.covers)) {
				continue
			}
			out = append(out, *d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		if len(out) == 0 {
			return nil // no document, no translation to look for
		}
		trs, err := t.translations(ctx, in, familyID)
		if err != nil {
			return err
		}
		for i := range out {
			out[i].Translations = trs[out[i].ID]
		}
		return nil
	})
	if err == nil {
		err = s.logReach(ctx, a, via, ActionFamilyRead, familyID, "documents")
	}
	return out, err
}

// docColumns are the columns scanDocument reads, from documents d and
// document_thumbs th.
const docColumns = `d.id, d.family_id, d.name_enc, d.content_type, d.size, d.created_at, d.created_by,
	d.kind, d.status, d.checked_by, d.checked_at, d.pages, d.meta_enc, th.document_id IS NOT NULL`

func (t *txn) scanDocument(ctx context.Context, a Actor, row interface{ Scan(...any) error }) (*Document, error) {
	d := &Document{}
	var sealedName, sealedMeta []byte
	var at int64
	var kind, status string
	var checkedBy sql.NullString
	var checkedAt sql.NullInt64
	if err := row.Scan(&d.ID, &d.FamilyID, &sealedName, &d.ContentType, &d.Size, &at, &d.CreatedBy,
		&kind, &status, &checkedBy, &checkedAt, &d.Pages, &sealedMeta, &d.Thumb); err != nil {
		return nil, err
	}
	name, err := t.openFor(ctx, a.org, sealedName, aad("documents", "name", d.ID))
	if err != nil {
		return nil, err
	}
	d.Name, d.CreatedAt = string(name), fromMicros(at)
	d.Kind, d.Status, d.CheckedBy = reunite.EvidenceKind(kind), DocStatus(status), checkedBy.String
	if checkedAt.Valid {
		d.CheckedAt = fromMicros(checkedAt.Int64)
	}
	// Documents stored before migration 00130 have no meta.
	if sealedMeta != nil {
		plain, err := t.openFor(ctx, a.org, sealedMeta, aad("documents", "meta", d.ID))
		if err != nil {
			return nil, err
		}
		var m docMeta
		if err := json.Unmarshal(plain, &m); err != nil {
			return nil, err
		}
		d.Members, d.Language, d.Title = m.Members, m.Language, m.Title
	}
	return d, nil
}

// Document returns one document without its file.
func (s *Store) Document(ctx context.Context, a Actor, docID string) (d *Document, err error) {
	defer wrap(&err, "store.Document(%s)", docID)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		d, err = t.document(ctx, a, docID)
		if err != nil {
			return err
		}
		trs, err := t.translations(ctx, a, d.FamilyID)
		d.Translations = trs[docID]
		return err
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyRead, d.FamilyID, "document "+docID)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// document reads a document row the actor may see.
func (t *txn) document(ctx context.Context, a Actor, docID string) (*Document, error) {
	scope, args := a.familyScope()
	d, err := t.scanDocument(ctx, a, t.queryRow(ctx, `/* store.document */
		SELECT `+docColumns+` FROM documents d JOIN families f ON f.id = d.family_id
		LEFT JOIN document_thumbs th ON th.document_id = d.id
		WHERE d.id = ? AND `+scope, append([]any{docID}, args...)...))
	return d, notFound(err)
}

// DocumentContent returns a document and its file.
func (s *Store) DocumentContent(ctx context.Context, a Actor, docID string) (d *Document, content []byte, err error) {
	defer wrap(&err, "store.DocumentContent(%s)", docID)
	d, content, err = s.documentFile(ctx, a, docID, "document_blobs", "")
	return d, content, err
}

// DocumentThumb returns a document and the preview of its first page;
// ErrNotFound when it has none.
func (s *Store) DocumentThumb(ctx context.Context, a Actor, docID string) (d *Document, thumb []byte, err error) {
	defer wrap(&err, "store.DocumentThumb(%s)", docID)
	return s.documentFile(ctx, a, docID, "document_thumbs", " thumb")
}

// documentFile reads a document's row and its sealed file from table (whose
// rows are keyed by document_id and hold content_enc), auditing the read.
func (s *Store) documentFile(ctx context.Context, a Actor, docID, table, what string) (d *Document, content []byte, err error) {
	if err := a.check(true); err != nil {
		return nil, nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		if d, err = t.document(ctx, a, docID); err != nil {
			return err
		}
		var sealed []byte
		if err := t.queryRow(ctx, `/* store.documentFile */ SELECT content_enc FROM `+table+` WHERE document_id = ?`, docID).
			Scan(&sealed); err != nil {
			return notFound(err)
		}
		content, err = t.openFor(ctx, a.org, sealed, aad(table, "content", docID))
		return err
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionDocumentRead, d.FamilyID, docID+what)
	}
	if err != nil {
		return nil, nil, err
	}
	return d, content, nil
}

// SetDocumentStatus records how far the office has got with a document;
// checked records who checked it and when. Staff only.
func (s *Store) SetDocumentStatus(ctx context.Context, a Actor, docID string, status DocStatus) (err error) {
	defer wrap(&err, "store.SetDocumentStatus(%s)", docID)
	if err := a.check(a.staff()); err != nil {
		return err
	}
	if !slices.Contains(DocStatuses(), status) {
		return fmt.Errorf("%w: status %q is not one of %v", ErrInvalid, status, DocStatuses())
	}
	return s.tx(ctx, func(t *txn) error {
		d, err := t.document(ctx, a, docID)
		if err != nil {
			return err
		}
		if err := t.audit(ctx, a, ActionDocumentStatus, d.FamilyID, docID+" "+string(status)); err != nil {
			return err
		}
		var by, at any // cleared unless checked
		if status == DocChecked {
			by, at = a.user, micros(t.now)
		}
		_, err = t.exec(ctx, `/* store.SetDocumentStatus */ UPDATE documents SET status = ?, checked_by = ?, checked_at = ? WHERE id = ?`,
			string(status), by, at, docID)
		return err
	})
}

// all reports whether every element satisfies ok.
func all[T any](s []T, ok func(T) bool) bool {
	return !slices.ContainsFunc(s, func(v T) bool { return !ok(v) })
}
