package web

import (
	"database/sql"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"
)

// TestConcurrentWrongPasswordsStopAtTheLimit sends ten wrong passwords at
// once (the address's whole burst) with a real argon2 cost, so that every
// guess is in flight while the others are checked. Only LockAfter of them
// may reach the password check; the rest are refused as locked.
func TestConcurrentWrongPasswordsStopAtTheLimit(t *testing.T) {
	e := newEnvWith(t, func(c *Config) { c.Argon2 = DefaultArgon2 }).withOffices()
	login := e.east.logins["caseworker"]
	var wg sync.WaitGroup
	start := make(chan struct{})
	codes := make(chan int, loginBurst)
	for i := range loginBurst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			p := e.browser().post("/login", url.Values{"login": {login}, "password": {"wrong password " + string(rune('a'+i))}})
			codes <- p.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	checked := 0
	for c := range codes {
		if c == http.StatusUnauthorized {
			checked++
		}
	}
	if checked != 5 {
		t.Errorf("%d of %d concurrent wrong passwords were checked, want 5", checked, loginBurst)
	}
}

// TestLockedFromOneAddressOnly: guesses from one address lock the login
// for that address; the user signs in from another.
func TestLockedFromOneAddressOnly(t *testing.T) {
	e := newEnvWith(t, func(c *Config) { c.TrustProxy = true }).withOffices()
	login := e.east.logins["caseworker"]
	attacker := e.browser()
	attacker.header = http.Header{"X-Forwarded-For": {"203.0.113.9"}}
	for range 6 {
		attacker.post("/login", url.Values{"login": {login}, "password": {"wrong password"}})
	}
	p := attacker.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	wantStatus(t, p, http.StatusTooManyRequests)
	user := e.browser()
	user.header = http.Header{"X-Forwarded-For": {"192.0.2.1"}}
	user.login(login)
}

// TestLockedOutWaysBackIn: an admin lifts the lock, or a reset link signs
// the user in and lifts it too.
func TestLockedOutWaysBackIn(t *testing.T) {
	e := newEnvWith(t, func(c *Config) { c.LockGlobal = 5 }).withOffices()
	login := e.east.logins["caseworker"]
	lockOut := func() {
		e.now = e.now.Add(2 * time.Minute) // the per-address rate limit refills
		for range 5 {
			e.browser().post("/login", url.Values{"login": {login}, "password": {"wrong password"}})
		}
		wantStatus(t, e.browser().post("/login", url.Values{"login": {login}, "password": {testPassword}}), http.StatusTooManyRequests)
	}
	lockOut()
	admin := e.browser().login(e.east.logins["admin"])
	wantStatus(t, admin.post("/users/"+e.east.worker.UserID()+"/unlock", nil), http.StatusSeeOther)
	e.browser().login(login)

	lockOut()
	p := admin.post("/users/"+e.east.worker.UserID()+"/reset", nil)
	link := linkIn(t, p.Body)
	b := e.browser()
	wantStatus(t, b.post(link, url.Values{"password": {"a new password 123"}}), http.StatusSeeOther)
	wantStatus(t, b.get("/families"), http.StatusOK)
	wantStatus(t, e.browser().post("/login", url.Values{"login": {login}, "password": {"a new password 123"}}), http.StatusSeeOther)
}

// TestSignInsAndRefusalsAudited: a sign-in, a wrong password, an unknown
// login and a page refused to a client are all in the audit log.
func TestSignInsAndRefusalsAudited(t *testing.T) {
	e := newEnv(t).withOffices()
	e.browser().post("/login", url.Values{"login": {e.east.logins["caseworker"]}, "password": {"wrong password"}})
	e.browser().post("/login", url.Values{"login": {"nobody"}, "password": {"wrong password"}})
	c := e.browser().login(e.east.logins["client"])
	wantStatus(t, c.get("/families"), http.StatusForbidden)
	wantStatus(t, c.get("/families/"+e.east.other), http.StatusNotFound)
	db, err := sql.Open("sqlite", e.st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(where string, args ...any) int {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM audit_log WHERE `+where, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`action = 'signin.refused' AND detail = 'password' AND actor_id = ?`, e.east.worker.UserID()); n != 1 {
		t.Errorf("%d refused sign-ins of the caseworker audited, want 1", n)
	}
	if n := count(`action = 'signin.refused' AND actor_id = ''`); n != 1 {
		t.Errorf("%d refused sign-ins of an unknown login audited, want 1", n)
	}
	if n := count(`action = 'signin' AND actor_id = ?`, e.east.client.UserID()); n != 1 {
		t.Errorf("%d sign-ins of the client audited, want 1", n)
	}
	if n := count(`action = 'access.refused' AND actor_id = ? AND detail = 'GET /families'`, e.east.client.UserID()); n != 1 {
		t.Errorf("%d refusals of the office view audited, want 1", n)
	}
	if n := count(`action = 'access.refused' AND actor_id = ? AND family_id = ?`, e.east.client.UserID(), e.east.other); n != 1 {
		t.Errorf("%d refusals of another family audited, want 1", n)
	}
}

// TestLoginCodeRateLimitPerAddress: the second step's page has the same
// per-address limit as the password's, pending sign-in or not.
func TestLoginCodeRateLimitPerAddress(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	limited := false
	for range loginBurst + 2 {
		if b.post("/login/code", url.Values{"pending": {"guess"}, "code": {"123456"}}).StatusCode == http.StatusTooManyRequests {
			limited = true
		}
	}
	if !limited {
		t.Errorf("%d codes from one address were never slowed down", loginBurst+2)
	}
}
