package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/law"
)

// The "needs action" list reads due_items (migration 00170), a derived
// index of every open item of every family: a page is one range of the
// index (org_id, due, family_id, member_id, kind, task_id) read in order
// and cut at the page, so its cost follows the page and not the office.
//
// due_items is derived from petition_due, petition_status, tasks,
// task_details and family_assignments. Every write of those rows for a
// family re-derives that family's items in the same transaction
// (reindexDue); the whole index is built once (when derived_built has no
// row for it: a database migrated from before it) and again by Restore. The
// filing deadlines and 21st birthdays (petition_due's 'law' rows) are
// written with every version (insertVersion); families saved before that
// are found once per office and process (ensureDueIndex).

// dueItemsSelect selects the open items of the families matching filter,
// in due_items' column order. filter is a condition on the rows' table,
// named {t} (petition_due d, then tasks k), whose arguments are given
// twice (once per branch of the union). A filing deadline or 21st
// birthday stays open until the relative's petition is mailed; a task
// until it is done.
//
// The one family of reindexDue is named on the rows' own family_id, not
// on the families table's id: given "f.id = ?", SQLite (without
// statistics) reached petition_due through its index of the office
// (org_id, due) and read every row of the office for each family, and
// tasks likewise: an import of 10,000 families spent more than half its
// time there, and a larger office more (BenchmarkImport10000Families).
func dueItemsSelect(filter string) string {
	return `SELECT d.org_id, d.family_id, d.member_id, d.kind, '' AS task_id, d.due, d.notice, d.check_notice,
			g.caseworker_id, g.attorney_id, NULL AS assignee_id
		FROM petition_due d JOIN families f ON f.id = d.family_id AND f.org_id = d.org_id
		LEFT JOIN family_assignments g ON g.family_id = d.family_id
		WHERE ` + strings.ReplaceAll(filter, "{t}", "d") + ` AND (d.source <> 'law' OR NOT EXISTS (SELECT 1 FROM petition_status p
			WHERE p.family_id = d.family_id AND p.member_id = d.member_id
			AND p.stage NOT IN ('not_started', 'prepared', 'rejected_at_intake')))
		UNION ALL SELECT k.org_id, k.family_id, COALESCE(td.member_id, ''), 'task', k.id, k.due, NULL, 0,
			g.caseworker_id, g.attorney_id, td.assignee_id
		FROM tasks k JOIN families f ON f.id = k.family_id AND f.org_id = k.org_id
		LEFT JOIN task_details td ON td.task_id = k.id
		LEFT JOIN family_assignments g ON g.family_id = k.family_id
		WHERE ` + strings.ReplaceAll(filter, "{t}", "k") + ` AND k.done_at IS NULL AND k.due IS NOT NULL`
}

const dueItemsInsert = `INSERT INTO due_items (org_id, family_id, member_id, kind, task_id, due, notice, check_notice,
	caseworker_id, attorney_id, assignee_id) `

// reindexDue re-derives a family's rows of due_items: called by every
// write of the rows they come from, in its transaction.
func (t *txn) reindexDue(ctx context.Context, family string) error {
	if _, err := t.exec(ctx, `/* store.reindexDue */ DELETE FROM due_items WHERE family_id = ?`, family); err != nil {
		return err
	}
	_, err := t.exec(ctx, `/* store.reindexDue */ `+dueItemsInsert+dueItemsSelect(`{t}.family_id = ?`), family, family)
	return err
}

// rebuildDueItems derives the whole of due_items again and records that
// it was built.
func (t *txn) rebuildDueItems(ctx context.Context) error {
	if _, err := t.exec(ctx, `/* store.rebuildDueItems */ DELETE FROM due_items`); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `/* store.rebuildDueItems */ `+dueItemsInsert+dueItemsSelect(`1 = 1`)); err != nil {
		return err
	}
	return t.markBuilt(ctx, "due_items")
}

