package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTokenNeedsPasswordAndEndsWithSessions: a session alone mints no
// token; a token stops with sign-out everywhere, with a password reset,
// and when it expires.
func TestTokenNeedsPasswordAndEndsWithSessions(t *testing.T) {
	e := newEnv(t).withOffices()
	login := e.east.logins["caseworker"]
	b := e.browser().login(login)
	p := b.post("/tokens", url.Values{"name": {"stolen session"}})
	wantStatus(t, p, http.StatusUnauthorized)
	if tokenRE.MatchString(p.Body) {
		t.Fatal("a token was made without the password")
	}
	wantStatus(t, b.post("/tokens", url.Values{"name": {"guess"}, "password": {"not my password"}}), http.StatusUnauthorized)

	works := func(tok string) bool {
		code, _ := apiClient{e, tok}.call("GET", "/api/v1/me", "", "")
		return code == http.StatusOK
	}
	tok := e.tokenFor(login)
	if !works(tok) {
		t.Fatal("a new token does not work")
	}
	wantStatus(t, e.browser().login(login).post("/logout/all", nil), http.StatusSeeOther)
	if works(tok) {
		t.Error("a token survived sign-out everywhere")
	}

	tok = e.tokenFor(login)
	admin := e.browser().login(e.east.logins["admin"])
	link := linkIn(t, admin.post("/users/"+e.east.worker.UserID()+"/reset", nil).Body)
	wantStatus(t, e.browser().post(link, url.Values{"password": {"another passphrase 1"}}), http.StatusSeeOther)
	if works(tok) {
		t.Error("a token survived a password reset")
	}

	b = e.browser()
	wantStatus(t, b.post("/login", url.Values{"login": {login}, "password": {"another passphrase 1"}}), http.StatusSeeOther)
	p = b.post("/tokens", url.Values{"name": {"script"}, "password": {"another passphrase 1"}})
	tok = tokenRE.FindString(p.Body)
	if !works(tok) {
		t.Fatal("a token made with the new password does not work")
	}
	e.now = e.now.Add(tokenTTL + time.Hour)
	if works(tok) {
		t.Error("a token works after it expired")
	}
}

// TestLinksUseTheBaseURL: an invitation link starts with the configured
// address, not with the Host header of the admin's request.
func TestLinksUseTheBaseURL(t *testing.T) {
	e := newEnv(t).withOffices()
	admin := e.browser().login(e.east.logins["admin"])
	req, _ := http.NewRequest("POST", e.srv.URL+"/users/"+e.east.worker.UserID()+"/reset", nil)
	req.Host = "evil.example"
	for _, c := range admin.c.Jar.Cookies(mustURL(e.srv.URL)) {
		req.AddCookie(c)
	}
	p := admin.do(req)
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.Body, "evil.example") || !strings.Contains(p.Body, testBaseURL+"/link/") {
		t.Errorf("the link does not start with %s:\n%.1500s", testBaseURL, p.Body)
	}
	for _, bad := range []string{"", "reunite.org", "ftp://x", "https://x/path", "https://x/?q=1"} {
		if _, err := CheckBaseURL(bad); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
}
