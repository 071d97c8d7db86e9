package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/reunite/reunite/i18n"
	"github.com/reunite/reunite/law"
	"github.com/reunite/reunite/letters"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web/api"
)

// Config is what the web application needs from the command that runs it.
type Config struct {
	Store *store.Store
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Log receives one line per request and server-side failures.
	Log *slog.Logger
	// SecureCookies marks cookies Secure: set it when users reach the
	// server over HTTPS (directly or through a reverse proxy).
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For (set by the
	// office's reverse proxy) for the per-address sign-in limit.
	TrustProxy bool
	// BaseURL is where users reach the application ("https://host", no
	// trailing slash); the links the application hands out start with it.
	BaseURL string
	// SetupToken opens the one-time first-admin page while the database
	// has no users. Empty disables it.
	SetupToken string
	// IdleTimeout and MaxSession end sessions unused for a while, and all
	// sessions after a working day, whatever their use.
	IdleTimeout, MaxSession time.Duration
	// LockAfter failed sign-ins in a row of one login from one address
	// lock that login for that address for LockFor; LockGlobal failures
	// from all addresses together lock it everywhere.
	LockAfter  int
	LockGlobal int
	LockFor    time.Duration
	// Argon2 is the password hashing cost; zero means DefaultArgon2.
	Argon2 Argon2
	// Packet builds the mail-ready packet (NewPacketBuilder); nil when the
	// blank form or Chromium is missing, and the dashboard then offers the
	// case file only.
	Packet PacketFunc
	// Dossier prints a family's dossier for the legal team
	// (NewBuilders); nil turns the dossier off.
	Dossier DossierFunc
	// PacketWorkDir is where packets are built before they are zipped
	// (PacketWorkDir); "" means the system's temporary folder.
	PacketWorkDir string
	// Notices are the policy notices shown next to the relatives they
	// reach and filtered on in the office view; nil means the shipped ones.
	Notices *policy.Book
	// Printer prints the expedite letter and declarations (forms.Chromium,
	// see NewLetterPrinter); nil serves them as HTML to print from the
	// browser.
	Printer letters.Printer
	// Risk are the office's settings for the relatives' warnings; zero
	// means risk.DefaultRules. Give the store the same (store.Options.Risk).
	Risk risk.Rules
	// MailOn says that a mail server is configured for reminders; the
	// reminders page says so when it is not.
	MailOn bool
	// Turns is how many pages are computed at once, the others waiting
	// for their turn (turns.go): 0 chooses (one per core on SQLite), a
	// negative number means no limit.
	Turns int
}

// Server is the web application.
type Server struct {
	cfg      Config
	st       *store.Store
	now      func() time.Time
	log      *slog.Logger
	langs    map[string]*i18n.Lang
	langList []*i18n.Lang
	lawMsgs  map[string]map[string]string // law engine catalogs by language; nil means English
	notices  noticeCache
	answers  answerStates // the intake's state per version (answer_states.go)
	pages    map[string]*template.Template
	chrome   *chrome // the layout's parts, prepared (chrome.go)
	limiter  *ipLimiter
	turns    *turns   // pages computed at once (turns.go)
	patterns []string // every route, for the authorization test
	// pagePatterns are the routes computed in turns, for its test.
	pagePatterns []string
	api          *api.API
	pending      pendingLogins // sign-ins awaiting their second factor

	setupMu      sync.Mutex // one first-admin setup at a time
	proxyWarning sync.Once  // said once: a proxy in front, --behind-proxy off

	feeds *ipLimiter // calendar feeds, fetched without a session
}

// New builds the application.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, fmt.Errorf("web.New: no store")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	base, err := CheckBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	cfg.BaseURL = base
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	if cfg.MaxSession == 0 {
		cfg.MaxSession = 12 * time.Hour
	}
	if cfg.LockAfter == 0 {
		cfg.LockAfter = 5
	}
	if cfg.LockGlobal == 0 {
		cfg.LockGlobal = 10 * cfg.LockAfter
	}
	if cfg.LockFor == 0 {
		cfg.LockFor = 15 * time.Minute
	}
	if cfg.Argon2 == (Argon2{}) {
		cfg.Argon2 = DefaultArgon2
	}
	if cfg.Notices == nil {
		b, err := policy.Load("")
		if err != nil {
			return nil, fmt.Errorf("web.New: %w", err)
		}
		cfg.Notices = b
	}
	s := &Server{cfg: cfg, st: cfg.Store, now: cfg.Now, log: cfg.Log, lawMsgs: map[string]map[string]string{}}
	if s.langs, err = i18n.Load(); err != nil {
		return nil, err
	}
	for _, c := range i18n.Codes {
		s.langList = append(s.langList, s.langs[c])
		// A language the law engine's translators have not reached yet
		// shows the findings in English (law.Render falls back per key).
		if m, err := law.Catalog(c); err == nil {
			s.lawMsgs[c] = m
		}
	}
	// Every version the store writes from now on keeps what the intake
	// says of it, for the dashboard (intake_state.go).
	s.st.SetIntakeState(writeIntakeState(s.langs["en"]))
	if s.pages, err = parseTemplates(); err != nil {
		return nil, err
	}
	if s.chrome, err = prepareChrome(s.pages["status"], s.langList); err != nil {
		return nil, err
	}
	s.limiter = newIPLimiter(s.now)
	if s.cfg.Turns == 0 {
		s.cfg.Turns = defaultTurns(s.st)
	}
	s.turns = newTurns(s.cfg.Turns)
	s.feeds = newRateLimiter(s.now, feedEvery, feedBurst)
	s.api = api.New(s.st, s.now, s.log, func(lang string) map[string]string { return s.lawMsgs[lang] })
	return s, nil
}

// Handler returns the application with its middleware: security headers
// on every answer, the request log, the body-size limit, then cross-origin protection for every
// state-changing request, then the routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes(mux)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
	}))
	return s.securityHeaders(s.logRequests(s.limitBodies(cop.Handler(s.withSession(mux)))))
}

// today is the calendar day of the server's clock, in UTC like the store.
func (s *Server) today() time.Time { return s.now().UTC() }

// ctxKey keys request-scoped values.
type ctxKey int

const (
	actorKey ctxKey = iota
	sessionKey
)

func actorFrom(ctx context.Context) (store.Actor, bool) {
	a, ok := ctx.Value(actorKey).(store.Actor)
	return a, ok
}

// CheckBaseURL checks a base URL (an http or https address with a host,
// nothing after it) and returns it without a trailing slash.
func CheckBaseURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("web: base URL %q: want http(s)://host[:port] and nothing after it", base)
	}
	return strings.TrimSuffix(base, "/"), nil
}
