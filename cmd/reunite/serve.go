package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/reunite/reunite/forms"
	"github.com/reunite/reunite/policy"
	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web"
)

func init() {
	register(command{Name: "serve", Summary: "run the web application", Run: runServe})
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("reunite serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep the loopback default behind a reverse proxy")
	sf := addStoreFlags(fs) // --db, --data, --key-file as for every command (storeconfig.go)
	certFile := fs.String("tls-cert", "", "TLS certificate (PEM); serve HTTPS directly")
	keyPEM := fs.String("tls-key", "", "TLS private key (PEM)")
	proxy := fs.Bool("behind-proxy", false, "an HTTPS reverse proxy is in front: secure cookies, client address from X-Forwarded-For")
	baseURL := fs.String("base-url", "", "the address users reach the application at, e.g. https://reunite.example.org (env REUNITE_BASE_URL); invitation links start with it. Default: this server's own address")
	auditHead := fs.String("audit-head", "", "add the audit log's head to this file at start and every --audit-head-every (env REUNITE_AUDIT_HEAD); keep it off the database's disk")
	auditEvery := fs.Duration("audit-head-every", time.Hour, "how often to record the audit log's head")
	contactDays := fs.Int("no-contact-days", risk.DefaultRules.ContactDays, "warn when no contact with a relative abroad has been recorded for this many days")
	expiryDays := fs.Int("status-warn-days", risk.DefaultRules.ExpiryDays, "warn when a relative's status abroad ends within this many days")
	durableReads := fs.Bool("durable-reads", false, "answer a read only once its audit entry is committed to disk (slower under load; by default a crash or power cut can lose the audit entries of the reads answered in the last ~20 ms)")
	turns := fs.Int("turns", 0, "how many pages are computed at once, the others waiting their turn in order (0: one per core on SQLite, no limit on PostgreSQL or with --durable-reads; -1: no limit)")
	mf := addMailFlags(fs) // --smtp-*: e-mail reminders (mailconfig.go)
	remindEvery := fs.Duration("remind-every", time.Hour, "how often to look for the day's reminders to send (each is sent once)")
	if _, err := parseFlags(fs, e, args); err != nil {
		return flagExit(err)
	}
	if (*certFile == "") != (*keyPEM == "") {
		return fail(e, "serve", exitUsage, errors.New("--tls-cert and --tls-key go together"))
	}
	if *contactDays < 1 || *expiryDays < 0 {
		return fail(e, "serve", exitUsage, errors.New("--no-contact-days must be at least 1 and --status-warn-days at least 0"))
	}
	sf.risk = risk.Rules{ContactDays: *contactDays, ExpiryDays: *expiryDays}
	sf.durableReads = *durableReads
	st, sc, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	defer st.Close()

	// Policy notices: the shipped file and the office's own, each change
	// of them recorded in the audit log. A bad office file stops the
	// start, naming its line and field.
	book, err := policy.Load(sc.DataDir)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	if err := recordNoticeFiles(ctx, st, book); err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	log := slog.New(slog.NewTextHandler(e.Stderr, nil))
	if office := *proxy || *certFile != "" || !loopback(*addr); office && keyBesideDB(sc) {
		fmt.Fprintf(e.Stderr, "reunite serve: WARNING: the master key %s is in the same directory as the database: "+
			"a copy of that directory (a backup of the disk, a stolen laptop) holds both and reads every case. "+
			"Move the key elsewhere (for example /etc/reunite/master.key, readable by this service only) and give --key-file; see docs/store.md.\n", sc.KeyFile)
	}
	if path := firstOf(*auditHead, e.Getenv("REUNITE_AUDIT_HEAD")); path != "" {
		if _, err := recordAuditHead(ctx, st, path); err != nil {
			return fail(e, "serve: --audit-head", exitFailure, err)
		}
		go recordAuditHeads(ctx, st, path, *auditEvery, log)
	}
	cfg := web.Config{Store: st, Log: log, SecureCookies: *proxy || *certFile != "", TrustProxy: *proxy, Notices: book, Risk: sf.risk, Turns: *turns}
	// The expedite letter and declarations print through Chromium when it
	// is installed, and are served as HTML to print from the browser when
	// not. Letters, packets and dossiers share one browser.
	var browser *web.Browser
	if _, err := forms.ChromiumPath(); err == nil {
		browser = web.NewBrowser()
		defer browser.Close()
		cfg.Printer = browser
	}
	has, err := st.HasUsers(ctx)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	scheme := "http"
	if *certFile != "" {
		scheme = "https"
	}
	if !has {
		// The token lives only in this process: restarting the server
		// prints a new link and the old one stops working.
		cfg.SetupToken = web.NewSetupToken()
	}
	// Packets need the blank form (reunite forms add) and Chromium; without
	// them the dashboard offers the case file only.
	if blank, _, err := forms.Blank(sc.DataDir); err != nil {
		fmt.Fprintf(e.Stderr, "reunite serve: no packet downloads: %v\n", err)
	} else if browser == nil {
		fmt.Fprintf(e.Stderr, "reunite serve: no packet downloads: %v\n", forms.ErrNoChromium)
	} else if work, err := web.PacketWorkDir(sc.DataDir); err != nil {
		fmt.Fprintf(e.Stderr, "reunite serve: no packet downloads: %v\n", err)
	} else {
		cfg.Packet, cfg.Dossier = web.NewBuildersOn(browser, blank, sc.DataDir)
		cfg.PacketWorkDir = work
		// Chromium starts now, in the background, so that the first
		// packet downloaded does not wait for its start.
		browser.Warm()
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	defer ln.Close()
	cfg.BaseURL = firstOf(*baseURL, e.Getenv("REUNITE_BASE_URL"))
	if cfg.BaseURL == "" {
		cfg.BaseURL = scheme + "://" + ln.Addr().String()
		if *proxy {
			fmt.Fprintf(e.Stderr, "reunite serve: no --base-url behind a proxy: invitation links will start with %s; give the address users reach\n", cfg.BaseURL)
		}
	}
	mail, err := mf.mailer(e)
	if err != nil {
		return fail(e, "serve", exitUsage, err)
	}
	cfg.MailOn = mail != nil
	web.SetServerGC()
	app, err := web.New(cfg)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	stopReminders, err := startReminders(ctx, st, mail, cfg.BaseURL, *remindEvery, log)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	defer stopReminders()
	if mail == nil {
		fmt.Fprintln(e.Stderr, "reunite serve: no e-mail reminders: no mail server (--smtp-host); the calendar feeds work")
	}
	// A database made by the command line has an administrator ("local",
	// or --as) but no web password yet: print a one-time link to choose it.
	adminLink := ""
	if has {
		if adminLink, err = serveAdminLink(ctx, st, firstOf(sf.as, e.Getenv("REUNITE_USER"), defaultLogin)); err != nil {
			return fail(e, "serve", exitFailure, err)
		}
	}
	fmt.Fprintf(e.Stdout, "Reunite is listening on %s://%s/\n", scheme, ln.Addr())
	if adminLink != "" {
		fmt.Fprintf(e.Stdout, "No one can sign in yet. Open this link once to choose the administrator's password:\n  %s://%s%s\n",
			scheme, ln.Addr(), adminLink)
	}
	if cfg.SetupToken != "" {
		fmt.Fprintf(e.Stdout, "No users yet. Open this link once to create the office and its first administrator:\n  %s://%s/setup/%s\n",
			scheme, ln.Addr(), cfg.SetupToken)
	}
	srv := &http.Server{Handler: app.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() {
		if *certFile != "" {
			errc <- srv.ServeTLS(ln, *certFile, *keyPEM)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fail(e, "serve", exitFailure, err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	return exitOK
}

// serveAdminLink makes a one-time password link for the administrator
// login when no user has a web password yet, and returns its path; "" when
// someone can already sign in or the login is not an administrator.
func serveAdminLink(ctx context.Context, st *store.Store, login string) (string, error) {
	has, err := st.HasPasswords(ctx)
	if err != nil || has {
		return "", err
	}
	a, err := st.ActorByLogin(ctx, login)
	if errors.Is(err, store.ErrNotFound) || (err == nil && a.Role() != store.RoleAdmin) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	tok := web.NewSetupToken()
	if err := st.CreateLink(ctx, a, a.UserID(), store.LinkReset, web.TokenHash(tok), 24*time.Hour); err != nil {
		return "", err
	}
	return "/link/" + tok, nil
}

// recordAuditHeads adds the audit log's head to a file on a schedule, so
// that `reunite audit verify --head FILE` catches entries cut off later.
func recordAuditHeads(ctx context.Context, st *store.Store, path string, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := recordAuditHead(ctx, st, path); err != nil {
				log.Error("recording the audit head failed", slog.Any("error", err))
			}
		}
	}
}

// loopback reports whether a listen address is on the loopback interface
// only: a server reachable from elsewhere is an office server.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// keyBesideDB reports whether the key file sits in the SQLite database's
// directory.
func keyBesideDB(c *storeConfig) bool {
	if c.KeyFile == "" || !strings.HasPrefix(c.DSN, "sqlite:") {
		return false
	}
	db, err1 := filepath.Abs(strings.TrimPrefix(c.DSN, "sqlite:"))
	key, err2 := filepath.Abs(c.KeyFile)
	return err1 == nil && err2 == nil && filepath.Dir(db) == filepath.Dir(key)
}
