package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/law"
)

// A family is kept as its case file (the contract's canonical JSON, sealed):
// every change inserts a new row in family_versions and nothing is ever
// overwritten, so the history of a case is the list of its versions. The
// families row holds only what is needed to find and sort families: the
// current version number, the principal's name (sealed, for lists), and the
// filing deadline in clear.
//
// Why the deadline is in clear: "whose two years run out in the next 60
// days" must be a cheap indexed query over every family of an office, and
// an encrypted column cannot be range-searched. The deadline is a date two
// years after the grant or admission, with no name or number attached; it
// is the least sensitive fact of the file and is worth that exposure.

// FamilyRecord is one version of a family's case file.
type FamilyRecord struct {
	ID        string
	OrgID     string
	Version   int
	Family    *reunite.Family
	FileBy    reunite.Date // zero when the deadline is unknown
	CreatedAt time.Time    // of the family
	VersionAt time.Time    // of this version
	VersionBy string       // the user who wrote this version
	// Shared is set when a partner office read the family through shares
	// (shares.go): what they cover. Nil for the family's own office.
	Shared *Reach
	// IntakeState is what the web layer wrote down of this version's
	// intake when it was written, "" when nothing was (intake_state.go).
	IntakeState string
}

// FamilySummary is a family as lists show it.
type FamilySummary struct {
	ID        string
	Label     string // the principal's name
	Version   int
	FileBy    reunite.Date
	UpdatedAt time.Time
}

// VersionInfo describes one version of a family.
type VersionInfo struct {
	Version int
	At      time.Time
	By      string
}

// prepared is a case file checked and made ready to store.
type prepared struct {
	data       []byte
	family     *reunite.Family
	assessment *law.Assessment
	body       []byte // the assessment as stored (JSON, before sealing)
	fileBy     sql.NullString
	// intakeState is kept with the version, not sealed (intake_state.go).
	intakeState sql.NullString
}

// prepare encodes the family canonically and decodes it again, so that the
// store only ever holds case files that pass the contract's strict reader,
// and assesses it as of the day of now (UTC). The deadline does not depend
// on that day, so storing it with the version is sound. It runs before the
// transaction, so that no lock is held while it works.
func prepare(f *reunite.Family, now time.Time) (*prepared, error) {
	return prepareDecoded(f, nil, now)
}

// prepareDecoded is prepare for a family the strict reader has just decoded
// from raw: when raw is already the canonical encoding, decoding it again
// would give f back, so that second decoding (a third of an import's work)
// is skipped.
func prepareDecoded(f *reunite.Family, raw []byte, now time.Time) (*prepared, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: no case file", ErrInvalid)
	}
	if f.Origin != nil {
		// Where an exported file came from says nothing about the family:
		// it is used by the import and never stored.
		c := *f
		c.Origin = nil
		f = &c
		raw = nil
	}
	data, err := casefile.Encode(f)
	if err != nil {
		return nil, err
	}
	checked := f
	if raw == nil || !bytes.Equal(data, raw) {
		if checked, err = casefile.Decode(data); err != nil {
			return nil, err
		}
	}
	p := &prepared{data: data, family: checked}
	p.assessment = law.Assess(checked, reunite.DateOf(now))
	if d := p.assessment.Deadline.FileBy; d != nil && !d.IsZero() {
		p.fileBy = sql.NullString{String: d.String(), Valid: true}
	}
	if p.body, err = json.Marshal(p.assessment); err != nil {
		return nil, err
	}
	return p, nil
}

// CreateFamily stores a new family from its case file. Staff only.
func (s *Store) CreateFamily(ctx context.Context, a Actor, f *reunite.Family) (rec *FamilyRecord, err error) {
	defer wrap(&err, "store.CreateFamily")
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	p, err := prepare(f, now)
	if err != nil {
		return nil, err
	}
	p.intakeState = s.intakeStateOf(p.family)
	err = s.txAt(ctx, now, func(t *txn) error {
		rec, err = t.createFamily(ctx, a, p)
		return err
	})
	return rec, err
}

func (t *txn) createFamily(ctx context.Context, a Actor, p *prepared) (*FamilyRecord, error) {
	recs, err := t.createFamilies(ctx, a, []*prepared{p})
	if err != nil {
		return nil, err
	}
	return recs[0], nil
}

