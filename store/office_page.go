package store

import (
	"bytes"
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

// officeSorts are the orders of the office view (officeCells), every one
// ending on the id so that the order is total and pages do not overlap.
// "urgent" ranks a passed deadline first, then one within SoonDays, then
// families with findings to review, then the rest; within a rank, more
// findings to review first, then the nearest deadline, none last.
// "deadline" is the nearest first, none last; "updated" the newest first.
var officeSorts = map[string]bool{"": true, "urgent": true, "deadline": true, "updated": true}

// OfficePage answers the office view in the database from its derived
// indexes (office_index.go): the filter, the order and the page are read
// a range at a time from office_rows, or for a search from office_words,
// and only the names of the page's rows are opened. Verdict counts are
// kept per family (web_family_verdicts); those missing or older than the
// family's current version are recorded first, as OfficeFamilies does.
// One audit entry says how many families matched, never the search words.
func (s *Store) OfficePage(ctx context.Context, a Actor, q OfficeQuery) (res *OfficeResult, err error) {
	defer wrap(&err, "store.OfficePage")
	if err := a.check(true); err != nil {
		return nil, err
	}
	if !officeSorts[q.Sort] {
		return nil, fmt.Errorf("%w: sort %q (expected urgent, deadline or updated)", ErrInvalid, q.Sort)
	}
	if q.Limit <= 0 || q.Offset < 0 {
		return nil, fmt.Errorf("%w: page from %d, %d rows", ErrInvalid, q.Offset, q.Limit)
	}
	if err := s.refreshStaleVerdicts(ctx, a); err != nil {
		return nil, err
	}
	if err := s.buildOnce(ctx, "office_rows", func(t *txn) error { return t.rebuildOfficeRows(ctx) }); err != nil {
		return nil, err
	}
	today, soon := q.Today.String(), q.Today.AddDays(q.SoonDays).String()
	// The dates are ISO text, so comparing them as text compares the days.
	scope, scopeArgs := `o.org_id = ?`, []any{a.org}
	if a.role == RoleClient {
		scope, scopeArgs = scope+` AND o.family_id = ?`, append(scopeArgs, a.family) // their family only
	}
	where, args := scope, append([]any{}, scopeArgs...)
	switch q.Filter {
	case "":
	case "review":
		where += ` AND o.review > 0`
	case "soon":
		where += ` AND o.file_by >= ? AND o.file_by <= ?`
		args = append(args, today, soon)
	case "late":
		where += ` AND o.file_by < ?`
		args = append(args, today)
	default:
		return nil, fmt.Errorf("%w: filter %q (expected review, soon or late)", ErrInvalid, q.Filter)
	}
	// A search reads office_words, where the families a word matches are
	// one range of an index in the urgent order (office_index.go), and
	// office_word_counts, which keeps their number. It starts from the
	// word fewest families hold and keeps those whose blind index holds
	// every other word too (one seek each): a full name is read through
	// its rarer half, never through both halves' families grouped.
	from := `office_rows o`
	few, shown := q.Search != "", -1
	if q.Search != "" {
		terms, err := s.searchTerms(ctx, a, q.Search)
		if err != nil {
			return nil, err
		}
		counts, err := s.wordCounts(ctx, a.org, terms)
		if err != nil {
			return nil, err
		}
		rarest := 0
		for i, n := range counts {
			if n < counts[rarest] {
				rarest = i
			}
		}
		if len(terms) == 0 || counts[rarest] == 0 {
			where += ` AND 1 = 0` // nothing to match, or a word no family holds
		} else {
			from = `office_words o`
			where += ` AND o.hash = ?`
			args = append(args, terms[rarest])
			for i, h := range terms {
				if i != rarest {
					where += ` AND EXISTS (SELECT 1 FROM family_index i WHERE i.org_id = ? AND i.hash = ? AND i.family_id = o.family_id)`
					args = append(args, a.org, h)
				}
			}
			// Matches that all fit in the pages up to this one are read
			// and sorted at once; more, in the order's cells.
			n := counts[rarest]
			few = n <= q.Offset+q.Limit
			// A principal's scope is their own family, not the office the
			// count is of.
			if len(terms) == 1 && q.Filter == "" && a.role != RoleClient {
				shown = n
			}
		}
	}
	res = &OfficeResult{}
	maxReview := 0
	if (q.Sort == "" || q.Sort == "urgent") && !few {
		if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT COALESCE(MAX(review), 0) FROM office_rows WHERE org_id = ?`),
			a.org).Scan(&maxReview); err != nil {
			return nil, err
		}
	}
	// The page is read cell by cell in the order's cells; with an offset,
	// the cells wholly before it are counted, not read.
	need, skip := q.Limit, q.Offset
	orgs := make([]string, 0, q.Limit)
	cells := officeCells(q.Sort, today, soon, maxReview, few)
	// A page of one cell that filters or searches counts its matches in
	// the same query (a window over the rows it sorts anyway); an empty
	// page still counts them apart below.
	withCount := len(cells) == 1 && where != scope && shown < 0
	for _, c := range cells {
		if need == 0 {
			break
		}
		cw, ca := where+` AND `+c.where, append(append([]any{}, args...), c.args...)
		if skip > 0 {
			var n int
			if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT COUNT(*) FROM `+from+` WHERE `+cw), ca...).Scan(&n); err != nil {
				return nil, err
			}
			if n <= skip {
				skip -= n
				continue
			}
		}
		count := `0`
		if withCount {
			count = `COUNT(*) OVER ()`
		}
		rows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficePage */
			SELECT o.family_id, o.org_id, o.version, o.file_by, o.neg_updated, o.eligible, o.review, o.ineligible, `+count+`
			FROM `+from+` WHERE `+cw+` ORDER BY `+c.order+` LIMIT ? OFFSET ?`), append(append(ca, c.orderArgs...), need, skip)...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r OfficeFamily
			var org, fileBy string
			var negUpdated int64
			var matched int
			if err := rows.Scan(&r.ID, &org, &r.Version, &fileBy, &negUpdated, &r.Eligible, &r.Review, &r.Ineligible, &matched); err != nil {
				rows.Close()
				return nil, err
			}
			if fileBy != noDeadline {
				r.FileBy = dateOrZero(sql.NullString{String: fileBy, Valid: true})
			}
			r.UpdatedAt = fromMicros(-negUpdated)
			res.Rows = append(res.Rows, r)
			orgs = append(orgs, org)
			need--
			if withCount {
				shown = matched
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		skip = 0
	}
	// The sealed names are read for the page's rows only (taken into the
	// ordering above, every family's row would be read and carried
	// through the sort), and only those not kept from an earlier page
	// (label_cache.go).
	sealed := make([][]byte, len(res.Rows))
	if err := s.readLabels(ctx, a, res.Rows, sealed); err != nil {
		return nil, err
	}
	// The counts of families come from office_counts, not a count of
	// every row; a filtered or searched count reads the rows it counts.
	total := `SELECT CAST(COALESCE(SUM(families), 0) AS BIGINT) FROM office_counts WHERE org_id = ?`
	if a.role == RoleClient {
		total = `SELECT COUNT(*) FROM office_rows o WHERE ` + scope
	}
	if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ `+total), scopeArgs...).Scan(&res.Total); err != nil {
		return nil, err
	}
	res.Shown = res.Total
	switch {
	case where == scope:
	case shown >= 0:
		res.Shown = shown
	case q.Filter == "review" && q.Search == "" && a.role != RoleClient:
		if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT CAST(COALESCE(SUM(families), 0) AS BIGINT) FROM office_counts WHERE org_id = ? AND review > 0`),
			a.org).Scan(&res.Shown); err != nil {
			return nil, err
		}
	default:
		if err := s.db.QueryRowContext(ctx, s.q(`/* store.OfficePage */ SELECT COUNT(*) FROM `+from+` WHERE `+where), args...).Scan(&res.Shown); err != nil {
			return nil, err
		}
	}
	err = s.readTx(ctx, func(t *txn) error {
		for i, r := range res.Rows {
			label, err := t.openFor(ctx, orgs[i], sealed[i], aad("families", "label", r.ID))
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

// readLabels puts in sealed[i] the sealed label of rows[i], from the
// cache or else from the database, which then keeps it by the version it
// has (a version saved since the row was read has its own label, and its
// own time).
func (s *Store) readLabels(ctx context.Context, a Actor, rows []OfficeFamily, sealed [][]byte) error {
	var ids []any
	at := make(map[string]int)
	for i, r := range rows {
		if b, ok := s.labels.get(r.ID, r.Version, r.UpdatedAt.UnixMicro()); ok {
			sealed[i] = b
			continue
		}
		ids = append(ids, r.ID)
		at[r.ID] = i
	}
	if len(ids) == 0 {
		return nil
	}
	// Naming the office too lets SQLite take each label from the index
	// of labels by id and office, one descent, instead of the key's index
	// and then the table. The rows are all of the actor's office.
	lrows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficePage */ SELECT id, version, updated_at, label_enc FROM families
		WHERE id IN (`+marks(len(ids))+`) AND org_id = ?`), append(ids, a.org)...)
	if err != nil {
		return err
	}
	defer lrows.Close()
	for lrows.Next() {
		var id string
		var version int
		var updated int64
		var b []byte
		if err := lrows.Scan(&id, &version, &updated, &b); err != nil {
			return err
		}
		sealed[at[id]] = b
		s.labels.put(id, version, updated, b)
	}
	return lrows.Err()
}

