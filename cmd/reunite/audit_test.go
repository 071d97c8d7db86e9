package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditHeadFileCatchesTailTruncation runs the outside review's attack
// on the command line: with the head recorded in a file beforehand, cutting
// off the newest entries and pointing the head back is reported (exit 1).
func TestAuditHeadFileCatchesTailTruncation(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(goodCase), 0o600)
	if code, _, errs := se.run("import", good, good); code != exitOK {
		t.Fatalf("import: %d %s", code, errs)
	}
	heads := filepath.Join(dir, "heads.txt")
	if code, _, errs := se.run("audit", "head", "--out", heads); code != exitOK {
		t.Fatalf("audit head: %d %s", code, errs)
	}
	if code, out, errs := se.run("audit", "verify", "--head", heads); code != exitOK || !strings.Contains(out, "against 1 recorded heads") {
		t.Fatalf("verify against the head: %d %s %s", code, out, errs)
	}
	db, err := sql.Open("sqlite", filepath.Join(se.vars["REUNITE_DATA"], "reunite.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete",
		"DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 2 FROM audit_log)",
		"UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log), hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	code, out, _ := se.run("audit", "verify", "--head", heads)
	if code != exitFailure || !strings.Contains(out, "(the newest) were deleted") || !strings.Contains(out, "audit_log_no_delete") {
		t.Errorf("verify after the tail was cut: %d %s", code, out)
	}
	os.WriteFile(heads, []byte("yesterday 3 abc\n"), 0o600)
	if code, _, errs := se.run("audit", "verify", "--head", heads); code != exitUsage || !strings.Contains(errs, "heads.txt: line 1") {
		t.Errorf("a bad head file: %d %s", code, errs)
	}
}
