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
			files = append(files, ImportFile{Name: fmt.Sprintf("good%d.json", i),
				Data: mustEncode(t, testFamily("Family"+fmt.Sprint(i), "Given", "A20123456"+fmt.Sprint(i), "2025-06-10"))})
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
	var n int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