// createFamilies stores new families, each with its audit entry, with the
// same few statements whether there is one or hundreds (an import).
func (t *txn) createFamilies(ctx context.Context, a Actor, ps []*prepared) ([]*FamilyRecord, error) {
	ids := make([]string, len(ps))
	entries := make([]auditIn, len(ps))
	for i := range ps {
		ids[i] = newID("f")
		entries[i] = auditIn{a: a, at: t.now, action: ActionFamilyCreate, family: ids[i], detail: "version 1"}
	}
	if err := t.auditMany(ctx, entries); err != nil {
		return nil, err
	}
	vs := make([]*versionRows, len(ps))
	recs := make([]*FamilyRecord, len(ps))
	for i, p := range ps {
		v, err := t.sealVersion(ctx, a, ids[i], 1, p)
		if err != nil {
			return nil, err
		}
		vs[i] = v
		recs[i] = &FamilyRecord{ID: ids[i], OrgID: a.org, Version: 1, Family: p.family, FileBy: dateOrZero(p.fileBy),
			CreatedAt: t.now, VersionAt: t.now, VersionBy: a.user, IntakeState: p.intakeState.String}
	}
	if err := t.writeVersions(ctx, a, vs); err != nil {
		return nil, err
	}
	return recs, nil
}

// versionRows is one version of a family as it is written, sealed: the
// families row's label, the case file, the assessment and the search
// terms.
type versionRows struct {
	id      string
	version int // 1 for a new family
	p       *prepared
	label   []byte
	caseEnc []byte
	bodyEnc []byte
	terms   [][]byte
}

// sealVersion seals what version v of family id writes.
func (t *txn) sealVersion(ctx context.Context, a Actor, id string, v int, p *prepared) (*versionRows, error) {
	k, err := t.dataKey(ctx, a.org, 0)
	if err != nil {
		return nil, err
	}
	vs := strconv.Itoa(v)
	return &versionRows{
		id: id, version: v, p: p,
		label:   k.seal([]byte(p.family.Principal.Name.Full()), aad("families", "label", id)),
		caseEnc: k.seal(p.data, aad("family_versions", "case", id+"/"+vs)),
		bodyEnc: k.seal(p.body, aad("assessments", "body", id+"/"+vs)),
		terms:   familyTerms(k.blind, p.family),
	}, nil
}

