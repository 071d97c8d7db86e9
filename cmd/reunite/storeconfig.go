package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/reunite/reunite/risk"
	"github.com/reunite/reunite/store"
)

// storeFlags are the flags of every command that uses the store. Each has
// an environment fallback so that an office can set them once:
//
//	--db DSN          REUNITE_DB        postgres://... or a SQLite file;
//	                                    default DATA/reunite.db
//	--data DIR        REUNITE_DATA      default $XDG_DATA_HOME/reunite or
//	                                    ~/.local/share/reunite
//	--key-file FILE   REUNITE_KEY_FILE  default DATA/master.key
//	                  REUNITE_MASTER_KEY the key itself (64 hex digits; more
//	                                    keys after commas are previous ones)
//	--as LOGIN        REUNITE_USER      the user to act as; default "local"
//
// With no setting at all, the first command creates the data directory, a
// SQLite database, a key file (mode 0600) and a local office whose
// administrator is "local": the zero-setup run of the README.
type storeFlags struct {
	db, data, keyFile, as string
	risk                  risk.Rules // the relatives' warnings (serve's flags); zero: the defaults
	durableReads          bool       // serve --durable-reads (store.Options.DurableReads)
}

const defaultLogin = "local"

func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	sf := &storeFlags{}
	fs.StringVar(&sf.db, "db", "", "database: postgres://... or a SQLite file (default: reunite.db in the data directory; env REUNITE_DB)")
	fs.StringVar(&sf.data, "data", "", "data directory (env REUNITE_DATA; default $XDG_DATA_HOME/reunite)")
	fs.StringVar(&sf.keyFile, "key-file", "", "master key file (env REUNITE_KEY_FILE; default master.key in the data directory; or the key itself in REUNITE_MASTER_KEY)")
	fs.StringVar(&sf.as, "as", "", "act as this user (env REUNITE_USER; default \"local\")")
	return sf
}

// storeConfig is where the store lives and which keys open it.
type storeConfig struct {
	DSN       string
	DataDir   string
	KeyFile   string // "" when the key came from REUNITE_MASTER_KEY
	Keys      store.Keys
	DefaultDB bool // the SQLite database of the data directory
	Risk      risk.Rules
	// DurableReads: each read waits for its audit entry's commit.
	DurableReads bool
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// resolve works out the configuration, creating the key file on first use
// of the default SQLite database.
func (sf *storeFlags) resolve(e *env) (*storeConfig, error) {
	c := &storeConfig{Risk: sf.risk, DurableReads: sf.durableReads}
	var err error
	if c.DataDir, err = dataDir(e, sf.data); err != nil {
		return nil, err
	}
	c.DSN = firstOf(sf.db, e.Getenv("REUNITE_DB"))
	if c.DSN == "" {
		c.DSN, c.DefaultDB = "sqlite:"+filepath.Join(c.DataDir, "reunite.db"), true
	}
	if env := e.Getenv("REUNITE_MASTER_KEY"); env != "" && sf.keyFile == "" {
		ks, err := store.ParseKeyFile([]byte(strings.ReplaceAll(env, ",", "\n")))
		if err != nil {
			return nil, fmt.Errorf("REUNITE_MASTER_KEY: %w", err)
		}
		c.Keys = ks
		return c, nil
	}
	c.KeyFile = firstOf(sf.keyFile, e.Getenv("REUNITE_KEY_FILE"))
	defaultKey := c.KeyFile == ""
	if defaultKey {
		c.KeyFile = filepath.Join(c.DataDir, "master.key")
	}
	data, err := os.ReadFile(c.KeyFile)
	if errors.Is(err, os.ErrNotExist) && defaultKey && c.DefaultDB {
		return c, c.createKeyFile()
	}
	if err != nil {
		return nil, fmt.Errorf("master key: %w (give --key-file or REUNITE_MASTER_KEY)", err)
	}
	if c.Keys, err = store.ParseKeyFile(data); err != nil {
		return nil, fmt.Errorf("%s: %w", c.KeyFile, err)
	}
	return c, nil
}

// dataDir is the data directory: the flag, REUNITE_DATA, or
// $XDG_DATA_HOME/reunite, or ~/.local/share/reunite. Every command uses it,
// with a store or without (forms, packet, check).
func dataDir(e *env, flagValue string) (string, error) {
	if d := firstOf(flagValue, e.Getenv("REUNITE_DATA")); d != "" {
		return d, nil
	}
	if x := e.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "reunite"), nil
	}
	home := e.Getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no data directory: give --data or set REUNITE_DATA")
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "reunite"), nil
}

