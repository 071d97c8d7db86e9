package store

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestOpenMigratesOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		dsn := newDSN(t, e)
		keys := Keys{Current: testKey(t)}
		s := openAt(t, dsn, keys)
		s.Close()
		s = openAt(t, dsn, keys) // a second open finds nothing to do
		v, err := s.SchemaVersion(context.Background())
		want := latestMigration(t, e)
		if err != nil || v != want {
			t.Fatalf("schema version %d, %v; want %d", v, err, want)
		}
	})
}

// latestMigration is the version of the newest migration file of the
// engine, and checks that both engines have the same versions.
func latestMigration(t *testing.T, e Engine) int64 {
	versions := map[Engine][]string{}
	for _, eng := range engineList {
		entries, err := fs.ReadDir(migrations, "migrations/"+string(eng))
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range entries {
			versions[eng] = append(versions[eng], strings.SplitN(en.Name(), "_", 2)[0])
		}
	}
	if !slices.Equal(versions[SQLite], versions[Postgres]) {
		t.Errorf("the engines' migrations differ: sqlite %v, postgres %v", versions[SQLite], versions[Postgres])
	}
	last := versions[e][len(versions[e])-1]
	n, err := strconv.ParseInt(last, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFamilyVersions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "eri")
		rec := o.family
		if rec.Version != 1 || rec.FileBy.String() != "2027-06-10" {
			t.Fatalf("created: version %d, file by %s", rec.Version, rec.FileBy)
		}
		f := *rec.Family
		f.Principal.Name.Given = "Selamawit"
		f.Principal.StatusDate = date("2025-07-01")
		rec2, err := s.UpdateFamily(ctx, o.worker, rec.ID, 1, &f)
		if err != nil {
			t.Fatal(err)
		}
		if rec2.Version != 2 || rec2.FileBy.String() != "2027-07-01" {
			t.Fatalf("updated: version %d, file by %s", rec2.Version, rec2.FileBy)
		}
		// A change made from version 1 again must not overwrite version 2.
		if _, err := s.UpdateFamily(ctx, o.rep, rec.ID, 1, &f); !errors.Is(err, ErrConflict) {
			t.Fatalf("stale update: %v, want ErrConflict", err)
		}
		got, err := s.Family(ctx, o.client, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The latest is read with the deadline kept on the family's row,
		// a version by number with its assessment's: the two agree.
		if got.Version != 2 || got.Family.Principal.Name.Given != "Selamawit" || got.VersionBy != o.worker.UserID() || got.FileBy.String() != "2027-07-01" {
			t.Errorf("latest: version %d, given %q, by %s, file by %s", got.Version, got.Family.Principal.Name.Given, got.VersionBy, got.FileBy)
		}
		if v2, err := s.FamilyVersion(ctx, o.rep, rec.ID, 2); err != nil || v2.FileBy != got.FileBy || v2.CreatedAt != got.CreatedAt || v2.VersionAt != got.VersionAt {
			t.Errorf("version 2 by number: %+v, %v; latest: %+v", v2, err, got)
		}
		old, err := s.FamilyVersion(ctx, o.rep, rec.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if old.Family.Principal.Name.Given != "Selam" || old.FileBy.String() != "2027-06-10" {
			t.Errorf("version 1 changed: given %q, file by %s", old.Family.Principal.Name.Given, old.FileBy)
		}
		vs, err := s.FamilyVersions(ctx, o.admin, rec.ID)
		if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 {
			t.Fatalf("versions %+v, %v", vs, err)
		}
		as, err := s.Assessment(ctx, o.rep, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if as.Deadline.FileBy == nil || as.Deadline.FileBy.String() != "2027-07-01" || len(as.Petitions) != 1 {
			t.Errorf("assessment: %+v", as.Deadline)
		}
		if _, err := s.FamilyVersion(ctx, o.rep, rec.ID, 3); !errors.Is(err, ErrNotFound) {
			t.Errorf("version 3: %v, want ErrNotFound", err)
		}
	})
}

func TestInvalidFamilyNotStored(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "bad")
		f := *o.family.Family
		f.Members = append(f.Members, f.Members[0]) // duplicate member id
		if _, err := s.UpdateFamily(ctx, o.rep, o.family.ID, 1, &f); err == nil {
			t.Fatal("an invalid case file was stored")
		}
		vs, err := s.FamilyVersions(ctx, o.rep, o.family.ID)
		if err != nil || len(vs) != 1 {
			t.Errorf("versions after a refused update: %d, %v", len(vs), err)
		}
	})
}