// markBuilt records that a derived table was built.
func (t *txn) markBuilt(ctx context.Context, name string) error {
	_, err := t.exec(ctx, `/* store.markBuilt */
		INSERT INTO derived_built (name, built_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET built_at = excluded.built_at`,
		name, micros(t.now))
	return err
}

// buildOnce builds a derived table with build unless derived_built says it
// was: the table's row is claimed first, so that of two servers starting
// at once only one builds, and the other finds it built.
func (s *Store) buildOnce(ctx context.Context, name string, build func(t *txn) error) error {
	if _, done := s.derivedBuilt.Load(name); done {
		return nil
	}
	var built int
	if err := s.db.QueryRowContext(ctx, s.q(`/* store.buildOnce */ SELECT COUNT(*) FROM derived_built WHERE name = ?`), name).Scan(&built); err != nil {
		return err
	}
	if built > 0 {
		s.derivedBuilt.Store(name, true)
		return nil
	}
	err := s.tx(ctx, func(t *txn) error {
		res, err := t.exec(ctx, `/* store.buildOnce */
			INSERT INTO derived_built (name, built_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, micros(t.now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // built meanwhile by another
		}
		return build(t)
	})
	if err == nil {
		s.derivedBuilt.Store(name, true)
	}
	return err
}

// ensureDueIndex makes due_items complete for the actor's office, doing
// work only the first time per office and process: it builds the index if
// it never was (buildOnce), then records the law's dates
// of the families whose dates are older than their version (saved before
// versions recorded them). Later versions keep both up to date themselves.
func (s *Store) ensureDueIndex(ctx context.Context, a Actor) error {
	return oncePerScope(&s.dueChecked, a, func() error {
		if err := s.buildOnce(ctx, "due_items", func(t *txn) error { return t.rebuildDueItems(ctx) }); err != nil {
			return err
		}
		return s.refreshLawDates(ctx, a)
	})
}

// oncePerScope runs fn the first time an office (or a client's family: a
// client's scope is their family only) asks, in this process, and again
// only if it failed; done records the scopes that succeeded (cleared by a
// restore).
func oncePerScope(done *sync.Map, a Actor, fn func() error) error {
	key := a.org
	if a.role == RoleClient {
		key += "/" + a.family
	}
	if _, ok := done.Load(key); ok {
		return nil
	}
	if err := fn(); err != nil {
		return err
	}
	done.Store(key, true)
	return nil
}

// refreshLawDates records the filing deadline and the 21st birthdays of
// every family whose recorded dates come from an older version than its
// current one, from the stored assessment: one sealed assessment opened
// per such family, once.
func (s *Store) refreshLawDates(ctx context.Context, a Actor) error {
	return s.eachStaleFamily(ctx, a, "refreshLawDates", "petition_law_version", func(t *txn, r familyRef) error {
		return t.refreshFamilyLawDates(ctx, r.id, r.org, r.version)
	})
}

// refreshFamilyLawDates records the law's dates of a stored version from
// its sealed assessment, unless they are recorded already.
func (t *txn) refreshFamilyLawDates(ctx context.Context, family, org string, version int) error {
	// The version row is claimed first: of two readers refreshing the same
	// family at once, the second waits on it and then finds nothing to do,
	// instead of writing the dates twice.
	claimed, err := t.claimLawVersion(ctx, family, version)
	if err != nil || !claimed {
		return err
	}
	var sealed []byte
	if err := t.queryRow(ctx, `/* store.refreshFamilyLawDates */ SELECT body_enc FROM assessments WHERE family_id = ? AND version = ?`,
		family, version).Scan(&sealed); err != nil {
		return err
	}
	body, err := t.openFor(ctx, org, sealed, aad("assessments", "body", family+"/"+strconv.Itoa(version)))
	if err != nil {
		return err
	}
	var as law.Assessment
	if err := json.Unmarshal(body, &as); err != nil {
		return err
	}
	return t.writeLawDates(ctx, family, org, &as)
}

// recordLawDates records the law's dates of a version being written.
func (t *txn) recordLawDates(ctx context.Context, family, org string, version int, as *law.Assessment) error {
	if _, err := t.claimLawVersion(ctx, family, version); err != nil {
		return err
	}
	return t.writeLawDates(ctx, family, org, as)
}

// claimLawVersion records that the law's dates of family come from
// version, and reports whether they came from another before.
func (t *txn) claimLawVersion(ctx context.Context, family string, version int) (bool, error) {
	res, err := t.exec(ctx, `/* store.claimLawVersion */
		INSERT INTO petition_law_version (family_id, version) VALUES (?, ?)
		ON CONFLICT (family_id) DO UPDATE SET version = excluded.version
		WHERE petition_law_version.version <> excluded.version`, family, version)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// writeLawDates replaces a family's 'law' rows of petition_due with the
// dates of an assessment (lawDates), and re-derives its needs-action items.
func (t *txn) writeLawDates(ctx context.Context, family, org string, as *law.Assessment) error {
	if _, err := t.exec(ctx, `/* store.writeLawDates */ DELETE FROM petition_due WHERE family_id = ? AND source = 'law'`, family); err != nil {
		return err
	}
	if err := t.insertRows(ctx, `/* store.writeLawDates */ `+lawDueInsert, "", lawDueRows(org, family, as)); err != nil {
		return err
	}
	return t.reindexDue(ctx, family)
}

// recordNewLawDates is recordLawDates for families created in this
// transaction (an import's batch), whose version is 1 and who have no rows
// yet: one statement per table for all of them (see indexNewFamilies).
func (t *txn) recordNewLawDates(ctx context.Context, org string, vs []*versionRows) error {
	var claims, dues [][]any
	for _, v := range vs {
		claims = append(claims, []any{v.id, v.version})
		dues = append(dues, lawDueRows(org, v.id, v.p.assessment)...)
	}
	if err := t.insertRows(ctx, `/* store.recordNewLawDates */ INSERT INTO petition_law_version (family_id, version)`, "", claims); err != nil {
		return err
	}
	if err := t.insertRows(ctx, `/* store.recordNewLawDates */ `+lawDueInsert, "", dues); err != nil {
		return err
	}
	// The ids are given once per branch of the union.
	return inIDChunks(vs, maxParams/2, func(in string, ids []any) error {
		_, err := t.exec(ctx, `/* store.recordNewLawDates */ `+dueItemsInsert+dueItemsSelect(`{t}.family_id IN `+in), append(ids, ids...)...)
		return err
	})
}

// lawDueInsert heads the insert of lawDueRows.
const lawDueInsert = `INSERT INTO petition_due (org_id, family_id, member_id, kind, due, notice, check_notice, source)`

// lawDueRows are the 'law' rows of petition_due of a family's assessment
// (lawDates), in lawDueInsert's column order.
func lawDueRows(org, family string, as *law.Assessment) [][]any {
	var rows [][]any
	for _, d := range lawDates(as) {
		rows = append(rows, []any{org, family, d.member, d.kind, d.due.String(), nil, 0, "law"})
	}
	return rows
}

// lawDate is a date the law fixes for a relative: the filing deadline
// (ActionFileBy) or the 21st birthday (ActionTurns21).
type lawDate struct {
	member, kind string
	due          reunite.Date
}

// lawDates lists the filing deadline and 21st birthdays of an assessment,
// for every relative with a petition to file.
func lawDates(as *law.Assessment) []lawDate {
	var out []lawDate
	for _, p := range as.Petitions {
		if p.Verdict == law.Ineligible {
			continue // no petition to file
		}
		if fb := as.Deadline.FileBy; fb != nil && !fb.IsZero() {
			out = append(out, lawDate{p.Member, ActionFileBy, *fb})
		}
		for _, h := range p.Hints {
			if h.Kind == "turns_21" && h.Date != nil {
				out = append(out, lawDate{p.Member, ActionTurns21, *h.Date})
			}
		}
	}
	return out
}
