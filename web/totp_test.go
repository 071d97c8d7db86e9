package web

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

var secretRE = regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`)
var pendingRE = regexp.MustCompile(`name="pending" value="([^"]+)"`)

func code(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	c, err := totp.GenerateCodeCustom(secret, at, totpOpts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTwoStepSignIn(t *testing.T) {
	e := newEnv(t).withOffices()
	login := e.east.logins["caseworker"]
	b := e.browser().login(login)
	p := b.post("/account/totp/start", nil)
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, `<svg class="qr"`)
	m := secretRE.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no secret on the page:\n%.2000s", p.Body)
	}
	secret := m[1]
	p = b.post("/account/totp/enable", url.Values{"secret": {secret}, "code": {"000000"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	p = b.post("/account/totp/enable", url.Values{"secret": {secret}, "code": {code(t, secret, e.now)}})
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "Two-step sign-in is now on.")

	// The password alone now leads to the code page, not to a session.
	e.now = e.now.Add(time.Minute)
	c := e.browser()
	p = c.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	wantStatus(t, p, http.StatusOK)
	pending := pendingRE.FindStringSubmatch(p.Body)
	if pending == nil {
		t.Fatalf("no code page:\n%.1500s", p.Body)
	}
	wantStatus(t, c.get("/families"), http.StatusSeeOther)
	wantStatus(t, c.post("/login/code", url.Values{"pending": {pending[1]}, "code": {"123456"}}), http.StatusUnauthorized)
	good := code(t, secret, e.now)
	wantStatus(t, c.post("/login/code", url.Values{"pending": {pending[1]}, "code": {good}}), http.StatusSeeOther)
	wantStatus(t, c.get("/families"), http.StatusOK)

	// The same code cannot be used twice.
	d := e.browser()
	p = d.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	pending = pendingRE.FindStringSubmatch(p.Body)
	wantStatus(t, d.post("/login/code", url.Values{"pending": {pending[1]}, "code": {good}}), http.StatusUnauthorized)

	// A pending sign-in expires.
	e.now = e.now.Add(6 * time.Minute)
	wantStatus(t, d.post("/login/code", url.Values{"pending": {pending[1]}, "code": {code(t, secret, e.now)}}), http.StatusUnauthorized)
}

func TestTwoStepCodesCountTowardsLockout(t *testing.T) {
	e := newEnv(t).withOffices()
	login := e.east.logins["representative"]
	b := e.browser().login(login)
	m := secretRE.FindStringSubmatch(b.post("/account/totp/start", nil).Body)
	secret := m[1]
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {secret}, "code": {code(t, secret, e.now)}}), http.StatusOK)
	e.now = e.now.Add(time.Minute)
	c := e.browser()
	p := c.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	pending := pendingRE.FindStringSubmatch(p.Body)[1]
	for range 5 {
		c.post("/login/code", url.Values{"pending": {pending}, "code": {"999999"}})
	}
	p = c.post("/login/code", url.Values{"pending": {pending}, "code": {code(t, secret, e.now)}})
	wantStatus(t, p, http.StatusTooManyRequests)
	wantBody(t, p, "locked")

	// The owner turns it off with a code from the app.
	e.now = e.now.Add(20 * time.Minute)
	b = e.browser()
	p = b.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	pending = pendingRE.FindStringSubmatch(p.Body)[1]
	wantStatus(t, b.post("/login/code", url.Values{"pending": {pending}, "code": {code(t, secret, e.now)}}), http.StatusSeeOther)
	e.now = e.now.Add(30 * time.Second)
	wantStatus(t, b.post("/account/totp/disable", url.Values{"code": {"111111"}}), http.StatusUnprocessableEntity)
	p = b.post("/account/totp/disable", url.Values{"code": {code(t, secret, e.now)}})
	wantStatus(t, p, http.StatusOK)
	wantBody(t, p, "now off")
	e.now = e.now.Add(time.Minute)
	e.browser().login(login) // the password alone is enough again
}

// TestTOTPEnableCodeUsedOnce checks that the code that turned the second
// factor on cannot sign in again: it was seen, and is used.
func TestTOTPEnableCodeUsedOnce(t *testing.T) {
	e := newEnv(t).withOffices()
	login := e.east.logins["caseworker"]
	b := e.browser().login(login)
	secret := secretRE.FindStringSubmatch(b.post("/account/totp/start", nil).Body)[1]
	used := code(t, secret, e.now)
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {secret}, "code": {used}}), http.StatusOK)
	c := e.browser()
	p := c.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	pending := pendingRE.FindStringSubmatch(p.Body)[1]
	wantStatus(t, c.post("/login/code", url.Values{"pending": {pending}, "code": {used}}), http.StatusUnauthorized)
	e.now = e.now.Add(totpPeriod * time.Second)
	wantStatus(t, c.post("/login/code", url.Values{"pending": {pending}, "code": {code(t, secret, e.now)}}), http.StatusSeeOther)
}

// TestTOTPReplaceNeedsCurrentCode: with a second factor on, a session
// alone cannot put a new secret in its place; a code of the current one
// can.
func TestTOTPReplaceNeedsCurrentCode(t *testing.T) {
	e := newEnv(t).withOffices()
	b := e.browser().login(e.east.logins["representative"])
	first := secretRE.FindStringSubmatch(b.post("/account/totp/start", nil).Body)[1]
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {first}, "code": {code(t, first, e.now)}}), http.StatusOK)
	e.now = e.now.Add(time.Minute)
	p := b.post("/account/totp/start", nil)
	wantBody(t, p, "Code from the app you use now")
	second := secretRE.FindStringSubmatch(p.Body)[1]
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {second}, "code": {code(t, second, e.now)}}), http.StatusUnprocessableEntity)
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {second}, "code": {code(t, second, e.now)}, "current": {"000000"}}), http.StatusUnprocessableEntity)
	if s, _, _, _ := e.st.TOTP(t.Context(), e.east.rep.UserID()); s != first {
		t.Fatal("the secret was replaced without a current code")
	}
	wantStatus(t, b.post("/account/totp/enable", url.Values{"secret": {second}, "code": {code(t, second, e.now)}, "current": {code(t, first, e.now)}}), http.StatusOK)
	if s, _, _, _ := e.st.TOTP(t.Context(), e.east.rep.UserID()); s != second {
		t.Error("the secret was not replaced with a current code")
	}
}
