package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reunite/reunite/casefile"
	"github.com/reunite/reunite/store"

	_ "modernc.org/sqlite"
)

// storeEnv runs commands in-process against a data directory of a test.
type storeEnv struct {
	t    *testing.T
	vars map[string]string
}

func newStoreEnv(t *testing.T) *storeEnv {
	return &storeEnv{t: t, vars: map[string]string{"REUNITE_DATA": filepath.Join(t.TempDir(), "data")}}
}

func (se *storeEnv) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return se.vars[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// importGood imports goodCase and returns the new family's id.
func (se *storeEnv) importGood() string {
	se.t.Helper()
	file := filepath.Join(se.t.TempDir(), "good.json")
	os.WriteFile(file, []byte(goodCase), 0o600)
	code, out, errs := se.run("import", file)
	if code != exitOK {
		se.t.Fatalf("import: %d %s", code, errs)
	}
	return strings.Fields(out)[0]
}

const goodCase = `{"format":"reunite.case/v1","principal":{"name":{"family":"Tesfaye","given":"Selam"},"a_number":"A201234567",
"status":"asylee","asylum_filed":"2023-08-14","status_date":"2025-06-10","sex":"F","birth_date":"1985-04-12"},
"family":[{"id":"husband","relationship":"spouse","name":{"family":"Haile","given":"Dawit"},"birth_date":"1983-09-01",
"marital_status":"married","location":"outside_us","marriage":{"date":"2010-06-20","form":"civil"}}]}`

func TestStoreCommands(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(goodCase), 0o600)
	os.WriteFile(bad, []byte(`{"format":"reunite.case/v1","principal":{"nmae":{}},"family":[]}`), 0o600)

	// Zero setup: the first import creates the database and its key file.
	code, out, errs := se.run("import", good, bad, good)
	if code != exitUsage {
		t.Errorf("import with a bad file: exit %d, want %d", code, exitUsage)
	}
	if !strings.Contains(errs, "bad.json") || !strings.Contains(errs, "principal.nmae") || !strings.Contains(errs, "imported 2 of 3") {
		t.Errorf("import report does not name the bad file and field:\n%s", errs)
	}
	if n := strings.Count(out, "good.json"); n != 2 {
		t.Errorf("imported good.json %d times, want 2:\n%s", n, out)
	}
	data := se.vars["REUNITE_DATA"]
	if st, err := os.Stat(filepath.Join(data, "master.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", st, err)
	}
	if st, err := os.Stat(filepath.Join(data, "reunite.db")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("database file mode: %v, %v", st, err)
	}

	exported := filepath.Join(dir, "out")
	if code, _, errs := se.run("export", "--out", exported); code != exitOK {
		t.Fatalf("export: %d %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(exported, "*.json"))
	if len(files) != 2 {
		t.Fatalf("exported %d files, want 2", len(files))
	}
	back, _ := os.ReadFile(files[0])
	if f, err := casefile.Decode(back); err != nil || f.Principal.Name.Family != "Tesfaye" {
		t.Errorf("exported file: %v", err)
	}

	if code, out, _ := se.run("audit", "verify"); code != exitOK || !strings.Contains(out, "entries verified") {
		t.Errorf("audit verify: %d %s", code, out)
	}

	backup := filepath.Join(dir, "reunite.backup")
	if code, _, errs := se.run("backup", backup); code != exitOK {
		t.Fatalf("backup: %d %s", code, errs)
	}
	keyBefore := readFile(t, filepath.Join(data, "master.key"))
	if code, out, errs := se.run("keys", "rotate"); code != exitOK || !strings.Contains(out, "1 data keys re-wrapped") {
		t.Fatalf("keys rotate: %d %s %s", code, out, errs)
	}
	if code, _, errs := se.run("keys", "retire"); code != exitOK {
		t.Fatalf("keys retire: %d %s", code, errs)
	}
	if code, _, errs := se.run("export", "--id", strings.TrimSuffix(filepath.Base(files[0]), ".json")); code != exitOK {
		t.Errorf("export after rotation: %d %s", code, errs)
	}

	// The backup was made before the rotation: it needs the key of its day.
	other := newStoreEnv(t)
	if code, _, errs := other.run("restore", backup); code != exitFailure || !strings.Contains(errs, "master key") {
		t.Errorf("restore with a new key: %d %s", code, errs)
	}

	// With the key of its day, the backup restores into a new data
	// directory; the key stays apart unless asked for beside the database.
	oldKeys := filepath.Join(dir, "old.key")
	os.WriteFile(oldKeys, []byte(keyBefore), 0o600)
	apart := newStoreEnv(t)
	if code, _, errs := apart.run("restore", backup, "--key-file", oldKeys); code != exitOK || !strings.Contains(errs, "the key file stays at") {
		t.Fatalf("restore with the old key: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(apart.vars["REUNITE_DATA"], "master.key")); err == nil {
		t.Error("restore put the key beside the database unasked")
	}
	third := newStoreEnv(t)
	if code, _, errs := third.run("restore", backup, "--key-file", oldKeys, "--key-beside-db"); code != exitOK {
		t.Fatalf("restore with the old key beside the database: %d %s", code, errs)
	}
	if code, out, errs := third.run("export", "--out", filepath.Join(dir, "again")); code != exitOK {
		t.Errorf("export from the restored database: %d %s %s", code, out, errs)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "again", "*.json")); len(files) != 2 {
		t.Errorf("restored database exported %d families, want 2", len(files))
	}

	// Tamper with the log behind the program's back.
	db, err := sql.Open("sqlite", filepath.Join(data, "reunite.db"))
	if err != nil {
		t.Fatal(err)
	}
	// The owner of the database can drop the triggers that refuse changes.
	for _, q := range []string{"DROP TRIGGER audit_log_no_update", `UPDATE audit_log SET actor_id = 'nobody' WHERE seq = 2`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if code, out, _ := se.run("audit", "verify"); code != exitFailure || !strings.Contains(out, "audit entry 2 was edited") {
		t.Errorf("audit verify of a tampered log: %d %s", code, out)
	}
}

func TestStoreConfigNeedsKeyForExistingDatabase(t *testing.T) {
	se := newStoreEnv(t)
	if code, _, errs := se.run("audit", "verify"); code != exitOK {
		t.Fatalf("first run: %d %s", code, errs)
	}
	os.Remove(filepath.Join(se.vars["REUNITE_DATA"], "master.key"))
	code, _, errs := se.run("audit", "verify")
	if code != exitFailure || !strings.Contains(errs, "key file") {
		t.Errorf("lost key file: %d %s", code, errs)
	}
	// A key in the environment works instead of a file.
	k, _ := store.GenerateMasterKey()
	se.vars["REUNITE_MASTER_KEY"] = k.String()
	se.vars["REUNITE_DB"] = filepath.Join(t.TempDir(), "other.db")
	se.vars["REUNITE_USER"] = "nobody"
	if code, _, errs := se.run("export", "--out", t.TempDir()); code != exitFailure || !strings.Contains(errs, `no user "nobody"`) {
		t.Errorf("unknown user: %d %s", code, errs)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
