package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func init() {
	register(command{Name: "backup", Summary: "write an encrypted snapshot of the database, while it runs", Run: runBackup})
	register(command{Name: "restore", Summary: "load a backup into a new, empty database", Run: runRestore})
}

func runBackup(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite backup FILE [--db DSN]\n\nWrites a consistent snapshot of the whole database to FILE (- for standard output),\nencrypted with a key derived from the master key: keep the key file to restore it.\nSafe to run while servers are using the database.")
		fs.PrintDefaults()
	}
	file, code, ok := oneArgument(fs, e, args)
	if !ok {
		return code
	}
	s, _, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "backup", exitFailure, err)
	}
	defer s.Close()
	if file == "-" {
		if _, err := s.Backup(ctx, e.Stdout); err != nil {
			return fail(e, "backup", exitFailure, err)
		}
		return exitOK
	}
	// Write beside the target and rename, so that a failed backup never
	// replaces a good one.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".reunite-backup-*")
	if err != nil {
		return fail(e, "backup", exitFailure, err)
	}
	defer os.Remove(tmp.Name())
	rows, err := s.Backup(ctx, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), file)
	}
	if err != nil {
		return fail(e, "backup", exitFailure, err)
	}
	fmt.Fprintf(e.Stderr, "reunite backup: %d rows written to %s\n", rows, file)
	return exitOK
}

func runRestore(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	beside := fs.Bool("key-beside-db", false, "copy the key file into the data directory, beside the database (one person, one laptop); an office keeps it apart")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: reunite restore FILE [--db DSN] [--key-file FILE] [--key-beside-db]\n\nLoads a backup (- for standard input) into a database that holds no data yet, SQLite or\nPostgreSQL whichever the backup came from. The master key must be the one the backup was made with.\nThe key file stays where it is unless --key-beside-db: a copy of a directory holding both\nthe database and its key gives everything away.")
		fs.PrintDefaults()
	}
	file, code, ok := oneArgument(fs, e, args)
	if !ok {
		return code
	}
	var r io.Reader = e.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fail(e, "restore", exitUsage, err)
		}
		defer f.Close()
		r = f
	}
	s, c, err := sf.openMaintenance(ctx, e)
	if err != nil {
		return fail(e, "restore", exitFailure, err)
	}
	defer s.Close()
	rows, err := s.Restore(ctx, r)
	if err != nil {
		return fail(e, "restore", exitFailure, fmt.Errorf("%s: %w", file, err))
	}
	fmt.Fprintf(e.Stderr, "reunite restore: %d rows restored from %s\n", rows, file)
	// Restored into the data directory with a key from elsewhere: the
	// key goes beside the database only when asked (one person, one
	// laptop); otherwise say how the next commands find it.
	if c.DefaultDB && c.KeyFile != "" {
		home := filepath.Join(c.DataDir, "master.key")
		if _, err := os.Stat(home); err != nil && c.KeyFile != home {
			if !*beside {
				fmt.Fprintf(e.Stderr, "reunite restore: the key file stays at %s: give --key-file %s (or REUNITE_KEY_FILE) to the next commands, or restore with --key-beside-db on a one-person computer\n", c.KeyFile, c.KeyFile)
				return exitOK
			}
			if err := writeKeyFile(home, c.Keys, true); err != nil {
				return fail(e, "restore", exitFailure, err)
			}
			fmt.Fprintf(e.Stderr, "reunite restore: key file copied to %s\n", home)
		}
	}
	return exitOK
}
