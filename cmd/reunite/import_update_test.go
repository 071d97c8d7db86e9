package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/store"
)

// TestImportUpdatesExportedFamily: a file exported and edited updates its
// family as version 2 instead of making a second family; the same file
// exported before that change is refused; --update replaces on purpose.
func TestImportUpdatesExportedFamily(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(goodCase), 0o600)
	code, out, errs := se.run("import", good)
	if code != exitOK || !strings.Contains(errs, `into the office "Local office"`) {
		t.Fatalf("first import: %d %q %q", code, out, errs)
	}
	id, _, _ := strings.Cut(out, "\t")

	exported := filepath.Join(dir, "out")
	if code, _, errs := se.run("export", "--out", exported); code != exitOK {
		t.Fatalf("export: %s", errs)
	}
	file := filepath.Join(exported, id+".json")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"family_id": "`+id+`"`) {
		t.Fatalf("the export does not name its origin:\n%s", data)
	}
	edited := strings.Replace(string(data), `"given": "Dawit"`, `"given": "Dawit Tesfa"`, 1)
	os.WriteFile(file, []byte(edited), 0o600)
	code, out, errs = se.run("import", file)
	if code != exitOK || out != id+"\t"+file+"\tversion 2\n" {
		t.Fatalf("import of the edited export: %d %q %q", code, out, errs)
	}
	// Still one family, now with the edit.
	if code, _, errs := se.run("export", "--out", filepath.Join(dir, "again")); code != exitOK {
		t.Fatal(errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "again", "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d families after the update, want 1", len(files))
	}
	back, _ := os.ReadFile(files[0])
	f, err := casefile.Decode(back)
	if err != nil || f.Members[0].Name.Given != "Dawit Tesfa" || f.Origin == nil || f.Origin.Version != 2 {
		t.Fatalf("after the update: %v %+v", err, f)
	}

	// The file exported at version 1, imported again: the family moved on.
	os.WriteFile(file, data, 0o600)
	code, _, errs = se.run("import", file)
	if code == exitOK || !strings.Contains(errs, "changed after this file was exported") {
		t.Fatalf("stale import: %d %q", code, errs)
	}
	code, out, errs = se.run("import", "--update", id, file)
	if code != exitOK || !strings.HasSuffix(out, "\tversion 3\n") {
		t.Fatalf("--update: %d %q %q", code, out, errs)
	}
	code, _, errs = se.run("import", "--update", "fnosuchfamily", good)
	if code == exitOK || !strings.Contains(errs, "not found") {
		t.Errorf("--update of an unknown family: %d %q", code, errs)
	}
}

// TestImportRefusesHiddenOffice: in a database whose office was made by
// the web application, an import without --as is refused rather than
// filed in a new hidden "Local office"; with --as it names the office.
func TestImportRefusesHiddenOffice(t *testing.T) {
	se := newStoreEnv(t)
	// The first command makes the key; then the web set-up makes an office.
	if code, _, errs := se.run("audit", "verify"); code != exitOK {
		t.Fatal(errs)
	}
	data := se.vars["REUNITE_DATA"]
	ks, err := store.ParseKeyFile([]byte(readFile(t, filepath.Join(data, "master.key"))))
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(context.Background(), store.Options{DSN: "sqlite:" + filepath.Join(data, "reunite.db"), Keys: ks, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateOrg(context.Background(), "East Legal Aid", store.NewUser{Login: "ana", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	good := filepath.Join(t.TempDir(), "good.json")
	os.WriteFile(good, []byte(goodCase), 0o600)
	code, out, errs := se.run("import", good)
	if code == exitOK || out != "" || !strings.Contains(errs, "--as LOGIN") {
		t.Fatalf("import without --as: %d %q %q", code, out, errs)
	}
	code, out, errs = se.run("import", "--as", "ana", good)
	if code != exitOK || !strings.Contains(errs, `into the office "East Legal Aid"`) || out == "" {
		t.Fatalf("import --as ana: %d %q %q", code, out, errs)
	}
}
