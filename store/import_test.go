package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite"
	"github.com/reunite/reunite/casefile"
)

func TestImportExport(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e Engine) {
		ctx := context.Background()
		s := newStore(t, e)
		o := newOffice(t, s, "imp")
		countRows := func() (n int) {
			s.db.QueryRow(`SELECT (SELECT COUNT(*) FROM families) + (SELECT COUNT(*) FROM family_versions) + (SELECT COUNT(*) FROM family_index) + (SELECT COUNT(*) FROM assessments)`).Scan(&n)
			return n
		}
		before := countRows()
		for _, tc := range []struct {
			name, data, want string
		}{
			{"empty.json", ``, "empty.json"},
			{"broken.json", `{"format": "reunite.case/v1", "principal": {`, "broken.json"},
			{"unknown-key.json", `{"format":"reunite.case/v1","principal":{"nmae":{}},"family":[]}`, "principal.nmae"},
			{"bad-date.json", `{"format":"reunite.case/v1","principal":{},"family":[{"id":"a","birth_date":"2004-13-01"}]}`, "family[0].birth_date"},
		} {
			_, err := s.ImportCaseFile(ctx, o.rep, tc.name, []byte(tc.data))
			if err == nil {
				t.Errorf("%s imported", tc.name)
				continue
			}
			if !strings.Contains(err.Error(), tc.name) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: error %q does not name %q", tc.name, err, tc.want)
			}
			var ve *reunite.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s: error %T, want *reunite.ValidationError", tc.name, err)
			}
		}
		if after := countRows(); after != before {
			t.Errorf("bad files left %d rows behind", after-before)
		}
		// A client may not import.
		good, _ := casefile.Encode(testFamily("Nguyen", "Lan", "A123456789", "2025-01-01"))
		if _, err := s.ImportCaseFile(ctx, o.client, "good.json", good); !errors.Is(err, ErrForbidden) {
			t.Errorf("client import: %v", err)
		}
		// The contract's examples import and export unchanged.
		examples, _ := filepath.Glob("../../shared/spec/examples/*.json")
		if len(examples) == 0 {
			examples, _ = filepath.Glob("/work/shared/spec/examples/*.json")
		}
		imported := map[string][]byte{}
		for _, ex := range examples {
			data, err := os.ReadFile(ex)
			if err != nil {
				t.Fatal(err)
			}
			data = stripExampleKeys(t, data)
			rec, err := s.ImportCaseFile(ctx, o.rep, filepath.Base(ex), data)
			if err != nil {
				t.Fatalf("%s: %v", ex, err)
			}
			canonical, _ := casefile.Encode(rec.Family)
			imported[rec.ID] = canonical
		}
		exported := 0
		err := s.ExportFamilies(ctx, o.rep, func(id string, data []byte) error {
			if want, ok := imported[id]; ok {
				exported++
				// The export names its origin, so that importing it again
				// updates this family; the rest is the file as imported.
				f, err := casefile.Decode(data)
				if err != nil || f.Origin == nil || f.Origin.FamilyID != id || f.Origin.Version != 1 {
					t.Errorf("family %s: exported origin %+v, %v", id, f, err)
					return nil
				}
				f.Origin = nil
				data, _ = casefile.Encode(f)
				if !bytes.Equal(data, want) {
					t.Errorf("family %s exported differently from what was imported", id)
				}
			}
			return nil
		})
		if err != nil || exported != len(imported) {
			t.Errorf("exported %d of %d imported, %v", exported, len(imported), err)
		}
	})
}

// stripExampleKeys removes the examples' "expect" and "why" keys, which are
// not part of the case file.
func stripExampleKeys(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := casefile.Decode(data)
	if err == nil {
		out, _ := casefile.Encode(f)
		return out
	}
	var m map[string]any
	if err := jsonUnmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "expect")
	delete(m, "why")
	out, err := jsonMarshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
func jsonMarshal(v any) ([]byte, error)   { return json.Marshal(v) }
