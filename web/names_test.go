package web

import (
	"net/http"
	"net/url"
	"testing"
)

// TestBidiControlsRefusedInNames: a right-to-left override typed into a
// name (a new family, a colleague's name) is refused with a message at the
// field, and nothing is saved; an Arabic name without controls is fine.
func TestBidiControlsRefusedInNames(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["admin"])
	p := b.post("/families/new", url.Values{"given": {"\u202eSelam"}, "family": {"Tesfaye"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "invisible direction mark")
	p = b.post("/users", url.Values{"login": {"new.worker"}, "name": {"Ma\u2067ria"}, "role": {"caseworker"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "invisible direction mark")
	wantStatus(t, b.post("/families/new", url.Values{"given": {"سلام"}, "family": {"تسفاي"}}), http.StatusSeeOther)
}
