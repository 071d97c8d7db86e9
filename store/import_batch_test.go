package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

// TestImportBatchRejectsBadFilesAlone imports, on both engines, one batch
// holding good files, a file that is not a case file and a stale export
// that fails inside the transaction (a conflict): the two bad ones are
// rejected by name and leave nothing, the good ones are all stored, and
// the audit chain holds exactly the good ones' entries.
func TestImportBatchRejectsBadFilesAlone(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "batch")
		first, err := s.ImportCaseFile(ctx, o.rep, "first.json", mustEncode(t, testFamily("Nguyen", "Lan", "A123456789", "2025-01-01")))
		if err != nil {
			t.Fatal(err)
		}
		stale, err := ExportCaseFile(first)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportCaseFile(ctx, o.rep, "edit.json", []byte(strings.Replace(string(stale), `"given": "Lan"`, `"given": "Lan Thi"`, 1))); err != nil {
			t.Fatal(err)
		}
		var files []ImportFile
		for i := range 5 {
			files = append(files, goodFile(t, i))
			if i == 1 {
				files = append(files, ImportFile{Name: "broken.json", Data: []byte(`{"format": "reunite.case/v1", "principal": 7}`)})
			}
			if i == 3 {
				files = append(files, ImportFile{Name: "stale.json", Data: stale})
			}
		}
		before := auditCount(t, s)
		res := s.ImportCaseFiles(ctx, o.rep, files, "")
		// One creation entry per good file; the stale file's update entry
		// was rolled back with it.
		if n := auditCount(t, s) - before; n != 5 {
			t.Errorf("%d audit entries written, want 5", n)
		}
		good := 0
		for i, r := range res {
			name := files[i].Name
			switch name {
			case "broken.json":
				var ve *reunite.ValidationError
				if !errors.As(r.Err, &ve) || r.Record != nil {
					t.Errorf("%s: %v, want a validation error", name, r.Err)
				}
			case "stale.json":
				if !errors.Is(r.Err, ErrConflict) || !strings.Contains(r.Err.Error(), name) {
					t.Errorf("%s: %v, want a conflict naming the file", name, r.Err)
				}
			default:
				if r.Err != nil || r.Record == nil || r.Record.Version != 1 {
					t.Errorf("%s: %+v, %v", name, r.Record, r.Err)
					continue
				}
				if got, err := s.Family(ctx, o.rep, r.Record.ID); err != nil || got.Family.Principal.Name.Family != r.Record.Family.Principal.Name.Family {
					t.Errorf("%s: stored as %+v, %v", name, got, err)
				}
				good++
			}
		}
		if good != 5 {
			t.Fatalf("%d good files imported, want 5", good)
		}
		if head, _ := s.Family(ctx, o.rep, first.ID); head.Version != 2 {
			t.Errorf("the rolled-back stale file left version %d", head.Version)
		}
		if r, err := s.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("audit chain after the batch: %v, %v", r, err)
		}
	})
}

// goodFile is the i-th of a few valid, distinct case files.
func goodFile(t *testing.T, i int) ImportFile {
	return ImportFile{Name: fmt.Sprintf("good%d.json", i),
		Data: mustEncode(t, testFamily("Family"+fmt.Sprint(i), "Given", "A20123456"+fmt.Sprint(i), "2025-06-10"))}
}

