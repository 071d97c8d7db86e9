package web

import (
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// TestAPIPartners shares one relative through the API, lets the partner
// read the cut-down family and add a note, and revokes the share.
func TestAPIPartners(t *testing.T) {
	e := newEnv(t).withOffices()
	rep := apiClient{e, e.tokenFor(e.east.logins[store.RoleRepresentative])}
	worker := apiClient{e, e.tokenFor(e.east.logins[store.RoleCaseworker])}
	partner := apiClient{e, e.tokenFor(e.west.logins[store.RoleCaseworker])}
	fam := "/api/v1/families/" + e.east.family

	code, out := partner.call("GET", "/api/v1/shared", "", "")
	if code != 200 || out["office_id"] != e.west.admin.OrgID() || len(out["shared"].([]any)) != 0 {
		t.Fatalf("shared before: %d %v", code, out)
	}
	body := `{"partner_office_id": "` + e.west.admin.OrgID() + `", "members": ["daughter"], "access": "write", "until": "2026-04-30"}`
	if code, out := worker.call("POST", fam+"/shares", "", body); code != 403 {
		t.Errorf("a caseworker shares: %d %v", code, out)
	}
	if code, out := rep.call("POST", fam+"/shares", "", `{"partner_office_id": "`+e.west.admin.OrgID()+`", "members": ["cousin"], "access": "write", "until": "2026-04-30"}`); code != 422 || !strings.Contains(out["error"].(string), "cousin") {
		t.Errorf("a share of no relative: %d %v", code, out)
	}
	if code, out := rep.call("POST", fam+"/shares", "", `{"partner": "x"}`); code != 400 {
		t.Errorf("a typo in a key: %d %v", code, out)
	}
	code, sh := rep.call("POST", fam+"/shares", "", body)
	if code != 201 || sh["until"] != "2026-04-30" || sh["active"] != true || sh["partner_office"] != "west" {
		t.Fatalf("share: %d %v", code, sh)
	}
	code, out = rep.call("GET", fam+"/shares", "", "")
	if code != 200 || len(out["shares"].([]any)) != 1 {
		t.Fatalf("shares: %d %v", code, out)
	}
	if code, _ := partner.call("GET", fam+"/shares", "", ""); code != 404 {
		t.Errorf("the partner lists the family's shares: %d", code)
	}

	code, out = partner.call("GET", "/api/v1/shared", "", "")
	if code != 200 || len(out["shared"].([]any)) != 1 || out["shared"].([]any)[0].(map[string]any)["principal"] != "Selam Tesfaye" {
		t.Fatalf("shared: %d %v", code, out)
	}
	code, f := partner.call("GET", fam, "", "")
	members := f["case"].(map[string]any)["family"].([]any)
	if code != 200 || len(members) != 1 || members[0].(map[string]any)["id"] != "daughter" {
		t.Fatalf("the partner's family: %d %v", code, f)
	}
	if code, out := partner.call("POST", fam+"/notes", "", `{"member_id": "husband", "text": "x"}`); code != 404 {
		t.Errorf("a note on the relative not shared: %d %v", code, out)
	}
	code, n := partner.call("POST", fam+"/notes", "", `{"member_id": "daughter", "text": "Ruth is safe @west-admin"}`)
	if code != 201 || n["author_office_id"] != e.west.admin.OrgID() || len(n["mentions"].([]any)) != 1 {
		t.Fatalf("note: %d %v", code, n)
	}
	if code, out := partner.call("POST", fam+"/notes", "", `{"member_id": "daughter", "text": "@nobody"}`); code != 422 || !strings.Contains(out["error"].(string), "@nobody") {
		t.Errorf("a mention of no one: %d %v", code, out)
	}
	code, out = worker.call("GET", fam+"/notes", "", "")
	if code != 200 || len(out["notes"].([]any)) != 1 || out["notes"].([]any)[0].(map[string]any)["text"] != "Ruth is safe @west-admin" {
		t.Fatalf("notes: %d %v", code, out)
	}

	if code, out := rep.call("POST", "/api/v1/shares/"+sh["id"].(string)+"/revoke", "", ""); code != 200 || out["revoked"] != true {
		t.Fatalf("revoke: %d %v", code, out)
	}
	if code, _ := partner.call("GET", fam, "", ""); code != 404 {
		t.Errorf("the partner reads the family after the revocation: %d", code)
	}
	if code, _ := partner.call("GET", fam+"/notes", "", ""); code != 404 {
		t.Errorf("the partner reads the notes after the revocation: %d", code)
	}
}
