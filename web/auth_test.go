package web

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/reunite/reunite"
)

func TestFirstStartSetup(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	wantStatus(t, b.get("/setup/wrong"), http.StatusNotFound)
	p := b.get("/setup/setup-secret")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, `name="org"`, `name="password"`)

	p = b.post("/setup/setup-secret", url.Values{"org": {"Legal Aid"}, "name": {"Amina"}, "login": {"amina"}, "password": {"short"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantBody(t, p, "too short")

	p = b.post("/setup/setup-secret", url.Values{"org": {"Legal Aid"}, "name": {"Amina"}, "login": {"amina"}, "password": {testPassword}})
	wantStatus(t, p, http.StatusSeeOther)
	wantStatus(t, b.get("/users"), http.StatusOK)

	// The link works once: with a user in the database it is gone.
	wantStatus(t, e.browser().get("/setup/setup-secret"), http.StatusNotFound)
	wantStatus(t, e.browser().post("/setup/setup-secret", url.Values{"org": {"X"}, "name": {"X"}, "login": {"x"}, "password": {testPassword}}), http.StatusNotFound)
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t)
	p := e.browser().get("/login")
	wantStatus(t, p, http.StatusOK)
	for h, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"Referrer-Policy":         "no-referrer",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
	} {
		if got := p.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q in it", h, got, want)
		}
	}
	if csp := p.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "script-src") {
		t.Errorf("CSP allows scripts: %s", csp)
	}
	if strings.Contains(p.Body, "<script") || strings.Contains(p.Body, "style=") {
		t.Error("the page has an inline script or style, which the CSP would block")
	}
}

func TestLoginLogoutAndSessions(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser()
	wantStatus(t, b.get("/families"), http.StatusSeeOther) // not signed in
	b.login(e.east.logins["caseworker"])
	var cookie *http.Cookie
	for _, c := range b.c.Jar.Cookies(mustURL(e.srv.URL)) {
		if c.Name == sessionCookie {
			cookie = c
		}
	}
	if cookie == nil {
		t.Fatal("no session cookie")
	}
	p := b.get("/families")
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "Selam Tesfaye", "Ada Okonkwo")

	// Sign out ends the session on the server, not only in the browser.
	wantStatus(t, b.post("/logout", nil), http.StatusSeeOther)
	replay := e.browser()
	replay.c.Jar.SetCookies(mustURL(e.srv.URL), []*http.Cookie{{Name: sessionCookie, Value: cookie.Value}})
	wantStatus(t, replay.get("/families"), http.StatusSeeOther)

	// Idle timeout.
	b.login(e.east.logins["caseworker"])
	e.now = e.now.Add(31 * time.Minute)
	wantStatus(t, b.get("/families"), http.StatusSeeOther)
	e.now = testNow

	// Sign out everywhere ends the other devices' sessions too.
	phone, laptop := e.browser().login(e.east.logins["caseworker"]), e.browser().login(e.east.logins["caseworker"])
	wantStatus(t, phone.post("/logout/all", nil), http.StatusSeeOther)
	wantStatus(t, laptop.get("/families"), http.StatusSeeOther)
}

