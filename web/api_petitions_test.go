package web

import (
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

func TestAPIPetitions(t *testing.T) {
	e := newEnv(t).withOffices()
	worker := apiClient{e, e.tokenFor(e.east.logins[store.RoleCaseworker])}
	fam, other := e.east.family, e.east.other
	base := "/api/v1/families/" + fam + "/petitions/husband/events"

	// One mailing with three petitions, then their receipts in one request.
	code, out := worker.call("POST", "/api/v1/events", "", `{"events": [
		{"family_id": "`+fam+`", "member_id": "husband", "event": {"kind": "mailed", "date": "2026-01-06", "carrier": "USPS", "tracking": "9400111899"}},
		{"family_id": "`+fam+`", "member_id": "daughter", "event": {"kind": "mailed", "date": "2026-01-06"}},
		{"family_id": "`+other+`", "member_id": "husband", "event": {"kind": "mailed", "date": "2026-01-06"}}]}`)
	if code != 201 || len(out["events"].([]any)) != 3 {
		t.Fatalf("bulk mailing: %d %v", code, out)
	}
	// One bad receipt refuses the whole batch.
	code, out = worker.call("POST", "/api/v1/events", "", `{"events": [
		{"family_id": "`+fam+`", "member_id": "husband", "event": {"kind": "receipt", "date": "2026-02-10", "receipt": "SRC2612345678"}},
		{"family_id": "`+fam+`", "member_id": "daughter", "event": {"kind": "receipt", "date": "2026-02-10", "receipt": "SRC26123"}}]}`)
	if code != 422 || !strings.Contains(out["error"].(string), "daughter") || !strings.Contains(out["error"].(string), "13") {
		t.Fatalf("bad receipt in a batch: %d %v", code, out)
	}
	code, out = worker.call("POST", "/api/v1/events", "", `{"events": [
		{"family_id": "`+fam+`", "member_id": "husband", "event": {"kind": "receipt", "date": "2026-02-10", "receipt": "SRC2612345678"}},
		{"family_id": "`+fam+`", "member_id": "daughter", "event": {"kind": "receipt", "date": "2026-02-10", "receipt": "SRC2612345679"}},
		{"family_id": "`+other+`", "member_id": "husband", "event": {"kind": "receipt", "date": "2026-02-10", "receipt": "SRC2612345680"}}]}`)
	if code != 201 {
		t.Fatalf("bulk receipts: %d %v", code, out)
	}
	// An RFE with its printed due date; a typo in a key is refused.
	if code, out := worker.call("POST", base, "", `{"kind": "rfe", "date": "2026-09-01", "due_date": "2026-11-01"}`); code != 400 || !strings.Contains(out["error"].(string), "due_date") {
		t.Errorf("unknown key: %d %v", code, out)
	}
	if code, out := worker.call("POST", base, "", `{"kind": "rfe", "date": "2026-09-01", "due": "2026-11-02"}`); code != 201 || out["seq"].(float64) != 3 {
		t.Fatalf("rfe: %d %v", code, out)
	}
	code, out = worker.call("POST", base, "", `{"kind": "approved", "date": "2026-09-10"}`)
	if code != 422 || !strings.Contains(out["error"].(string), "approved") || !strings.Contains(out["error"].(string), "request for evidence") {
		t.Errorf("approval before the response: %d %v", code, out)
	}

	code, out = worker.call("GET", "/api/v1/families/"+fam+"/petitions?as_of=2026-09-02", "", "")
	ps := out["petitions"].([]any)
	if code != 200 || len(ps) != 2 {
		t.Fatalf("petitions: %d %v", code, out)
	}
	h := ps[0].(map[string]any)
	if h["member"] != "husband" || h["stage"] != "rfe_issued" || len(h["history"].([]any)) != 3 {
		t.Errorf("husband: %v", h)
	}
	due := h["due"].([]any)[0].(map[string]any)
	if due["date"] != "2026-11-02" || due["printed"] != true {
		t.Errorf("due: %v", due)
	}

	// The office's due list, and by assignee.
	code, out = worker.call("GET", "/api/v1/due?days=90&as_of=2026-09-02", "", "")
	items := out["items"].([]any)
	if code != 200 || len(items) != 1 || items[0].(map[string]any)["kind"] != "rfe_response" {
		t.Errorf("due: %d %v", code, out)
	}
	_, me := worker.call("GET", "/api/v1/me", "", "")
	uid := me["user"].(string)
	if code, out := worker.call("PUT", "/api/v1/families/"+fam+"/assignment", "", `{"caseworker_id": "`+uid+`", "attorney_id": ""}`); code != 200 {
		t.Errorf("assign: %d %v", code, out)
	}
	if code, out := worker.call("PUT", "/api/v1/families/"+fam+"/assignment", "", `{"caseworker_id": "", "attorney_id": "`+uid+`"}`); code != 422 {
		t.Errorf("a caseworker as attorney: %d %v", code, out)
	}
	if _, out := worker.call("GET", "/api/v1/families/"+fam+"/assignment", "", ""); out["caseworker_id"] != uid {
		t.Errorf("assignment: %v", out)
	}
	if _, out := worker.call("GET", "/api/v1/due?days=90&as_of=2026-09-02&assignee=nobody", "", ""); len(out["items"].([]any)) != 0 {
		t.Errorf("due for nobody: %v", out)
	}
	if code, _ := worker.call("GET", "/api/v1/due?days=-1", "", ""); code != 400 {
		t.Errorf("days=-1: %d", code)
	}

	// Another office sees none of it; a client reads but cannot write.
	west := apiClient{e, e.tokenFor(e.west.logins[store.RoleCaseworker])}
	if code, _ := west.call("GET", "/api/v1/families/"+fam+"/petitions", "", ""); code != 404 {
		t.Errorf("west reads east's petitions: %d", code)
	}
	if code, _ := west.call("POST", base, "", `{"kind": "response_sent", "date": "2026-09-20"}`); code != 404 {
		t.Errorf("west writes east's petition: %d", code)
	}
	if _, out := west.call("GET", "/api/v1/due?days=3000&as_of=2026-01-01", "", ""); strings.Contains(toJSON(out), fam) {
		t.Errorf("west's due list shows east: %v", out)
	}
}
