package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const officeNotices = `{
  "format": "reunite.notices/v1",
  "version": 1,
  "checked": "2026-11-01",
  "notices": [{
    "id": "office-nairobi-interviews",
    "title": {"en": "Follow-to-join interviews in Nairobi delayed"},
    "text": {"en": "The embassy in Nairobi told us interviews are delayed."},
    "effective": "2026-10-01",
    "confidence": "reported",
    "sources": [{"title": "Embassy notice 2026-14", "publisher": "U.S. Embassy Nairobi", "date": "2026-09-30", "link": "https://ke.usembassy.gov/"}],
    "match": [{"scope": "petition", "location": ["outside_us"]}]
  }]
}`

// TestPolicyCommands: a bad notice file is refused with its line and
// field and nothing is installed; a good one is installed, recorded once
// in the audit log per change, and reaches reunite check; policy list
// flags what was not checked for 90 days.
func TestPolicyCommands(t *testing.T) {
	se := newStoreEnv(t)
	dir := t.TempDir()
	data := se.vars["REUNITE_DATA"]
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(strings.Replace(officeNotices, `"outside_us"`, `"abroad"`, 1)), 0o600)
	code, _, errs := se.run("policy", "add", bad)
	if code != exitUsage || !strings.Contains(errs, "bad.json:12: notices[0].match[0].location[0]") {
		t.Fatalf("bad file: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(data, "notices")); err == nil {
		t.Error("a refused file left a notices folder")
	}

	office := filepath.Join(dir, "nairobi.json")
	os.WriteFile(office, []byte(officeNotices), 0o600)
	if code, out, errs := se.run("policy", "add", office); code != exitOK || !strings.Contains(out, "added") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errs)
	}
	se.run("policy", "add", office) // the same content again: no change to record
	os.WriteFile(office, []byte(strings.Replace(officeNotices, `"version": 1`, `"version": 2`, 1)), 0o600)
	if code, out, _ := se.run("policy", "add", office); code != exitOK || !strings.Contains(out, "replaced") {
		t.Fatalf("replace: exit %d\n%s", code, out)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "reunite.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT actor_id, detail FROM audit_log WHERE action = 'policy.file' ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for rows.Next() {
		var actor, detail string
		rows.Scan(&actor, &detail)
		details = append(details, detail)
	}
	rows.Close()
	if len(details) != 2 || !strings.Contains(details[0], "version=1") || !strings.Contains(details[1], "version=2") ||
		!strings.Contains(details[1], "notices/nairobi.json") || !strings.Contains(details[1], "sha256=") {
		t.Errorf("audit entries for the notice file: %q", details)
	}
	if code, out, _ := se.run("audit", "verify"); code != exitOK {
		t.Errorf("audit verify: %s", out)
	}

	// An office notice may not take the id of a shipped one.
	clash := filepath.Join(dir, "clash.json")
	os.WriteFile(clash, []byte(strings.Replace(officeNotices, "office-nairobi-interviews", "proclamation-10998-travel-ban", 1)), 0o600)
	if code, _, errs := se.run("policy", "add", clash); code == exitOK || !strings.Contains(errs, "already defined") {
		t.Errorf("clashing id: exit %d\n%s", code, errs)
	}

	caseFile := filepath.Join(dir, "case.json")
	os.WriteFile(caseFile, []byte(goodCase), 0o600)
	code, out, errs := se.run("check", caseFile, "--as-of", "2026-10-01", "--json")
	if code != exitOK {
		t.Fatalf("check: %s", errs)
	}
	var got struct {
		Petitions []struct {
			Notices []struct{ ID string } `json:"notices"`
		} `json:"petitions"`
	}
	json.Unmarshal([]byte(out), &got)
	found := false
	for _, n := range got.Petitions[0].Notices {
		found = found || n.ID == "office-nairobi-interviews"
	}
	if !found {
		t.Errorf("the office's notice does not reach the husband abroad: %s", out)
	}

	// Shipped notices were checked 2026-09-30, the office's 2026-11-01.
	_, out, _ = se.run("policy", "list", "--as-of", "2026-12-29")
	if strings.Contains(out, "CHECK:") {
		t.Errorf("flagged on the 90th day:\n%s", out)
	}
	_, out, _ = se.run("policy", "list", "--as-of", "2026-12-30")
	if !strings.Contains(out, "eo-14163-refugee-follow-to-join") || !strings.Contains(out, "17 notice(s); 16 not checked") {
		t.Errorf("policy list on the 91st day:\n%s", out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "office-nairobi-interviews") && strings.Contains(line, "CHECK:") {
			t.Errorf("the office's notice checked 2026-11-01 is flagged: %s", line)
		}
	}
}
