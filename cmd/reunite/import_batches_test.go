package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// TestImportAcrossBatches imports more files than one batch holds, with a
// bad case file in the first batch and a file that cannot be read in the
// second: every file is reported once, by its own name, in the order
// given (the store writes a batch while it prepares the next, and each
// batch's results are matched with its files here), each good file with
// the family it became, and the two bad ones alone are refused.
func TestImportAcrossBatches(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	var names []string
	for i := range store.ImportBatch + 2 {
		if i == store.ImportBatch+1 {
			names = append(names, filepath.Join(dir, "missing.json")) // never written
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("case%04d.json", i))
		data := strings.Replace(goodCase, `"given":"Selam"`, fmt.Sprintf(`"given":"Selam%d"`, i), 1)
		if i == 3 {
			data = `{"format":"reunite.case/v1","principal":{"nmae":{}},"family":[]}`
		}
		if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	code, out, errs := se.run(append([]string{"import", "--quiet"}, names...)...)
	if code != exitUsage {
		t.Errorf("exit %d, want %d (a bad file)", code, exitUsage)
	}
	want := fmt.Sprintf("imported %d of %d files", len(names)-2, len(names))
	if !strings.Contains(errs, want) || !strings.Contains(errs, "case0003.json") || !strings.Contains(errs, "missing.json") {
		t.Errorf("report on standard error lacks %q or a bad file's name:\n%.2000s", want, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(names)-2 {
		t.Fatalf("%d families printed, want %d", len(lines), len(names)-2)
	}
	// Each printed family is the file named beside it: its principal's
	// given name carries the file's number.
	s, a, _, err := (&storeFlags{}).openStore(t.Context(), &env{Getenv: func(k string) string { return se.vars[k] }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	k := 0
	for i, name := range names {
		if i == 3 || i == store.ImportBatch+1 {
			continue
		}
		id, file, ok := strings.Cut(lines[k], "\t")
		k++
		if !ok || file != name {
			t.Fatalf("line %d: %q, want the family of %s", k, lines[k-1], name)
		}
		if i%97 != 0 && i != store.ImportBatch {
			continue // a sample is opened; every line's file was checked above
		}
		rec, err := s.Family(t.Context(), a, id)
		if err != nil || rec.Family.Principal.Name.Given != fmt.Sprintf("Selam%d", i) {
			t.Errorf("%s: family %s is %+v, %v", name, id, rec, err)
		}
	}
}
