package web

import (
	"strings"
	"testing"

	"github.com/reunite/reunite/store"
)

// TestAPIDocuments: an office script uploads a photo for the husband (API
// tokens are staff's); a renamed program is refused by name; the document
// is checked; the checklist counts it; another office sees nothing.
func TestAPIDocuments(t *testing.T) {
	e := newEnv(t).withOffices()
	client := apiClient{e, e.tokenFor(e.east.logins[store.RoleRepresentative])}
	worker := apiClient{e, e.tokenFor(e.east.logins[store.RoleCaseworker])}
	west := apiClient{e, e.tokenFor(e.west.logins[store.RoleCaseworker])}
	base := "/api/v1/families/" + e.east.family

	code, out := client.send("POST", base+"/documents?member=husband&kind=photo&name=dawit.jpg", "", "application/octet-stream", testPhoto(t))
	if code != 201 || out["kind"] != "photo" || out["content_type"] != "image/jpeg" || out["status"] != "received" {
		t.Fatalf("upload: %d %v", code, out)
	}
	id := out["id"].(string)
	code, out = client.send("POST", base+"/documents?member=husband&kind=photo&name=photo.jpg", "", "application/octet-stream", "\x7fELF\x02\x01\x01"+strings.Repeat("\x00", 64))
	if code != 422 || !strings.HasPrefix(out["error"].(string), "photo.jpg: ") {
		t.Errorf("renamed program: %d %v", code, out)
	}
	code, out = worker.call("PUT", base+"/documents/"+id+"/status", "", `{"status": "checked"}`)
	if code != 200 || out["status"] != "checked" || out["checked_by"] != e.east.worker.UserID() {
		t.Errorf("staff checks: %d %v", code, out)
	}
	code, out = worker.call("PUT", base+"/documents/"+id+"/status", "", `{"status": "approved"}`)
	if code != 422 {
		t.Errorf("unknown status: %d %v", code, out)
	}
	code, out = client.call("GET", base+"/documents", "", "")
	if code != 200 || len(out["documents"].([]any)) != 1 {
		t.Errorf("list: %d %v", code, out)
	}
	code, out = worker.call("GET", base+"/checklist", "", "")
	if code != 200 {
		t.Fatalf("checklist: %d %v", code, out)
	}
	for _, r := range out["relatives"].([]any) {
		rel := r.(map[string]any)
		if rel["member"] == "husband" && rel["have"].(float64) != 1 {
			t.Errorf("husband's checklist: %v", rel)
		}
	}
	if code, _ := west.call("GET", base+"/documents", "", ""); code != 404 {
		t.Errorf("another office lists the documents: %d", code)
	}
	if code, _ := west.call("PUT", base+"/documents/"+id+"/status", "", `{"status": "needed"}`); code != 404 {
		t.Errorf("another office changes a document: %d", code)
	}
}
