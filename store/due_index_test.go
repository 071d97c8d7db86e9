package store

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reunite/reunite/tracking"
)

// dueRows reads rows of the needs-action index's columns, one string each,
// sorted.
func dueRows(t *testing.T, s *Store, query string, args ...any) []string {
	t.Helper()
	rows, err := s.db.Query(s.q(query), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		v := make([]any, 11)
		p := make([]any, len(v))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, x := range v {
			if y, ok := x.([]byte); ok {
				x = string(y)
			}
			fmt.Fprintf(&b, "%v|", x)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// checkDueIndex checks that due_items holds exactly what its source tables
// derive.
func checkDueIndex(t *testing.T, s *Store, when string) {
	t.Helper()
	have := dueRows(t, s, `SELECT org_id, family_id, member_id, kind, task_id, due, notice, check_notice,
		caseworker_id, attorney_id, assignee_id FROM due_items`)
	want := dueRows(t, s, dueItemsSelect(`1 = 1`))
	if len(want) == 0 {
		t.Fatalf("%s: nothing due at all: the test proves nothing", when)
	}
	if !slices.Equal(have, want) {
		t.Errorf("%s: due_items\n%s\nderived\n%s", when, strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

// checkOfficeIndex checks that office_rows and office_counts hold exactly
// what families and their verdict counts derive.
func checkOfficeIndex(t *testing.T, s *Store, when string) {
	t.Helper()
	rows := func(q string) []string {
		r, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var a, b, d string
			var c, e, f, g, h int64
			if err := r.Scan(&a, &b, &c, &d, &e, &f, &g, &h); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(a, b, c, d, e, f, g, h))
		}
		slices.Sort(out)
		return out
	}
	have := rows(`SELECT family_id, org_id, version, file_by, neg_updated, eligible, review, ineligible FROM office_rows`)
	want := rows(`SELECT f.id, f.org_id, f.version, COALESCE(f.file_by, '9999-12-31'), -f.updated_at, v.eligible, v.review, v.ineligible
		FROM families f JOIN web_family_verdicts v ON v.family_id = f.id`)
	if len(want) == 0 || !slices.Equal(have, want) {
		t.Errorf("%s: office_rows\n%s\nderived\n%s", when, strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	counts := func(q string) []string {
		r, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var org string
			var review, n int64
			if err := r.Scan(&org, &review, &n); err != nil {
				t.Fatal(err)
			}
			if n > 0 { // a count moved to zero may stay
				out = append(out, fmt.Sprint(org, review, n))
			}
		}
		slices.Sort(out)
		return out
	}
	if have, want := counts(`SELECT org_id, review, families FROM office_counts`),
		counts(`SELECT f.org_id, v.review, COUNT(*) FROM families f JOIN web_family_verdicts v ON v.family_id = f.id GROUP BY f.org_id, v.review`); !slices.Equal(have, want) {
		t.Errorf("%s: office_counts %v, derived %v", when, have, want)
	}
}

// walkPages reads the whole list through pages of n items, each page
// after the key of the one before.
func walkPages(t *testing.T, s *Store, a Actor, q DueQuery, n int) []ActionItem {
	t.Helper()
	ctx := context.Background()
	var all []ActionItem
	q.Limit = n
	for range 1000 {
		page, err := s.NeedsActionPage(ctx, a, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > n {
			t.Fatalf("a page of %d holds %d items", n, len(page))
		}
		all = append(all, page...)
		if len(page) < n {
			return all
		}
		q.After = q.After.Next(page)
	}
	t.Fatal("the pages do not end")
	return nil
}

// TestDueIndexFollowsWrites writes every kind of row the needs-action list
// derives from (versions, petition events, risk logs, tasks, assignments)
// and checks after each that the index holds what they derive, and that
// the list read page by page through its keys is the whole list.
func TestDueIndexFollowsWrites(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "dix")
		o := tg.o
		checkDueIndex(t, s, "after the target's writes")
		// Several items of one family on one day, to page through.
		for i := range 5 {
			if _, err := s.AddTask(ctx, o.worker, o.other.ID, fmt.Sprintf("task %d", i), date("2026-06-01")); err != nil {
				t.Fatal(err)
			}
		}
		checkDueIndex(t, s, "after tasks")
		if err := s.Assign(ctx, o.worker, o.other.ID, o.worker.UserID(), o.rep.UserID()); err != nil {
			t.Fatal(err)
		}
		checkDueIndex(t, s, "after an assignment")
		if err := s.CompleteTask(ctx, o.worker, tg.task); err != nil {
			t.Fatal(err)
		}
		checkDueIndex(t, s, "after a task done")
		if _, err := s.AddPetitionEvents(ctx, o.worker, []NewPetitionEvent{{o.other.ID, "husband",
			tracking.Event{Kind: tracking.Mailed, Date: date("2026-03-01")}}}); err != nil {
			t.Fatal(err)
		}
		checkDueIndex(t, s, "after a petition mailed")
		rec, err := s.Family(ctx, o.rep, o.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		f := testFamily("Tesfaye", "Selam", "A201234567", "2025-01-10")
		if _, err := s.UpdateFamily(ctx, o.rep, o.family.ID, rec.Version, f); err != nil {
			t.Fatal(err)
		}
		checkDueIndex(t, s, "after a new version")
		checkOfficeIndex(t, s, "after a new version")
		// A version that changes the findings to review moves the family
		// between the counts.
		before := reviewOf(t, s, o.other.ID)
		f = testFamily("Okonkwo", "Ada", "A087654321", "2024-04-01")
		f.Members = f.Members[:0] // no relative: no petition to review
		if _, err := s.UpdateFamily(ctx, o.rep, o.other.ID, o.other.Version, f); err != nil {
			t.Fatal(err)
		}
		if reviewOf(t, s, o.other.ID) == before {
			t.Fatalf("the new version did not change the findings to review (%d): the counts prove nothing", before)
		}
		checkOfficeIndex(t, s, "after a version with other findings")
		// An import writes its families in batches (families.go's
		// writeVersions): the indexes follow it too.
		importGoodFiles(t, s, o.rep, 3)
		checkDueIndex(t, s, "after an import")
		checkOfficeIndex(t, s, "after an import")

		for _, q := range []DueQuery{{Through: date("2030-01-01")}, {Through: date("2030-01-01"), Assignee: o.worker.UserID()},
			{Through: date("2026-06-01")}} {
			whole, err := s.NeedsAction(ctx, o.rep, q.Through, q.Assignee, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(whole) < 3 {
				t.Fatalf("%+v: only %d items: the pages prove nothing", q, len(whole))
			}
			for _, n := range []int{1, 2, 3, len(whole)} {
				if got := walkPages(t, s, o.rep, q, n); !slices.Equal(got, whole) {
					t.Errorf("%+v in pages of %d:\n%+v\nwhole:\n%+v", q, n, got, whole)
				}
			}
		}
		// A client sees their own family's items only.
		mine, err := s.NeedsAction(ctx, o.client, date("2030-01-01"), "", 0)
		if err != nil || len(mine) == 0 {
			t.Fatalf("client's list: %v, %v", mine, err)
		}
		for _, it := range mine {
			if it.FamilyID != o.family.ID {
				t.Errorf("the client sees %+v", it)
			}
		}
		// With their labels, pages hold the same items, each labelled as
		// FamilyLabels labels its family, for staff and for a client.
		for _, a := range []Actor{o.rep, o.client} {
			q := DueQuery{Through: date("2030-01-01"), Labels: true}
			whole, err := s.NeedsAction(ctx, a, q.Through, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			labels, err := s.FamilyLabels(ctx, a, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := walkPages(t, s, a, q, 2)
			if len(got) != len(whole) {
				t.Fatalf("%s: %d items with labels, %d without", a.role, len(got), len(whole))
			}
			for i, it := range got {
				if it.Label == "" || it.Label != labels[it.FamilyID] {
					t.Errorf("%s: item %+v labelled %q, FamilyLabels says %q", a.role, it, it.Label, labels[it.FamilyID])
				}
				it.Label = ""
				if it != whole[i] {
					t.Errorf("%s: item %d with labels %+v, without %+v", a.role, i, it, whole[i])
				}
			}
		}
	})
}

func reviewOf(t *testing.T, s *Store, family string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(s.q(`SELECT review FROM office_rows WHERE family_id = ?`), family).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDueIndexBuiltOnce checks a database from before the index (no
// due_items, law dates never recorded for the current versions): the first
// list builds it, and answers what the index answered.
func TestDueIndexBuiltOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		tg := newTarget(t, s, "old")
		want, err := s.NeedsAction(ctx, tg.o.rep, date("2030-01-01"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`DELETE FROM due_items`, `DELETE FROM derived_built`, `DELETE FROM office_rows`, `DELETE FROM office_counts`,
			`DELETE FROM petition_due WHERE source = 'law'`, `DELETE FROM petition_law_version`} {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		s.dueChecked.Clear()
		s.derivedBuilt.Clear()
		got, err := s.NeedsAction(ctx, tg.o.rep, date("2030-01-01"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("rebuilt: %+v\nwant %+v", got, want)
		}
		checkDueIndex(t, s, "after the build")
		if _, err := s.OfficePage(ctx, tg.o.rep, OfficeQuery{Today: date("2026-03-02"), Limit: 50}); err != nil {
			t.Fatal(err)
		}
		checkOfficeIndex(t, s, "after the build")
	})
}

// TestRestoreRebuildsDueIndex restores a backup (which leaves the derived
// index out) and finds the same list.
func TestRestoreRebuildsDueIndex(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		key := testKey(t)
		src := openAt(t, newDSN(t, e), Keys{Current: key})
		tg := newTarget(t, src, "rdx")
		want, err := src.NeedsAction(ctx, tg.o.rep, date("2030-01-01"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := src.Backup(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, newDSN(t, e), Keys{Current: key})
		// Marked built, as a new database is (migration 00240) and a store
		// that answered a list before: only the restore itself can fill
		// the index checked below.
		if _, err := dst.db.Exec(`INSERT INTO derived_built (name, built_at) VALUES ('due_items', 0), ('office_rows', 0) ON CONFLICT (name) DO NOTHING`); err != nil {
			t.Fatal(err)
		}
		if _, err := dst.Restore(ctx, bytes.NewReader(buf.Bytes())); err != nil {
			t.Fatal(err)
		}
		checkDueIndex(t, dst, "after the restore")
		checkOfficeIndex(t, dst, "after the restore")
		a := mustActor(t, dst, "rdx-representative")
		got, err := dst.NeedsAction(ctx, a, date("2030-01-01"), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("restored: %+v\nwant %+v", got, want)
		}
	})
}

// TestOfficeFamiliesRecordsMissingCounts: a family whose verdict counts are
// missing (stored before they were kept) gets them recorded by the office
// list, on both engines: a write, which PostgreSQL refused when it ran in
// a read-only transaction.
func TestOfficeFamiliesRecordsMissingCounts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "vc")
		if _, err := s.db.Exec(s.q(`DELETE FROM web_family_verdicts WHERE family_id = ?`), o.family.ID); err != nil {
			t.Fatal(err)
		}
		list, err := s.OfficeFamilies(ctx, o.rep)
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := s.db.QueryRow(s.q(`SELECT COUNT(*) FROM web_family_verdicts WHERE family_id = ?`), o.family.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d verdict rows after the office list, want 1", n)
		}
		for _, f := range list {
			if f.ID == o.family.ID && f.Eligible+f.Review+f.Ineligible == 0 {
				t.Fatalf("the family's counts are empty: %+v", f)
			}
		}
	})
}

// TestReindexDueReadsOneFamily: re-deriving one family's items reaches its
// rows through their family's indexes, not the office's. Given the
// family's id on the families table, SQLite read every petition_due and
// task row of the office for each family saved (an import of n families
// was then n times the office's rows).
func TestReindexDueReadsOneFamily(t *testing.T) {
	s := newStore(t, SQLite)
	rows, err := s.db.Query(`EXPLAIN QUERY PLAN `+dueItemsInsert+dueItemsSelect(`{t}.family_id = ?`), "f", "f")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	whole := strings.Join(plan, "\n")
	for _, want := range []string{"petition_due_family (family_id=?)", "tasks_family (family_id=?)"} {
		if !strings.Contains(whole, want) {
			t.Errorf("the plan does not use %s:\n%s", want, whole)
		}
	}
	for _, office := range []string{"petition_due_org", "tasks_due"} {
		if strings.Contains(whole, office) {
			t.Errorf("the plan reads the office's index %s:\n%s", office, whole)
		}
	}
}

// TestNewFamiliesLawDatesAsVersions imports the contract's case files as
// one batch, on both engines: the new families' law dates and
// needs-action items, written together for the batch (recordNewLawDates),
// are those written family by family when each is saved again unchanged
// (writeLawDates, as every later version is).
func TestNewFamiliesLawDatesAsVersions(t *testing.T) {
	paths, err := filepath.Glob("../testdata/cases/*.json")
	if err != nil || len(paths) < 50 {
		t.Fatalf("case files: %d, %v", len(paths), err)
	}
	var files []ImportFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ImportFile{Name: filepath.Base(p), Data: stripExampleKeys(t, data)})
	}
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "dates")
		strs := columnOf[string](t)
		rows := func(id string) []string {
			t.Helper()
			var out []string
			for _, q := range []string{
				`SELECT member_id || ' ' || kind || ' ' || due FROM petition_due WHERE family_id = ? AND source = 'law'`,
				`SELECT 'item ' || member_id || ' ' || kind || ' ' || due FROM due_items WHERE family_id = ?`,
			} {
				out = append(out, strs(s.db.Query(s.q(q), id))...)
			}
			slices.Sort(out)
			return out
		}
		batch := map[string][]string{}
		turns21 := 0
		for i, r := range s.ImportCaseFiles(ctx, o.rep, files, "") {
			if r.Err != nil {
				t.Logf("%s: %v", files[i].Name, r.Err) // a case the store refuses is not this test's
				continue
			}
			batch[r.Record.ID] = rows(r.Record.ID)
			for _, v := range batch[r.Record.ID] {
				if strings.Contains(v, ActionTurns21) && !strings.HasPrefix(v, "item") {
					turns21++
				}
			}
			if _, err := s.UpdateFamily(ctx, o.rep, r.Record.ID, 1, r.Record.Family); err != nil {
				t.Fatalf("%s: %v", files[i].Name, err)
			}
			if again := rows(r.Record.ID); !slices.Equal(batch[r.Record.ID], again) {
				t.Errorf("%s: written with the batch %q, as a version %q", files[i].Name, batch[r.Record.ID], again)
			}
		}
		if len(batch) < 50 || turns21 == 0 {
			t.Fatalf("%d families imported, %d 21st birthdays: the comparison proves little", len(batch), turns21)
		}
	})
}

// TestNewDatabaseMarkedBuilt: a new database, on both engines, has its
// derived tables marked built (migration 00240), since they are kept with
// every write from the first; families imported into it are in them with
// no build, and the first lists read them as they are.
func TestNewDatabaseMarkedBuilt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		marked := func() []string {
			return columnOf[string](t)(s.db.Query(`SELECT name FROM derived_built ORDER BY name`))
		}
		if got := marked(); !slices.Equal(got, []string{"due_items", "office_rows"}) {
			t.Fatalf("a new database marks %v built, want due_items and office_rows", got)
		}
		o := newOffice(t, s, "fresh")
		importGoodFiles(t, s, o.rep, 3)
		page, err := s.OfficePage(ctx, o.rep, OfficeQuery{Today: date("2026-03-02"), Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 5 { // the office's own two and the three imported
			t.Errorf("office view: %d families, want 5", page.Total)
		}
		checkOfficeIndex(t, s, "in a new database")
		checkDueIndex(t, s, "in a new database")
	})
}
