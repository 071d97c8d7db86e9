package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/reunite/reunite"
)

// OfficeQuery asks for one page of the office view: which families
// (Filter, Search), in which order (Sort) and which page (Offset, Limit).
type OfficeQuery struct {
	Today    reunite.Date // the day deadlines are counted from
	SoonDays int          // a deadline this close is "soon"
	Filter   string       // "", "review", "soon", "late"
	Sort     string       // "urgent" (also ""), "deadline", "updated"
	Search   string       // a name or A-number, matched through the blind index
	Offset   int
	Limit    int
}

// OfficeResult is one page of the office view and how many families there
// are in all (Total) and after the filter and search (Shown).
type OfficeResult struct {
	Rows         []OfficeFamily // with their labels opened
	Total, Shown int
}

// officeOrders are the orders of the office view, every one ending on the
// id so that the order is total and pages do not overlap. "urgent" ranks a
// passed deadline first, then one within SoonDays, then families with
// findings to review, then the rest; within a rank, more findings to
// review first, then the nearest deadline.
var officeOrders = map[string]string{
	"urgent":   `urgency, review DESC, f.file_by IS NULL, f.file_by, f.id`,
	"deadline": `f.file_by IS NULL, f.file_by, f.id`,
	"updated":  `f.updated_at DESC, f.id`,
}

