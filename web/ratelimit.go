package web

import (
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ipLimiter limits sign-in attempts per client address (a token bucket
// each), on top of the per-login lockout: the lockout stops guessing one
// account's password, this stops one address from trying many accounts.
type ipLimiter struct {
	now   func() time.Time
	every time.Duration // one request per every, after burst at once
	burst int
	mu    sync.Mutex
	m     map[string]*ipEntry
}

type ipEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

// Ten attempts at once, then one every six seconds.
const (
	loginBurst = 10
	loginEvery = 6 * time.Second
	forgetIP   = 30 * time.Minute
)

func newIPLimiter(now func() time.Time) *ipLimiter {
	return newRateLimiter(now, loginEvery, loginBurst)
}

// newRateLimiter is a per-address limit of burst requests at once, then
// one every every (the calendar feeds have theirs).
func newRateLimiter(now func() time.Time, every time.Duration, burst int) *ipLimiter {
	return &ipLimiter{now: now, every: every, burst: burst, m: map[string]*ipEntry{}}
}

func (l *ipLimiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.m) > 10000 { // forget idle addresses so the map stays bounded
		for k, e := range l.m {
			if now.Sub(e.seen) > forgetIP {
				delete(l.m, k)
			}
		}
	}
	e, ok := l.m[ip]
	if !ok {
		e = &ipEntry{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.m[ip] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
}

// clientIP is the address the request came from; behind a trusted proxy,
// the last address the proxy appended to X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	if r.Header.Get("X-Forwarded-For") != "" {
		s.proxyWarning.Do(func() {
			s.log.Warn("requests come through a proxy but --behind-proxy is off: every user shares one sign-in limit and cookies are not marked Secure")
		})
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