// importGoodFiles imports the first n goodFiles as one batch into a's
// office, and fails t if any is refused.
func importGoodFiles(t *testing.T, s *Store, a Actor, n int) {
	t.Helper()
	var files []ImportFile
	for i := range n {
		files = append(files, goodFile(t, i))
	}
	for _, r := range s.ImportCaseFiles(context.Background(), a, files, "") {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
}

func mustEncode(t *testing.T, f *reunite.Family) []byte {
	t.Helper()
	data, err := casefile.Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func auditCount(t *testing.T, s *Store) int {
	t.Helper()
	if err := s.flushReads(context.Background()); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportBatchFailureIsolatesTheFile makes the database itself refuse
// one good case file of a batch (a trigger on its assessment's deadline),
// on both engines: writing the new families together fails, the batch is
// done again file by file, and that file alone is rejected, by name, with
// the database's reason; the others are stored and the audit chain holds
// exactly their entries and verifies.
func TestImportBatchFailureIsolatesTheFile(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "refused")
		refused := testFamily("Refused", "Given", "A201234599", "2025-03-03")
		p, err := prepare(refused, testClock)
		if err != nil || !p.fileBy.Valid {
			t.Fatalf("no deadline for the refused file: %v", err)
		}
		trigger := []string{`CREATE TRIGGER refuse_one BEFORE INSERT ON assessments WHEN NEW.file_by = '` + p.fileBy.String + `'
			BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
		if e == Postgres {
			trigger = []string{`CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.file_by = '` + p.fileBy.String + `' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
				`CREATE TRIGGER refuse_one BEFORE INSERT ON assessments FOR EACH ROW EXECUTE FUNCTION refuse_one()`}
		}
		for _, q := range trigger {
			if _, err := s.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		var files []ImportFile
		for i := range 4 {
			files = append(files, goodFile(t, i))
			if i == 2 {
				files = append(files, ImportFile{Name: "refused.json", Data: mustEncode(t, refused)})
			}
		}
		families := func() (n int) {
			if err := s.db.QueryRow(`SELECT COUNT(*) FROM families`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before, stored := auditCount(t, s), families()
		res := s.ImportCaseFiles(ctx, o.rep, files, "")
		if n := families() - stored; n != 4 {
			t.Errorf("%d families stored, want 4", n)
		}
		for i, r := range res {
			if files[i].Name == "refused.json" {
				if r.Err == nil || r.Record != nil || !strings.Contains(r.Err.Error(), "refused.json") || !strings.Contains(r.Err.Error(), "refused by the test") {
					t.Errorf("refused.json: %+v, %v; want an error naming the file and the reason", r.Record, r.Err)
				}
				continue
			}
			if r.Err != nil || r.Record == nil {
				t.Errorf("%s: %+v, %v", files[i].Name, r.Record, r.Err)
				continue
			}
			if got, err := s.Family(ctx, o.rep, r.Record.ID); err != nil || got.Family.Principal.Name.Family != r.Record.Family.Principal.Name.Family {
				t.Errorf("%s: stored as %+v, %v", files[i].Name, got, err)
			}
		}
		// Four creations and the four reads just made.
		if n := auditCount(t, s) - before; n != 8 {
			t.Errorf("%d audit entries written, want 8", n)
		}
		if r, err := s.VerifyAudit(ctx); err != nil || !r.OK() {
			t.Errorf("audit chain after the batch: %v, %v", r, err)
		}
	})
}

// TestImportBatchesInOrder imports three batches through ImportBatches, on
// both engines, the second holding a file that is not a case file: done
// sees each batch's results once, in order, the bad file alone rejected;
// every good file is stored. Then an import stopped once its first batch
// is reported: the batches read meanwhile are neither written nor
// reported, and next is asked for no more.
func TestImportBatchesInOrder(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "batches")
		batches := [][]ImportFile{
			{goodFile(t, 0), goodFile(t, 1)},
			{goodFile(t, 2), {Name: "broken.json", Data: []byte(`{"format": "reunite.case/v1", "principal": 7}`)}, goodFile(t, 3)},
			{goodFile(t, 4)},
		}
		asked := 0
		next := func() ([]ImportFile, bool) {
			if asked == len(batches) {
				return nil, false
			}
			asked++
			return batches[asked-1], true
		}
		var got [][]ImportResult
		s.ImportBatches(ctx, o.rep, "", next, func(rs []ImportResult) { got = append(got, rs) })
		if len(got) != len(batches) {
			t.Fatalf("done called %d times, want %d", len(got), len(batches))
		}
		stored := 0
		for b, rs := range got {
			if len(rs) != len(batches[b]) {
				t.Fatalf("batch %d: %d results for %d files", b, len(rs), len(batches[b]))
			}
			for i, r := range rs {
				name := batches[b][i].Name
				if name == "broken.json" {
					if r.Err == nil || !strings.Contains(r.Err.Error(), name) {
						t.Errorf("%s: %v, want an error naming it", name, r.Err)
					}
					continue
				}
				if r.Err != nil {
					t.Errorf("%s: %v", name, r.Err)
					continue
				}
				f, err := s.Family(ctx, o.rep, r.Record.ID)
				if err != nil || f.Family.Principal.Name.Family != "Family"+name[len("good"):len(name)-len(".json")] {
					t.Errorf("%s: stored as %+v, %v", name, f, err)
				}
				stored++
			}
		}
		if stored != 5 {
			t.Errorf("%d good files stored, want 5", stored)
		}

		stop, cancel := context.WithCancel(ctx)
		defer cancel()
		o2 := newOffice(t, s, "stopped")
		asked = 0
		next = func() ([]ImportFile, bool) {
			asked++
			return []ImportFile{goodFile(t, asked)}, true
		}
		got = nil
		s.ImportBatches(stop, o2.rep, "", next, func(rs []ImportResult) {
			got = append(got, rs)
			cancel()
		})
		// One batch written, one prepared meanwhile, and perhaps a third
		// asked for before the stop.
		if asked < 2 || asked > 3 || len(got) != 1 || got[0][0].Err != nil {
			t.Fatalf("stopped import: next asked %d times, done called %d times (%v); want 2 or 3, and 1 with the first batch stored", asked, len(got), got)
		}
		list, err := s.Families(ctx, o2.rep, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		var imported []string
		for _, f := range list {
			if strings.HasPrefix(f.Label, "Given Family") { // goodFile's, not the office's own
				imported = append(imported, f.ID)
			}
		}
		if len(imported) != 1 || imported[0] != got[0][0].Record.ID {
			t.Errorf("families of the stopped import: %v; want the first batch's %s", imported, got[0][0].Record.ID)
		}
	})
}