func TestLoginLockout(t *testing.T) {
	e := newEnv(t).withOffices()
	login := e.east.logins["caseworker"]
	b := e.browser()
	for i := range 5 {
		p := b.post("/login", url.Values{"login": {login}, "password": {"wrong password " + string(rune('a'+i))}})
		wantStatus(t, p, http.StatusUnauthorized)
	}
	// Locked: even the right password is refused, and says so.
	p := b.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	wantStatus(t, p, http.StatusTooManyRequests)
	wantBody(t, p, "locked")
	// Another account is not affected.
	e.browser().login(e.east.logins["representative"])
	// After the lockout, the right password works.
	e.now = e.now.Add(16 * time.Minute)
	e.browser().login(login)
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	limited := false
	for i := range loginBurst + 2 {
		p := b.post("/login", url.Values{"login": {"user" + string(rune('a'+i))}, "password": {"x"}})
		if p.StatusCode == http.StatusTooManyRequests {
			limited = true
		}
	}
	if !limited {
		t.Errorf("%d sign-ins from one address were never slowed down", loginBurst+2)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	req, _ := http.NewRequest("POST", e.srv.URL+"/families/new", strings.NewReader("given=A&family=B"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	wantStatus(t, b.do(req), http.StatusForbidden)
	req, _ = http.NewRequest("POST", e.srv.URL+"/families/new", strings.NewReader("given=A&family=B"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	wantStatus(t, b.do(req), http.StatusForbidden)
}

func TestInvitationAndReset(t *testing.T) {
	e := newEnv(t).withOffices()
	admin := e.browser().login(e.east.logins["admin"])
	p := admin.post("/users", url.Values{"login": {"noor"}, "name": {"Noor"}, "role": {"caseworker"}})
	wantStatus(t, p, http.StatusOK)
	link := linkIn(t, p.Body)
	nb := e.browser()
	p = nb.get(link)
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "noor")
	wantStatus(t, nb.post(link, url.Values{"password": {testPassword}}), http.StatusSeeOther)
	wantStatus(t, nb.get("/families"), http.StatusOK)
	wantStatus(t, e.browser().get(link), http.StatusNotFound) // used

	// A caseworker invites the principal of a family as a client.
	cw := e.browser().login(e.east.logins["caseworker"])
	p = cw.post("/families/"+e.east.other+"/invite", url.Values{"login": {"ada"}})
	wantStatus(t, p, http.StatusOK)
	ada := e.browser()
	wantStatus(t, ada.post(linkIn(t, p.Body), url.Values{"password": {testPassword}}), http.StatusSeeOther)
	wantStatus(t, ada.get("/families/"+e.east.other), http.StatusOK)
	wantStatus(t, ada.get("/families/"+e.east.family), http.StatusNotFound)
	wantStatus(t, ada.get("/families"), http.StatusForbidden)
}

// linkIn finds the one-time link shown on a page and returns its path.
func linkIn(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, "/link/")
	if i < 0 {
		t.Fatalf("no link on the page:\n%.2000s", body)
	}
	j := strings.IndexAny(body[i:], "<\" ")
	return body[i : i+j]
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["caseworker"])
	// Busy all day, never idle for 30 minutes: still signed out after 12 hours.
	for elapsed := time.Duration(0); elapsed < 11*time.Hour+40*time.Minute; elapsed += 20 * time.Minute {
		e.now = testNow.Add(elapsed)
		wantStatus(t, b.get("/families"), http.StatusOK)
	}
	e.now = testNow.Add(12*time.Hour + time.Minute)
	wantStatus(t, b.get("/families"), http.StatusSeeOther)
}

func TestPasswordResetByAdmin(t *testing.T) {
	e := newEnv(t).withOffices()
	worker := e.browser().login(e.east.logins["caseworker"])
	admin := e.browser().login(e.east.logins["admin"])
	p := admin.post("/users/"+e.east.worker.UserID()+"/reset", nil)
	wantStatus(t, p, http.StatusOK)
	link := linkIn(t, p.Body)
	nb := e.browser()
	wantBody(t, nb.get(link), "Choose a new password", e.east.logins["caseworker"])
	wantStatus(t, nb.post(link, url.Values{"password": {"a brand new passphrase"}}), http.StatusSeeOther)
	// The reset ended the sessions the user had elsewhere, and the old
	// password no longer works.
	wantStatus(t, worker.get("/families"), http.StatusSeeOther)
	p = e.browser().post("/login", url.Values{"login": {e.east.logins["caseworker"]}, "password": {testPassword}})
	wantStatus(t, p, http.StatusUnauthorized)
	wantStatus(t, nb.get("/families"), http.StatusOK)
}

func TestAdminDisablesUser(t *testing.T) {
	e := newEnv(t).withOffices()
	worker := e.browser().login(e.east.logins["caseworker"])
	admin := e.browser().login(e.east.logins["admin"])
	wantStatus(t, admin.post("/users/"+e.east.worker.UserID()+"/disable", nil), http.StatusSeeOther)
	wantBody(t, admin.get("/users"), "disabled")
	// The session ends at once, and the password no longer signs in.
	wantStatus(t, worker.get("/families"), http.StatusSeeOther)
	p := e.browser().post("/login", url.Values{"login": {e.east.logins["caseworker"]}, "password": {testPassword}})
	wantStatus(t, p, http.StatusUnauthorized)
}

// TestNothingSensitiveLogged makes requests that carry secrets and names
// and checks that the server's log holds none of them.
func TestNothingSensitiveLogged(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvWith(t, func(c *Config) { c.Log = slog.New(slog.NewTextHandler(&logs, nil)) }).withOffices()
	b := e.browser()
	b.get("/setup/setup-secret")
	b.get("/link/a-secret-link-token")
	b.post("/login", url.Values{"login": {"selam-the-user"}, "password": {"my secret password"}})
	b.login(e.east.logins["caseworker"])
	b.post("/families", url.Values{"q": {"Tesfaye"}})
	b.post("/families/new", url.Values{"given": {"Amina"}, "family": {"Yusuf"}})
	out := logs.String()
	if !strings.Contains(out, "/link/REDACTED") {
		t.Errorf("no redacted link in the log:\n%s", out)
	}
	for _, secret := range []string{"setup-secret", "a-secret-link-token", "selam-the-user", "my secret password",
		testPassword, "Tesfaye", "Amina", "Yusuf", sessionCookie + "="} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
}

// TestRefusedCaseFileNotLogged checks that a case file the store refuses is
// answered 422 and kept out of the log: the store's problems quote the
// values at fault, such as an A-Number.
func TestRefusedCaseFileNotLogged(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvWith(t, func(c *Config) { c.Log = slog.New(slog.NewTextHandler(&logs, nil)) })
	var ve reunite.ValidationError
	ve.Add("principal.a_number", "%q is not an A-Number", "A99-SECRET")
	w := httptest.NewRecorder()
	e.app.storeError(w, httptest.NewRequest("POST", "/families/f1/intake/principal", nil), fmt.Errorf("store.UpdateFamily(f1): %w", &ve))
	if w.Code != http.StatusUnprocessableEntity {
		t.Errorf("status %d, want 422", w.Code)
	}
	if strings.Contains(logs.String(), "A99-SECRET") {
		t.Errorf("the log holds the refused value:\n%s", logs.String())
	}
}
