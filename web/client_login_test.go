package web

import (
	"database/sql"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
)

var clientLoginRE = regexp.MustCompile(`class="client-login">([a-z0-9-]+)<`)

// TestNoCrossOfficeLoginOracle: offices invite their clients without
// choosing logins (so no "login taken" can answer for another office's
// client), both invitations work, the client signs in with the login
// shown, and neither login is in the database file in clear.
func TestNoCrossOfficeLoginOracle(t *testing.T) {
	e := newEnv(t).withOffices()
	var logins []string
	for _, o := range []struct {
		admin  string
		family string
	}{{e.east.logins["caseworker"], e.east.other}, {e.west.logins["caseworker"], e.west.family}} {
		b := e.browser().login(o.admin)
		// A chosen login (a name) is ignored: there is nothing to be taken.
		p := b.post("/families/"+o.family+"/invite", url.Values{"login": {"selam.tesfaye"}})
		wantStatus(t, p, http.StatusOK)
		m := clientLoginRE.FindStringSubmatch(p.Body)
		if m == nil || strings.Contains(p.Body, "already taken") {
			t.Fatalf("no generated login on the page:\n%.2000s", p.Body)
		}
		logins = append(logins, m[1])
		link := linkIn(t, p.Body)
		c := e.browser()
		wantBody(t, c.get(link), m[1])
		wantStatus(t, c.post(link, url.Values{"password": {"a client passphrase"}}), http.StatusSeeOther)
		e.now = e.now.Add(5 * loginEvery)
		wantStatus(t, e.browser().post("/login", url.Values{"login": {strings.ToUpper(m[1])}, "password": {"a client passphrase"}}), http.StatusSeeOther)
	}
	if logins[0] == logins[1] {
		t.Error("two generated logins are the same")
	}
	admin := e.browser().login(e.east.logins["admin"])
	wantBody(t, admin.get("/users"), logins[0])
	e.st.Close()
	raw, err := os.ReadFile(e.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range append(logins, e.east.logins["client"]) {
		if strings.Contains(string(raw), l) {
			t.Errorf("client login %q is in the database file in clear", l)
		}
	}
	db, _ := sql.Open("sqlite", e.st.Path())
	defer db.Close()
	var clear int
	db.QueryRow(`SELECT COUNT(*) FROM users WHERE role = 'client' AND login NOT LIKE '~%'`).Scan(&clear)
	if clear != 0 {
		t.Errorf("%d client logins stored in clear", clear)
	}
}
