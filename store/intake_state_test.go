package store

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// TestIntakeStateKeptWithVersion: the text the web layer writes down of a
// version is kept with that version and read back with it, by the latest
// read and by a read of the version by number; a new version gets its own.
// Without a function, or when it writes "", nothing is kept; an import and
// a restore keep nothing either (it is worked out when needed).
func TestIntakeStateKeptWithVersion(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		key := testKey(t)
		s := openAt(t, newDSN(t, e), Keys{Current: key})
		o := newOffice(t, s, "intake") // written before any function is set
		calls := 0
		s.SetIntakeState(func(f *reunite.Family) string {
			calls++
			if len(f.Members) > 1 {
				return "" // keeps nothing
			}
			return "members " + strconv.Itoa(len(f.Members))
		})
		read := func(id string, version int) *FamilyRecord {
			t.Helper()
			var rec *FamilyRecord
			var err error
			if version == 0 {
				rec, err = s.Family(ctx, o.worker, id)
			} else {
				rec, err = s.FamilyVersion(ctx, o.worker, id, version)
			}
			if err != nil {
				t.Fatal(err)
			}
			return rec
		}
		if got := read(o.family.ID, 0).IntakeState; got != "" {
			t.Errorf("a version written without a function: intake state %q, want none", got)
		}

		f := testFamily("Haile", "Meron", "A301234567", "2025-06-10")
		rec, err := s.CreateFamily(ctx, o.worker, f)
		if err != nil {
			t.Fatal(err)
		}
		if rec.IntakeState != "members 1" || read(rec.ID, 0).IntakeState != "members 1" {
			t.Errorf("created: %q, read back %q; want %q", rec.IntakeState, read(rec.ID, 0).IntakeState, "members 1")
		}
		g := *rec.Family
		g.Members = nil
		rec2, err := s.UpdateFamily(ctx, o.worker, rec.ID, 1, &g)
		if err != nil {
			t.Fatal(err)
		}
		if rec2.IntakeState != "members 0" || read(rec.ID, 0).IntakeState != "members 0" || read(rec.ID, 2).IntakeState != "members 0" {
			t.Errorf("version 2: %q, read back %q", rec2.IntakeState, read(rec.ID, 0).IntakeState)
		}
		if got := read(rec.ID, 1).IntakeState; got != "members 1" {
			t.Errorf("version 1 after version 2: %q, want %q", got, "members 1")
		}
		h := *rec2.Family
		h.Members = append(h.Members, f.Members[0], f.Members[0])
		h.Members[1].ID = "second"
		rec3, err := s.UpdateFamily(ctx, o.worker, rec.ID, 2, &h)
		if err != nil {
			t.Fatal(err)
		}
		if rec3.IntakeState != "" || read(rec.ID, 0).IntakeState != "" {
			t.Errorf("a function that keeps nothing: %q, read back %q", rec3.IntakeState, read(rec.ID, 0).IntakeState)
		}

		data, err := casefile.Encode(testFamily("Bekele", "Sara", "A401234567", "2025-06-10"))
		if err != nil {
			t.Fatal(err)
		}
		before := calls
		res := s.ImportCaseFiles(ctx, o.worker, []ImportFile{{Name: "one.json", Data: data}}, "")
		if len(res) != 1 || res[0].Err != nil {
			t.Fatalf("import: %+v", res)
		}
		if got := read(res[0].Record.ID, 0).IntakeState; got != "" || calls != before {
			t.Errorf("imported: intake state %q, function called %d times; want none", got, calls-before)
		}

		var buf bytes.Buffer
		if _, err := s.Backup(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		dst := openAt(t, newDSN(t, e), Keys{Current: key})
		if _, err := dst.Restore(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		restored, err := dst.FamilyVersion(ctx, o.worker, rec.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if restored.IntakeState != "" || restored.Family.Principal.Name.Given != "Meron" {
			t.Errorf("restored version 1: intake state %q, given %q; want none, Meron", restored.IntakeState, restored.Family.Principal.Name.Given)
		}
	})
}