func TestSearchAndDeadlines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "srch")
		far := newOffice(t, s, "far") // same names, another organization
		ids := func(sums []FamilySummary) []string {
			var out []string
			for _, f := range sums {
				out = append(out, f.ID)
			}
			return out
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"tesfaye", []string{o.family.ID}},
			{"SELAM Tesfaye", []string{o.family.ID}},
			{"haile", []string{o.family.ID, o.other.ID}}, // the husband is in both
			{"Dawit Okonkwo", []string{o.other.ID}},
			{"A201234567", []string{o.family.ID}},
			{"201-234-567", []string{o.family.ID}},
			{"A87654321", []string{o.other.ID}}, // leading zero dropped
			{"Selam Okonkwo", nil},
			{"nobody", nil},
			{"", nil},
		} {
			got, err := s.SearchFamilies(ctx, o.rep, tc.query)
			if err != nil {
				t.Fatal(err)
			}
			if !sameSet(ids(got), tc.want) {
				t.Errorf("search %q: %v, want %v", tc.query, ids(got), tc.want)
			}
		}
		got, err := s.SearchFamilies(ctx, o.client, "haile")
		if err != nil || !sameSet(ids(got), []string{o.family.ID}) {
			t.Errorf("client search: %v, %v", ids(got), err)
		}
		got, err = s.SearchFamilies(ctx, far.rep, "A201234567")
		if err != nil || !sameSet(ids(got), []string{far.family.ID}) {
			t.Errorf("other office search: %v, %v", ids(got), err)
		}

		// Deadlines: 2027-06-10 and 2026-04-01.
		dl, err := s.Deadlines(ctx, o.worker, date("2026-03-02"), date("2026-05-01"))
		if err != nil || !sameSet(ids(dl), []string{o.other.ID}) {
			t.Errorf("deadlines: %v, %v", ids(dl), err)
		}
		if len(dl) == 1 && (dl[0].Label != "Ada Okonkwo" || dl[0].FileBy.String() != "2026-04-01") {
			t.Errorf("deadline summary: %+v", dl[0])
		}
		dl, err = s.Deadlines(ctx, o.worker, date("2026-01-01"), date("2027-12-31"))
		if err != nil || len(dl) != 2 || dl[0].ID != o.other.ID {
			t.Errorf("deadlines, soonest first: %v, %v", ids(dl), err)
		}
		if _, err := s.AddTask(ctx, o.worker, o.other.ID, "Call Ada", date("2026-03-10")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddTask(ctx, o.worker, o.family.ID, "Translate the certificate", date("2026-03-05")); err != nil {
			t.Fatal(err)
		}
		tasks, err := s.OpenTasks(ctx, o.rep, date("2026-03-01"), date("2026-03-31"))
		if err != nil || len(tasks) != 2 || tasks[0].Title != "Translate the certificate" || tasks[1].FamilyID != o.other.ID {
			t.Errorf("open tasks: %+v, %v", tasks, err)
		}
		all, err := s.Families(ctx, o.admin, 0, 0)
		if err != nil || !sameSet(ids(all), []string{o.family.ID, o.other.ID}) {
			t.Errorf("families: %v, %v", ids(all), err)
		}
	})
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestFamilyOfOwnOfficeInOneStatement: a family of the actor's own office
// is read with one statement, its scope checked within it; a family of
// another office is still not found, and a version that does not exist
// neither.
func TestFamilyOfOwnOfficeInOneStatement(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		east, west := newOffice(t, s, "east"), newOffice(t, s, "west")
		n0 := s.Statements()
		rec, err := s.Family(ctx, east.worker, east.family.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := s.Statements() - n0; n != 1 {
			t.Errorf("own family: %d statements, want 1", n)
		}
		if rec.ID != east.family.ID || rec.Family == nil {
			t.Errorf("read %+v", rec)
		}
		if _, err := s.Family(ctx, west.worker, east.family.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("another office's family: %v, want ErrNotFound", err)
		}
		if _, err := s.FamilyVersion(ctx, east.worker, east.family.ID, 99); !errors.Is(err, ErrNotFound) {
			t.Errorf("a version that does not exist: %v, want ErrNotFound", err)
		}

		// Through a share: the family's own statement finds nothing, then
		// the shares and the family in its office, as before.
		if _, err := s.ShareFamily(ctx, east.rep, NewShare{FamilyID: east.family.ID, PartnerOrgID: west.admin.OrgID(),
			Access: AccessRead, ExpiresAt: testClock.Add(48 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		n0 = s.Statements()
		shared, err := s.Family(ctx, west.worker, east.family.ID)
		if err != nil {
			t.Fatalf("the partner's read: %v", err)
		}
		if n := s.Statements() - n0; n != 3 {
			t.Errorf("through a share: %d statements, want 3", n)
		}
		if shared.Shared == nil || shared.OrgID != east.family.OrgID {
			t.Errorf("through a share: shared %+v, office %s", shared.Shared, shared.OrgID)
		}
	})
}
