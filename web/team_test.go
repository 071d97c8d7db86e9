package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite/store"
)

// TestTasksJoinNeedsAction: a task with a due day and an assignee, added
// on the family's tasks page, is in the office's "needs action" list
// (without its title, which stays on the family's page) until it is done.
func TestTasksJoinNeedsAction(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins[store.RoleCaseworker])
	fam := "/families/" + e.east.family
	p := b.post(fam+"/tasks", url.Values{"title": {"Ask Ruth for the school record"}, "member": {"daughter"},
		"due": {"2026-03-10"}, "assignee": {e.east.worker.UserID()}})
	wantStatus(t, p, http.StatusSeeOther)
	p = b.get(fam + "/tasks")
	wantBody(t, p, "Ask Ruth for the school record", "Ruth Haile", "10 March 2026", "caseworker")
	p = b.get("/due?days=30&assignee=" + e.east.worker.UserID())
	wantBody(t, p, "Task due", fam+"/tasks", "10 March 2026")
	if strings.Contains(p.Body, "school record") {
		t.Error("the needs action list shows a task's title")
	}
	if p := b.get("/due?days=30&assignee=" + e.east.rep.UserID()); strings.Contains(p.Body, "Task due") {
		t.Error("the task is listed for someone else")
	}
	// A refused task names the field and keeps nothing.
	p = b.post(fam+"/tasks", url.Values{"title": {"x"}, "due": {"2026-02-30"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "due:")
	id := regexp.MustCompile(`/tasks/(t[a-z0-9]+)/done`).FindStringSubmatch(b.get(fam + "/tasks").Body)
	if id == nil {
		t.Fatal("no button to complete the task")
	}
	wantStatus(t, b.post(fam+"/tasks/"+id[1]+"/done", nil), http.StatusSeeOther)
	if p := b.get("/due?days=30"); strings.Contains(p.Body, "Task due") {
		t.Error("a done task is still in the needs action list")
	}
}

// TestPartnerReadShare: with a read share the partner reads the notes but
// cannot add one; a caseworker of the family's office cannot share.
func TestPartnerReadShare(t *testing.T) {
	e := newEnv(t).withOffices()
	ctx := t.Context()
	if _, err := e.st.AddNote(ctx, e.east.worker, e.east.family, "husband", "Dawit called from Kampala"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ShareFamily(ctx, e.east.admin, store.NewShare{FamilyID: e.east.family, PartnerOrgID: e.west.admin.OrgID(),
		Access: store.AccessRead, ExpiresAt: e.now.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	fam := "/families/" + e.east.family
	partner := e.browser().login(e.west.logins[store.RoleRepresentative])
	wantBody(t, partner.get(fam), "This family is shared with your office.", "Dawit Haile", "Ruth Haile", "You can read, not add notes")
	p := partner.get(fam + "/notes")
	wantBody(t, p, "Dawit called from Kampala", "This family is shared with your office to read")
	if strings.Contains(p.Body, `id="add-note"`) {
		t.Error("a read share offers the note form")
	}
	wantStatus(t, partner.post(fam+"/notes", url.Values{"text": {"x"}}), http.StatusForbidden)
	// A mention of a colleague is in their list of mentions, with the family.
	worker0 := e.browser().login(e.east.logins[store.RoleCaseworker])
	wantStatus(t, worker0.post(fam+"/notes", url.Values{"member": {"daughter"}, "text": {"@east-admin Ruth's school record came"}}), http.StatusSeeOther)
	admin := e.browser().login(e.east.logins[store.RoleAdmin])
	p = admin.get("/mentions")
	wantBody(t, p, "caseworker mentioned you", "Selam Tesfaye", fam+"/notes#thread-daughter")
	if strings.Contains(p.Body, "school record") {
		t.Error("the mentions list shows a note's text")
	}
	wantStatus(t, partner.get(fam+"/activity"), http.StatusNotFound)
	wantStatus(t, partner.get(fam+"/shares"), http.StatusNotFound)
	wantStatus(t, partner.get(fam+"/status"), http.StatusNotFound)
	wantStatus(t, partner.get(fam+"/intake/principal"), http.StatusNotFound)
	wantStatus(t, partner.post(fam+"/intake/status", url.Values{"version": {"1"}}), http.StatusNotFound)
	// The partner's own office list does not take in the shared family.
	if p := partner.get("/families"); strings.Contains(p.Body, "Tesfaye") {
		t.Error("the partner's office list shows the shared family")
	}

	worker := e.browser().login(e.east.logins[store.RoleCaseworker])
	p = worker.get(fam + "/shares")
	wantBody(t, p, "west", "Only an administrator or a representative")
	if strings.Contains(p.Body, `id="share"`) {
		t.Error("a caseworker is offered the share form")
	}
}