// createKeyFile makes the master key of a new default database. It refuses
// if the database already exists: a database whose key is lost cannot be
// read, and a new key would not help.
func (c *storeConfig) createKeyFile() error {
	db := strings.TrimPrefix(c.DSN, "sqlite:")
	if _, err := os.Stat(db); err == nil {
		return fmt.Errorf("%s exists but its key file %s is missing: restore the key file, or give --key-file or REUNITE_MASTER_KEY", db, c.KeyFile)
	}
	k, err := store.GenerateMasterKey()
	if err != nil {
		return err
	}
	c.Keys = store.Keys{Current: k}
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return err
	}
	return writeKeyFile(c.KeyFile, c.Keys, true)
}

// writeKeyFile writes a key file with mode 0600, atomically: a crash leaves
// either the old file or the new one.
func writeKeyFile(path string, ks store.Keys, mustBeNew bool) error {
	if mustBeNew {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s already exists", path)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".master.key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(ks.KeyFile()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// open opens the store (migrating it) with the resolved configuration.
func (c *storeConfig) open(ctx context.Context) (*store.Store, error) {
	return store.Open(ctx, store.Options{DSN: c.DSN, Keys: c.Keys, Now: time.Now, Risk: c.Risk, DurableReads: c.DurableReads})
}

// openStore resolves the configuration, opens the store and finds the user
// to act as. On the default SQLite database, the first use creates the
// local office and its administrator "local".
func (sf *storeFlags) openStore(ctx context.Context, e *env) (*store.Store, store.Actor, *storeConfig, error) {
	s, c, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return nil, store.Actor{}, nil, err
	}
	login := firstOf(sf.as, e.Getenv("REUNITE_USER"), defaultLogin)
	a, err := s.ActorByLogin(ctx, login)
	if errors.Is(err, store.ErrNotFound) && login == defaultLogin && c.DefaultDB {
		// The zero-setup office is made only in a database with no one in
		// it: where the web application already has an office, a second,
		// hidden "Local office" would swallow what the command writes.
		has, herr := s.HasUsers(ctx)
		switch {
		case herr != nil:
			err = herr
		case has:
			s.Close()
			return nil, store.Actor{}, nil, errors.New("this database already has an office and its users: say who you are with --as LOGIN (or REUNITE_USER), so that the work goes into that office")
		default:
			a, err = s.CreateOrg(ctx, "Local office", store.NewUser{Login: defaultLogin, Name: "Local administrator"})
		}
	}
	if err != nil {
		s.Close()
		if errors.Is(err, store.ErrNotFound) {
			err = fmt.Errorf("no user %q in the database (give --as LOGIN or REUNITE_USER)", login)
		}
		return nil, store.Actor{}, nil, err
	}
	return s, a, c, nil
}

// openMaintenance opens the store for the maintenance commands (backup,
// restore, keys, audit), which act as the holder of the master key rather
// than as a user.
func (sf *storeFlags) openMaintenance(ctx context.Context, e *env) (*store.Store, *storeConfig, error) {
	c, err := sf.resolve(e)
	if err != nil {
		return nil, nil, err
	}
	s, err := c.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	return s, c, nil
}
