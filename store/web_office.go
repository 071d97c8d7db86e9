package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/reunite/reunite/law"
)

// OfficeFamily is one row of the office view: a family with how its
// petitions stood when its current version was saved.
type OfficeFamily struct {
	FamilySummary
	Eligible, Review, Ineligible int
}

// OfficeFamilies lists every family the actor may see with the verdict
// counts of its current version, without their labels (see FamilyLabels):
// an office of thousands sorts by deadline and verdicts without opening
// thousands of sealed names, and opens only the page it shows.
//
// The counts are kept in web_family_verdicts; a family whose counts are
// missing or older than its current version (a family saved by the command
// line or the API) has its sealed assessment opened once and the counts
// recorded. The list is read outside a write transaction (on SQLite every
// transaction takes the write lock), so that many readers do not queue
// behind each other; only the refresh and the audit entry write. A family
// saved between the read and the audit entry shows its previous counts
// until the next read.
func (s *Store) OfficeFamilies(ctx context.Context, a Actor) (out []OfficeFamily, err error) {
	defer wrap(&err, "store.OfficeFamilies")
	if err := a.check(true); err != nil {
		return nil, err
	}
	scope, args := a.familyScope()
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficeFamilies */
		SELECT f.id, f.org_id, f.version, f.file_by, f.updated_at,
			v.version, v.eligible, v.review, v.ineligible
		FROM families f LEFT JOIN web_family_verdicts v ON v.family_id = f.id
		WHERE `+scope), args...) // no ORDER BY: the caller sorts, and SQLite would sort 10,000 rows for nothing
	if err != nil {
		return nil, err
	}
	type stale struct {
		i   int
		org string
	}
	var todo []stale
	for rows.Next() {
		var r OfficeFamily
		var org string
		var fileBy sql.NullString
		var updated int64
		var vv, e, rv, i sql.NullInt64
		if err := rows.Scan(&r.ID, &org, &r.Version, &fileBy, &updated, &vv, &e, &rv, &i); err != nil {
			rows.Close()
			return nil, err
		}
		r.FileBy, r.UpdatedAt = dateOrZero(fileBy), fromMicros(updated)
		r.Eligible, r.Review, r.Ineligible = int(e.Int64), int(rv.Int64), int(i.Int64)
		if !vv.Valid || int(vv.Int64) != r.Version {
			todo = append(todo, stale{len(out), org})
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(todo) > 0 {
		// A write (the counts are recorded): PostgreSQL refuses it in a
		// read-only transaction.
		err = s.tx(ctx, func(t *txn) error {
			for _, st := range todo {
				if err := t.refreshVerdicts(ctx, &out[st.i], st.org); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "office "+strconv.Itoa(len(out)))
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// refreshVerdicts counts the verdicts of the stored assessment of f's
// current version and records them.
func (t *txn) refreshVerdicts(ctx context.Context, f *OfficeFamily, org string) error {
	var sealed []byte
	if err := t.queryRow(ctx, `/* store.refreshVerdicts */ SELECT body_enc FROM assessments WHERE family_id = ? AND version = ?`,
		f.ID, f.Version).Scan(&sealed); err != nil {
		return err
	}
	body, err := t.openFor(ctx, org, sealed, aad("assessments", "body", f.ID+"/"+strconv.Itoa(f.Version)))
	if err != nil {
		return err
	}
	var as law.Assessment
	if err := json.Unmarshal(body, &as); err != nil {
		return err
	}
	f.Eligible, f.Review, f.Ineligible = verdictCounts(&as)
	return t.recordVerdicts(ctx, f.ID, f.Version, &as)
}

// verdictCounts counts the petitions of an assessment by verdict.
func verdictCounts(as *law.Assessment) (eligible, review, ineligible int) {
	for _, p := range as.Petitions {
		switch p.Verdict {
		case law.Eligible:
			eligible++
		case law.NeedsReview:
			review++
		default:
			ineligible++
		}
	}
	return eligible, review, ineligible
}

// recordVerdicts records the verdict counts of a family's version.
func (t *txn) recordVerdicts(ctx context.Context, family string, version int, as *law.Assessment) error {
	e, r, i := verdictCounts(as)
	_, err := t.exec(ctx, `/* store.recordVerdicts */
		INSERT INTO web_family_verdicts (family_id, version, eligible, review, ineligible) VALUES (?, ?, ?, ?, ?)`+verdictsUpsert,
		family, version, e, r, i)
	if err != nil {
		return err
	}
	return t.reindexOffice(ctx, family) // the office view's index (office_index.go)
}

// verdictsUpsert ends an insert of verdict counts: a family has one row,
// of its newest version.
const verdictsUpsert = `
		ON CONFLICT (family_id) DO UPDATE SET version = excluded.version, eligible = excluded.eligible,
			review = excluded.review, ineligible = excluded.ineligible`

// FamilyLabels opens the labels (the principals' names) of the listed
// families the actor may see, or of all of them for nil ids; ids the actor
// may not see are left out.
// Audited as one list entry with the count.
func (s *Store) FamilyLabels(ctx context.Context, a Actor, ids []string) (out map[string]string, err error) {
	defer wrap(&err, "store.FamilyLabels")
	if err := a.check(true); err != nil {
		return nil, err
	}
	out = map[string]string{}
	if ids != nil && len(ids) == 0 {
		return out, nil
	}
	scope, args := a.familyScope()
	query := `/* store.FamilyLabels */ SELECT f.id, f.org_id, f.label_enc FROM families f WHERE ` + scope
	if ids != nil {
		// The listed families looked up one by one by their key (the CROSS
		// JOIN keeps SQLite's order): with "f.id IN (...) AND f.org_id = ?"
		// SQLite, which has no statistics, guessed the office's index
		// cheaper and read every family of the office (37% of /due's CPU at
		// 10,000 families).
		ids = slices.Compact(slices.Sorted(slices.Values(ids)))
		tuples := strings.Repeat("(?), ", len(ids)-1) + "(?)"
		query = `/* store.FamilyLabels */ WITH listed (id) AS (VALUES ` + tuples + `)
			SELECT f.id, f.org_id, f.label_enc FROM listed l CROSS JOIN families f WHERE f.id = l.id AND ` + scope
		idArgs := make([]any, 0, len(ids)+len(args))
		for _, id := range ids {
			idArgs = append(idArgs, id)
		}
		args = append(idArgs, args...)
	}
	// Read outside a write transaction, open and audit inside a short one
	// (see OfficeFamilies).
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	type row struct {
		id, org string
		sealed  []byte
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.org, &r.sealed); err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = s.readTx(ctx, func(t *txn) error {
		for _, r := range rs {
			label, err := t.openFor(ctx, r.org, r.sealed, aad("families", "label", r.id))
			if err != nil {
				return err
			}
			out[r.id] = string(label)
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "labels "+strconv.Itoa(len(out)))
	}
	return out, err
}
