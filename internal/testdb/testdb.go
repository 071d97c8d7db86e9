// Package testdb starts a throwaway PostgreSQL cluster for tests: initdb
// into a temporary directory, pg_ctl on a free port and a private socket
// directory, one fresh database per test. PostgreSQL refuses to run as
// root, so when the tests run as root the cluster runs as the system user
// reunite-test, created with useradd if it is missing.
package testdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// ErrNoPostgres means no PostgreSQL server binaries were found.
var ErrNoPostgres = errors.New("testdb: no PostgreSQL server binaries (initdb, pg_ctl) found; install postgresql")

// RunAs is the system user that runs the cluster when tests run as root.
const RunAs = "reunite-test"

// Cluster is a running throwaway PostgreSQL.
type Cluster struct {
	dir    string
	bin    string
	port   int
	asUser string // "" when running as ourselves
	admin  *sql.DB
	n      atomic.Int64
}

// binDir finds initdb and pg_ctl: $PG_BIN, then PATH, then the Debian
// locations.
func binDir() (string, error) {
	if d := os.Getenv("PG_BIN"); d != "" {
		return d, nil
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p), nil
		}
	}
	if matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl"); len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1]), nil // the last in name order
	}
	return "", ErrNoPostgres
}

// Start initializes and starts a cluster. Stop it when done.
func Start() (c *Cluster, err error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	// As root, the cluster's user must be able to reach its directory:
	// $TMPDIR may sit inside a home directory closed to others, /tmp never is.
	parent := ""
	if os.Geteuid() == 0 {
		parent = "/tmp"
	}
	dir, err := os.MkdirTemp(parent, "reunite-pg-")
	if err != nil {
		return nil, err
	}
	c = &Cluster{dir: dir, bin: bin}
	defer func() {
		if err != nil {
			c.Stop()
		}
	}()
	if os.Geteuid() == 0 {
		if err := ensureUser(); err != nil {
			return nil, err
		}
		c.asUser = RunAs
		u, err := user.Lookup(RunAs)
		if err != nil {
			return nil, err
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, err
		}
	}
	if c.port, err = freePort(); err != nil {
		return nil, err
	}
	data, sock := filepath.Join(dir, "data"), filepath.Join(dir, "sock")
	if err := c.run("mkdir", "-p", sock); err != nil {
		return nil, err
	}
	if err := c.run(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, err
	}
	// fsync off: a test cluster need not survive a power cut, and it
	// makes CREATE DATABASE per test cheap.
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
		c.port, sock)
	if err := c.run(filepath.Join(bin, "pg_ctl"), "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	c.watchdog(data)
	c.admin, err = sql.Open("pgx", c.DSN("postgres"))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.admin.PingContext(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// watchdog starts a shell that outlives this process and, once it is gone,
// stops the cluster and removes its files: a test binary killed by a
// timeout or a signal never calls Stop, and must not leave a PostgreSQL
// running.
func (c *Cluster) watchdog(data string) {
	stop := fmt.Sprintf("%s -D %s -m immediate stop", filepath.Join(c.bin, "pg_ctl"), data)
	if c.asUser != "" {
		stop = "runuser -u " + c.asUser + " -- " + stop
	}
	script := fmt.Sprintf("while kill -0 %d 2>/dev/null; do sleep 1; done; %s >/dev/null 2>&1; rm -rf %s", os.Getpid(), stop, c.dir)
	cmd := exec.Command("sh", "-c", script)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if cmd.Start() == nil {
		cmd.Process.Release()
	}
}

// ensureUser creates the unprivileged system user that runs the cluster.
func ensureUser() error {
	if _, err := user.Lookup(RunAs); err == nil {
		return nil
	}
	out, err := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", RunAs).CombinedOutput()
	if err != nil {
		return fmt.Errorf("testdb: useradd %s: %v: %s", RunAs, err, out)
	}
	return nil
}

// run runs a command as the cluster's user.
func (c *Cluster) run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", name}, args...)...)
	}
	cmd.Dir = c.dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("testdb: %s: %v: %s", filepath.Base(name), err, out)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// DSN returns the URL of a database of the cluster.
func (c *Cluster) DSN(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// NewDatabase creates an empty database and returns its URL; the database
// is dropped when the test ends.
func (c *Cluster) NewDatabase(tb testing.TB) string {
	tb.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.n.Add(1))
	if _, err := c.admin.Exec("CREATE DATABASE " + name); err != nil {
		tb.Fatalf("testdb: create database: %v", err)
	}
	tb.Cleanup(func() {
		c.admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	return c.DSN(name)
}

// DataDir is the cluster's data directory, for tests that read the files
// PostgreSQL writes.
func (c *Cluster) DataDir() string { return filepath.Join(c.dir, "data") }

// Stop stops the cluster and removes its files.
func (c *Cluster) Stop() {
	if c.admin != nil {
		c.admin.Close()
	}
	if _, err := os.Stat(filepath.Join(c.dir, "data", "postmaster.pid")); err == nil {
		c.run(filepath.Join(c.bin, "pg_ctl"), "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(c.dir)
}

// Main starts a cluster for a test binary's TestMain and returns it (nil
// when PostgreSQL is not installed and CI is not set, after saying so
// loudly). With CI=true a missing or broken PostgreSQL fails the run.
func Main() (*Cluster, error) {
	c, err := Start()
	if err == nil {
		return c, nil
	}
	if errors.Is(err, ErrNoPostgres) && os.Getenv("CI") != "true" {
		fmt.Fprintln(os.Stderr, strings.Repeat("!", 72))
		fmt.Fprintln(os.Stderr, "!! PostgreSQL is not installed: the PostgreSQL half of the store tests is SKIPPED.")
		fmt.Fprintln(os.Stderr, "!! Install postgresql (Debian: apt-get install postgresql) to run it.")
		fmt.Fprintln(os.Stderr, strings.Repeat("!", 72))
		return nil, nil
	}
	return nil, err
}
