package web

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
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
