package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/reunite/reunite/store"
	"github.com/reunite/reunite/web"
)

func init() {
	register(command{Name: "serve", Summary: "run the web application", Run: runServe})
}

func runServe(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("reunite serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; keep the loopback default behind a reverse proxy")
	data := fs.String("data", "", "data directory (default $REUNITE_DATA, else ~/.local/share/reunite)")
	dsn := fs.String("db", "", "database: postgres://... or a SQLite file (default reunite.db in the data directory)")
	keyFile := fs.String("key-file", "", "master key file (default master.key in the data directory, created if missing)")
	certFile := fs.String("tls-cert", "", "TLS certificate (PEM); serve HTTPS directly")
	keyPEM := fs.String("tls-key", "", "TLS private key (PEM)")
	proxy := fs.Bool("behind-proxy", false, "an HTTPS reverse proxy is in front: secure cookies, client address from X-Forwarded-For")
	if _, err := parseFlags(fs, e, args); err != nil {
		return flagExit(err)
	}
	if (*certFile == "") != (*keyPEM == "") {
		return fail(e, "serve", exitUsage, errors.New("--tls-cert and --tls-key go together"))
	}
	st, err := serveOpenStore(ctx, e, *data, *dsn, *keyFile)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	defer st.Close()

	log := slog.New(slog.NewTextHandler(e.Stderr, nil))
	cfg := web.Config{Store: st, Log: log, SecureCookies: *proxy || *certFile != "", TrustProxy: *proxy}
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
	app, err := web.New(cfg)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(e, "serve", exitFailure, err)
	}
	fmt.Fprintf(e.Stdout, "Reunite is listening on %s://%s/\n", scheme, ln.Addr())
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

// serveOpenStore opens the store for the server: the embedded SQLite in the
// data directory unless --db names another, with the master key file beside
// it, created on first start so that `reunite serve` needs no set-up.
func serveOpenStore(ctx context.Context, e *env, data, dsn, keyFile string) (*store.Store, error) {
	if data == "" {
		data = e.Getenv("REUNITE_DATA")
	}
	if data == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, err
		}
		data = filepath.Join(home, ".local", "share", "reunite")
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, err
	}
	if dsn == "" {
		dsn = "sqlite:" + filepath.Join(data, "reunite.db")
	}
	if keyFile == "" {
		keyFile = filepath.Join(data, "master.key")
	}
	raw, err := os.ReadFile(keyFile)
	if errors.Is(err, os.ErrNotExist) {
		k, err := store.GenerateMasterKey()
		if err != nil {
			return nil, err
		}
		raw = store.Keys{Current: k}.KeyFile()
		if err := os.WriteFile(keyFile, raw, 0o600); err != nil {
			return nil, err
		}
		fmt.Fprintf(e.Stderr, "reunite serve: created the master key %s; back it up apart from the database\n", keyFile)
	} else if err != nil {
		return nil, err
	}
	keys, err := store.ParseKeyFile(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keyFile, err)
	}
	return store.Open(ctx, store.Options{DSN: dsn, Keys: keys})
}