// wordCounts is how many families of org each of the hashes matches
// (office_word_counts), in their order.
func (s *Store) wordCounts(ctx context.Context, org string, hashes [][]byte) ([]int, error) {
	if len(hashes) == 0 {
		return nil, nil
	}
	args := []any{org}
	for _, h := range hashes {
		args = append(args, h)
	}
	rows, err := s.db.QueryContext(ctx, s.q(`/* store.OfficePage */ SELECT hash, families FROM office_word_counts
		WHERE org_id = ? AND hash IN (`+marks(len(hashes))+`)`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := make([]int, len(hashes))
	for rows.Next() {
		var h []byte
		var n int
		if err := rows.Scan(&h, &n); err != nil {
			return nil, err
		}
		for i := range hashes {
			if bytes.Equal(hashes[i], h) {
				counts[i] = n
			}
		}
	}
	return counts, rows.Err()
}

// refreshStaleVerdicts records the verdict counts of every family the
// actor may see whose counts are missing or older than its current version.
// Every version written records its counts (insertVersion), so only
// families written before that could lack them: the search for them runs
// once per office and process, not on every page.
func (s *Store) refreshStaleVerdicts(ctx context.Context, a Actor) error {
	return oncePerScope(&s.verdictsChecked, a, func() error {
		return s.eachStaleFamily(ctx, a, "refreshStaleVerdicts", "web_family_verdicts", func(t *txn, r familyRef) error {
			f := OfficeFamily{}
			f.ID, f.Version = r.id, r.version
			return t.refreshVerdicts(ctx, &f, r.org)
		})
	})
}

// familyRef names a version of a family and its office.
type familyRef struct {
	id, org string
	version int
}

// eachStaleFamily brings a table derived per version of a family (with
// family_id and version columns) up to date: it finds the families the
// actor may see whose row is missing or from an older version than their
// current one, then runs fix for each in one transaction. name labels the
// query in the database's statistics.
func (s *Store) eachStaleFamily(ctx context.Context, a Actor, name, table string, fix func(t *txn, r familyRef) error) error {
	scope, args := a.familyScope()
	todo, err := s.staleFamilies(ctx, `/* store.`+name+` */
		SELECT f.id, f.org_id, f.version FROM families f LEFT JOIN `+table+` d ON d.family_id = f.id
		WHERE `+scope+` AND (d.version IS NULL OR d.version <> f.version)`, args...)
	if err != nil || len(todo) == 0 {
		return err
	}
	return s.tx(ctx, func(t *txn) error {
		// Many families' rows are derived again here, taking locks on
		// rows other writers share (office_counts, office_word_counts):
		// queue with the writers, on the audit head, so that none waits
		// on another's rows while holding some of its own.
		if _, _, err := t.lockAuditHead(ctx); err != nil {
			return err
		}
		for _, r := range todo {
			if err := fix(t, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// staleFamilies reads the families eachStaleFamily's query selects.
func (s *Store) staleFamilies(ctx context.Context, query string, args ...any) ([]familyRef, error) {
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