// writeVersions writes versions of families: a new family's row, or the
// moved head of an existing one (refused with ErrConflict unless it is
// still at the version before), then each version, its assessment, the
// verdict counts and the search index. Every row a version adds is written
// here, in one statement per table for all of them.
func (t *txn) writeVersions(ctx context.Context, a Actor, vs []*versionRows) error {
	var news, versions, assessed, verdicts, terms [][]any
	var updated []any
	for _, v := range vs {
		if v.version == 1 {
			news = append(news, []any{v.id, a.org, 1, v.label, v.p.fileBy, micros(t.now), micros(t.now)})
		} else {
			res, err := t.exec(ctx, `/* store.UpdateFamily */
				UPDATE families SET version = ?, label_enc = ?, file_by = ?, updated_at = ? WHERE id = ? AND version = ?`,
				v.version, v.label, v.p.fileBy, micros(t.now), v.id, v.version-1)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrConflict
			}
			updated = append(updated, v.id)
		}
		versions = append(versions, []any{v.id, v.version, v.caseEnc, micros(t.now), a.user, v.p.intakeState})
		assessed = append(assessed, []any{v.id, v.version, v.p.assessment.AsOf.String(), v.p.fileBy, v.bodyEnc, micros(t.now)})
		// The office view orders by these counts: kept with every
		// version, so that it never has to open assessments to find them.
		e, r, i := verdictCounts(v.p.assessment)
		verdicts = append(verdicts, []any{v.id, v.version, e, r, i})
		for _, h := range v.terms {
			terms = append(terms, []any{a.org, v.id, h})
		}
	}
	if err := t.insertRows(ctx, `/* store.createFamily */
		INSERT INTO families (id, org_id, version, label_enc, file_by, created_at, updated_at)`, "", news); err != nil {
		return err
	}
	if err := t.insertRows(ctx, `/* store.insertVersion */
		INSERT INTO family_versions (family_id, version, case_enc, created_at, created_by, intake_state)`, "", versions); err != nil {
		return err
	}
	if err := t.insertRows(ctx, `/* store.insertVersion */
		INSERT INTO assessments (family_id, version, as_of, file_by, body_enc, created_at)`, "", assessed); err != nil {
		return err
	}
	if err := t.insertRows(ctx, `/* store.recordVerdicts */
		INSERT INTO web_family_verdicts (family_id, version, eligible, review, ineligible)`, verdictsUpsert, verdicts); err != nil {
		return err
	}
	if len(updated) > 0 {
		if _, err := t.exec(ctx, `/* store.insertVersion */ DELETE FROM family_index WHERE family_id IN (`+marks(len(updated))+`)`, updated...); err != nil {
			return err
		}
	}
	if err := t.insertRows(ctx, `/* store.insertVersion */ INSERT INTO family_index (org_id, family_id, hash)`, "", terms); err != nil {
		return err
	}
	// The derived indexes of the office view and the needs-action list
	// (office_index.go, due_index.go), from what was just written.
	// New families' rows are derived together, a few statements for all.
	var created []*versionRows
	for _, v := range vs {
		if v.version == 1 {
			created = append(created, v)
			continue
		}
		if err := t.reindexOffice(ctx, v.id); err != nil {
			return err
		}
		if err := t.recordLawDates(ctx, v.id, a.org, v.version, v.p.assessment); err != nil {
			return err
		}
	}
	if err := t.indexNewFamilies(ctx, created); err != nil {
		return err
	}
	return t.recordNewLawDates(ctx, a.org, created)
}

// inIDChunks calls fn for the families of vs, at most per at a time, with
// the list of placeholders that names them in a statement, "(?, ?)", and
// their ids, its arguments.
func inIDChunks(vs []*versionRows, per int, fn func(in string, ids []any) error) error {
	for start := 0; start < len(vs); start += per {
		chunk := vs[start:min(start+per, len(vs))]
		ids := make([]any, len(chunk))
		for i, v := range chunk {
			ids[i] = v.id
		}
		if err := fn("("+marks(len(chunk))+")", ids); err != nil {
			return err
		}
	}
	return nil
}

// UpdateFamily stores a new version of a family. base is the version the
// change was made from: if someone else saved a newer one meanwhile, the
// answer is ErrConflict and nothing is written. Staff only.
func (s *Store) UpdateFamily(ctx context.Context, a Actor, id string, base int, f *reunite.Family) (rec *FamilyRecord, err error) {
	defer wrap(&err, "store.UpdateFamily(%s)", id)
	if err := a.check(a.staff()); err != nil {
		return nil, err
	}
	now := s.now().UTC()
	p, err := prepare(f, now)
	if err != nil {
		return nil, err
	}
	p.intakeState = s.intakeStateOf(p.family)
	err = s.txAt(ctx, now, func(t *txn) error {
		rec, err = t.updateFamily(ctx, a, id, base, p)
		return err
	})
	return rec, err
}

// updateFamily writes version base+1 of a family within a transaction.
func (t *txn) updateFamily(ctx context.Context, a Actor, id string, base int, p *prepared) (*FamilyRecord, error) {
	v := base + 1
	if err := t.audit(ctx, a, ActionFamilyUpdate, id, "version "+strconv.Itoa(v)); err != nil {
		return nil, err
	}
	scope, args := a.familyScope()
	var current int
	var created int64
	if err := t.queryRow(ctx, `/* store.UpdateFamily */ SELECT f.version, f.created_at FROM families f WHERE f.id = ? AND `+scope,
		append([]any{id}, args...)...).Scan(&current, &created); err != nil {
		return nil, notFound(err)
	}
	if current != base {
		return nil, fmt.Errorf("%w: version %d was saved since version %d", ErrConflict, current, base)
	}
	rows, err := t.sealVersion(ctx, a, id, v, p)
	if err != nil {
		return nil, err
	}
	if err := t.writeVersions(ctx, a, []*versionRows{rows}); err != nil {
		return nil, err
	}
	return &FamilyRecord{ID: id, OrgID: a.org, Version: v, Family: p.family, FileBy: dateOrZero(p.fileBy),
		CreatedAt: fromMicros(created), VersionAt: t.now, VersionBy: a.user, IntakeState: p.intakeState.String}, nil
}

