package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/reunite/reunite/store"
)

// TestDashboardLogsOneRead: a caseworker's dashboard reads the case file,
// the documents, the petitions' events and the relatives' logs, and the
// family's log gets one entry naming them all (store.GatherReads), before
// the page is sent.
func TestDashboardLogsOneRead(t *testing.T) {
	e := newEnv(t).withOffices()
	reads := func() []string {
		t.Helper()
		log, err := e.st.AuditLog(context.Background(), e.east.admin, e.east.family)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, en := range log {
			if en.Action == store.ActionFamilyRead {
				out = append(out, en.Detail)
			}
		}
		return out
	}
	before := len(reads())
	b := e.browser().login(e.east.logins[store.RoleCaseworker])
	wantStatus(t, b.get("/families/"+e.east.family), http.StatusOK)
	got := reads()[before:]
	if want := "latest; documents; petition events; relative logs"; len(got) != 1 || got[0] != want {
		t.Errorf("the dashboard logged %q, want one entry: %q", got, want)
	}
}