// OfficePage answers the office view in the database: the filter, the
// blind-index search, the order and the page are one query, and only the
// names of the page's rows are opened. Verdict counts are kept per family
// (web_family_verdicts); those missing or older than the family's current
// version are recorded first, as OfficeFamilies does. One audit entry
// says how many families matched, never the search words.
func (s *Store) OfficePage(ctx context.Context, a Actor, q OfficeQuery) (res *OfficeResult, err error) {
	defer wrap(&err, "store.OfficePage")
	if err := a.check(true); err != nil {
		return nil, err
	}
	order, ok := officeOrders[q.Sort]
	if q.Sort == "" {
		order, ok = officeOrders["urgent"], true
	}
	if !ok {
		return nil, fmt.Errorf("%w: sort %q (expected urgent, deadline or updated)", ErrInvalid, q.Sort)
	}
	if q.Limit <= 0 || q.Offset < 0 {
		return nil, fmt.Errorf("%w: page from %d, %d rows", ErrInvalid, q.Offset, q.Limit)
	}
	if err := s.refreshStaleVerdicts(ctx, a); err != nil {
		return nil, err
	}
	today, soon := q.Today.String(), q.Today.AddDays(q.SoonDays).String()
	scope, scopeArgs := a.familyScope()
	where, args := scope, append([]any{}, scopeArgs...)
	switch q.Filter {
	case "":
	case "review":
		where += ` AND COALESCE(v.review, 0) > 0`
	case "soon":
		where += ` AND f.file_by >= ? AND f.file_by <= ?`
		args = append(args, today, soon)
	case "late":
		where += ` AND f.file_by < ?`
		args = append(args, today)
	default:
		return nil, fmt.Errorf("%w: filter %q (expected review, soon or late)", ErrInvalid, q.Filter)
	}
	if q.Search != "" {
		terms, err := s.searchTerms(ctx, a, q.Search)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			where += ` AND 1 = 0` // nothing to match: no family matches
		} else {
			match, margs := matchAll(a.org, terms)
			where += ` AND ` + match
			args = append(args, margs...)
		}
	}
	res = &OfficeResult{}
	from := ` FROM families f LEFT JOIN web_family_verdicts v ON v.family_id = f.id WHERE `
	// The dates are ISO text, so comparing them as text compares the days.
	pageArgs := append([]any{today, soon}, args...)
	pageArgs = append(pageArgs, q.Limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficePage */
		SELECT f.id, f.org_id, f.version, f.file_by, f.updated_at,
			COALESCE(v.eligible, 0), COALESCE(v.review, 0) AS review, COALESCE(v.ineligible, 0),
			CASE WHEN f.file_by < ? THEN 0 WHEN f.file_by <= ? THEN 1
				WHEN COALESCE(v.review, 0) > 0 THEN 2 ELSE 3 END AS urgency`+from+where+`
		ORDER BY `+order+` LIMIT ? OFFSET ?`), pageArgs...)
	if err != nil {
		return nil, err
	}
	orgs := make([]string, 0, q.Limit)
	for rows.Next() {
		var r OfficeFamily
		var org string
		var fileBy sql.NullString
		var updated int64
		var urgency int
		if err := rows.Scan(&r.ID, &org, &r.Version, &fileBy, &updated,
			&r.Eligible, &r.Review, &r.Ineligible, &urgency); err != nil {
			rows.Close()
			return nil, err
		}
		r.FileBy, r.UpdatedAt = dateOrZero(fileBy), fromMicros(updated)
		res.Rows = append(res.Rows, r)
		orgs = append(orgs, org)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// The sealed names are read for the page's rows only: taken into the
	// ordering above, every family's row would be read and carried
	// through the sort.
	sealed := make(map[string][]byte, len(res.Rows))
	if len(res.Rows) > 0 {
		ids := make([]any, len(res.Rows))
		for i, r := range res.Rows {
			ids[i] = r.ID
		}
		lrows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficePage */ SELECT id, label_enc FROM families WHERE id IN (`+marks(len(ids))+`)`), ids...)
		if err != nil {
			return nil, err
		}
		for lrows.Next() {
			var id string
			var b []byte
			if err := lrows.Scan(&id, &b); err != nil {
				lrows.Close()
				return nil, err
			}
			sealed[id] = b
		}
		lrows.Close()
		if err := lrows.Err(); err != nil {
			return nil, err
		}
	}
	if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT COUNT(*) FROM families f WHERE `+scope),
		scopeArgs...).Scan(&res.Total); err != nil {
		return nil, err
	}
	res.Shown = res.Total
	if where != scope {
		if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT COUNT(*)`+from+where), args...).Scan(&res.Shown); err != nil {
			return nil, err
		}
	}
	err = s.readTx(ctx, func(t *txn) error {
		for i, r := range res.Rows {
			label, err := t.openFor(ctx, orgs[i], sealed[r.ID], aad("families", "label", r.ID))
			if err != nil {
				return err
			}
			res.Rows[i].Label = string(label)
		}
		return nil
	})
	if err == nil {
		err = s.logRead(ctx, a, ActionFamilyList, "", "office page "+strconv.Itoa(len(res.Rows))+" of "+strconv.Itoa(res.Shown))
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// refreshStaleVerdicts records the verdict counts of every family the
// actor may see whose counts are missing or older than its current version.
// Every version written records its counts (insertVersion), so only
// families written before that could lack them: the search for them runs
// once per office and process, not on every page.
func (s *Store) refreshStaleVerdicts(ctx context.Context, a Actor) error {
	key := a.org
	if a.role == RoleClient {
		key += "/" + a.family // a client's scope is their family only
	}
	if _, done := s.verdictsChecked.Load(key); done {
		return nil
	}
	if err := s.refreshStale(ctx, a); err != nil {
		return err
	}
	s.verdictsChecked.Store(key, true)
	return nil
}

func (s *Store) refreshStale(ctx context.Context, a Actor) error {
	scope, args := a.familyScope()
	todo, err := s.familyRefs(ctx, `/* store.refreshStaleVerdicts */
		SELECT f.id, f.org_id, f.version FROM families f LEFT JOIN web_family_verdicts v ON v.family_id = f.id
		WHERE `+scope+` AND (v.version IS NULL OR v.version <> f.version)`, args...)
	if err != nil || len(todo) == 0 {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		for _, st := range todo {
			f := OfficeFamily{}
			f.ID, f.Version = st.id, st.version
			if err := t.refreshVerdicts(ctx, &f, st.org); err != nil {
				return err
			}
		}
		return nil
	})
}

// familyRef names a version of a family and its office.
type familyRef struct {
	id, org string
	version int
}

// familyRefs runs a query that selects id, org_id and version of families
// (those whose derived data must be brought up to date).
func (s *Store) familyRefs(ctx context.Context, query string, args ...any) ([]familyRef, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []familyRef
	for rows.Next() {
		var r familyRef
		if err := rows.Scan(&r.id, &r.org, &r.version); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