// Family returns the latest version of a family's case file.
func (s *Store) Family(ctx context.Context, a Actor, id string) (*FamilyRecord, error) {
	return s.familyVersion(ctx, a, id, 0, ActionFamilyRead, "store.Family(%s)")
}

// FamilyVersion returns one version of a family's case file.
func (s *Store) FamilyVersion(ctx context.Context, a Actor, id string, version int) (*FamilyRecord, error) {
	if version < 1 {
		return nil, fmt.Errorf("store.FamilyVersion(%s, %d): %w: versions start at 1", id, version, ErrInvalid)
	}
	return s.familyVersion(ctx, a, id, version, ActionFamilyRead, "store.FamilyVersion(%s)")
}

func (s *Store) familyVersion(ctx context.Context, a Actor, id string, version int, action, place string) (rec *FamilyRecord, err error) {
	defer wrap(&err, place, id)
	if err := a.check(true); err != nil {
		return nil, err
	}
	// A partner office reaches the family through its shares, and sees
	// only what they cover (shares.go).
	var r reach
	err = s.readTx(ctx, func(t *txn) error {
		r, rec, err = t.readOwnOrReached(ctx, a, id, version)
		return err
	})
	if err == nil {
		detail := "latest"
		if version > 0 {
			detail = "version " + strconv.Itoa(version)
		}
		err = s.logReach(ctx, a, r, action, id, detail)
	}
	return rec, err
}

// readOwnOrReached reads a version of a family and says how it was
// reached. A family of the actor's own scope, by far the most common, is
// read by one statement, whose scope also answers familyVisible for the
// rest of the transaction; otherwise the family is reached through shares
// (reachShared). A version that does not exist of a family in scope is
// not found either way.
func (t *txn) readOwnOrReached(ctx context.Context, a Actor, id string, version int) (reach, *FamilyRecord, error) {
	rec, err := t.readFamily(ctx, a, id, version)
	if err == nil {
		t.sawVisible(a, id)
		return reach{owner: a.org}, rec, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return reach{}, nil, err
	}
	r, err := t.reachShared(ctx, a, id)
	if err != nil {
		return reach{}, nil, err
	}
	rec, err = t.readGranted(ctx, r, id, version)
	return r, rec, err
}

// readGranted reads a version of a family reached through shares
// (reachShared): within the family's office, cut down to the shares.
func (t *txn) readGranted(ctx context.Context, r reach, id string, version int) (*FamilyRecord, error) {
	rec, err := t.readFamilyIn(ctx, "f.org_id = ?", []any{r.owner}, id, version)
	if err != nil {
		return nil, err
	}
	rec.Family = r.g.family(rec.Family)
	rec.Shared = r.g.reach()
	return rec, nil
}

// readFamily reads and opens a version (0: the latest) within the actor's scope.
func (t *txn) readFamily(ctx context.Context, a Actor, id string, version int) (*FamilyRecord, error) {
	scope, args := a.familyScope()
	return t.readFamilyIn(ctx, scope, args, id, version)
}

