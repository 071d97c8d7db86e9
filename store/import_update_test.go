package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/reunite/reunite/casefile"
)

// TestImportUpdatesByOrigin: on both engines, an exported case file
// imported again is version 2 of its family, a stale one is a conflict
// that writes nothing, another office's origin makes a new family there,
// and a client cannot use it to write.
func TestImportUpdatesByOrigin(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "upd")
		other := newOffice(t, s, "oth")
		data, _ := casefile.Encode(testFamily("Nguyen", "Lan", "A123456789", "2025-01-01"))
		rec, err := s.ImportCaseFile(ctx, o.rep, "a.json", data)
		if err != nil {
			t.Fatal(err)
		}
		exported, err := ExportCaseFile(rec)
		if err != nil {
			t.Fatal(err)
		}
		edited := []byte(strings.Replace(string(exported), `"given": "Lan"`, `"given": "Lan Thi"`, 1))
		again, err := s.ImportCaseFile(ctx, o.rep, "a.json", edited)
		if err != nil || again.ID != rec.ID || again.Version != 2 || again.Family.Principal.Name.Given != "Lan Thi" {
			t.Fatalf("re-import: %+v, %v", again, err)
		}
		if again.Family.Origin != nil {
			t.Error("the origin was stored")
		}
		if _, err := s.ImportCaseFile(ctx, o.rep, "a.json", exported); !errors.Is(err, ErrConflict) {
			t.Errorf("stale re-import: %v, want a conflict", err)
		}
		if head, _ := s.Family(ctx, o.rep, rec.ID); head.Version != 2 {
			t.Errorf("a refused import wrote version %d", head.Version)
		}
		elsewhere, err := s.ImportCaseFile(ctx, other.rep, "a.json", edited)
		if err != nil || elsewhere.ID == rec.ID || elsewhere.Version != 1 {
			t.Errorf("another office's import: %+v, %v", elsewhere, err)
		}
		if _, err := s.ImportCaseFile(ctx, o.client, "a.json", edited); !errors.Is(err, ErrForbidden) {
			t.Errorf("client import: %v", err)
		}
	})
}