// readFamilyIn reads and opens a version within a scope of families (f).
func (t *txn) readFamilyIn(ctx context.Context, scope string, args []any, id string, version int) (*FamilyRecord, error) {
	rec := &FamilyRecord{ID: id}
	var (
		sealed              []byte
		fileBy, intakeState sql.NullString
		created, vcreate    int64
	)
	// The latest version's filing deadline is also on the family's row
	// (writeVersions), so the latest, which nearly every page reads, is
	// read without assessments: that table is mostly sealed assessments,
	// and its index and table pages were a third of the statement's
	// B-tree descents, each a page read from disk or the file cache.
	q := `/* store.readFamily */
		SELECT f.org_id, v.version, v.case_enc, f.file_by, f.created_at, v.created_at, v.created_by, v.intake_state
		FROM families f
		JOIN family_versions v ON v.family_id = f.id AND v.version = f.version
		WHERE f.id = ? AND ` + scope
	params := append([]any{id}, args...)
	if version > 0 {
		q = `/* store.readFamilyVersion */
		SELECT f.org_id, v.version, v.case_enc, a.file_by, f.created_at, v.created_at, v.created_by, v.intake_state
		FROM families f
		JOIN family_versions v ON v.family_id = f.id AND v.version = ?
		JOIN assessments a ON a.family_id = v.family_id AND a.version = v.version
		WHERE f.id = ? AND ` + scope
		params = append([]any{version, id}, args...)
	}
	err := t.queryRow(ctx, q, params...).
		Scan(&rec.OrgID, &rec.Version, &sealed, &fileBy, &created, &vcreate, &rec.VersionBy, &intakeState)
	if err != nil {
		return nil, notFound(err)
	}
	rec.IntakeState = intakeState.String
	data, err := t.openFor(ctx, rec.OrgID, sealed, aad("family_versions", "case", id+"/"+strconv.Itoa(rec.Version)))
	if err != nil {
		return nil, err
	}
	// Kept only after Decode accepted it, sealed to this family and
	// version: read without checking it again (casefile.DecodeStored).
	if rec.Family, err = casefile.DecodeStored(data); err != nil {
		return nil, fmt.Errorf("stored version %d: %w", rec.Version, err)
	}
	rec.FileBy, rec.CreatedAt, rec.VersionAt = dateOrZero(fileBy), fromMicros(created), fromMicros(vcreate)
	return rec, nil
}

// FamilyVersions lists the versions of a family, oldest first.
func (s *Store) FamilyVersions(ctx context.Context, a Actor, id string) (out []VersionInfo, err error) {
	defer wrap(&err, "store.FamilyVersions(%s)", id)
	if err := a.check(true); err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(t *txn) error {
		scope, args := a.familyScope()
		rows, err := t.query(ctx, `/* store.FamilyVersions */
			SELECT v.version, v.created_at, v.created_by FROM families f JOIN family_versions v ON v.family_id = f.id
			WHERE f.id = ? AND `+scope+` ORDER BY v.version`, append([]any{id}, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var vi VersionInfo
			var at int64
			if err := rows.Scan(&vi.Version, &at, &vi.By); err != nil {
				return err
			}
			vi.At = fromMicros(at)
			out = append(out, vi)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			return ErrNotFound
		}
		return nil
	})
	return out, err
}

// Assessment returns the assessment stored with the latest version of a
// family: the law as of the day that version was saved.
func (s *Store) Assessment(ctx context.Context, a Actor, id string) (out *law.Assessment, err error) {
	defer wrap(&err, "store.Assessment(%s)", id)
	if err := a.check(true); err != nil {
		return nil, err
	}
	var r reach
	err = s.readTx(ctx, func(t *txn) error {
		if r, err = t.reachFamily(ctx, a, id); err != nil {
			return err
		}
		scope, args := a.familyScope()
		if r.g != nil {
			scope, args = "f.org_id = ?", []any{r.owner}
		}
		var sealed []byte
		var v int
		err = t.queryRow(ctx, `/* store.Assessment */
			SELECT a.version, a.body_enc FROM families f JOIN assessments a ON a.family_id = f.id AND a.version = f.version
			WHERE f.id = ? AND `+scope, append([]any{id}, args...)...).Scan(&v, &sealed)
		if err != nil {
			return notFound(err)
		}
		body, err := t.openFor(ctx, r.owner, sealed, aad("assessments", "body", id+"/"+strconv.Itoa(v)))
		if err != nil {
			return err
		}
		out = new(law.Assessment)
		if err := json.Unmarshal(body, out); err != nil {
			return err
		}
		if r.g != nil {
			out = r.g.assessment(out)
		}
		return nil
	})
	if err == nil {
		err = s.logReach(ctx, a, r, ActionFamilyRead, id, "assessment")
	}
	return out, err
}

func dateOrZero(s sql.NullString) reunite.Date {
	if !s.Valid {
		return reunite.Date{}
	}
	d, _ := reunite.ParseDate(s.String)
	return d
}
