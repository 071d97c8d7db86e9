package main

import (
	"context"
	"flag"
	"fmt"
	"slices"

	"github.com/reunite/reunite/store"
)

func init() {
	register(command{Name: "keys", Summary: "master key: rotate, retire the old one, status", Run: runKeys})
}

func runKeys(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	sf := addStoreFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Usage: reunite keys rotate|retire|status [--key-file FILE] [--db DSN]

  rotate  make a new master key, put it first in the key file (the old key
          stays after it) and re-wrap every organization's data key with it.
          Servers keep running; restart them with the new key file at leisure.
  retire  drop the old keys from the key file, once no data key needs them.
  status  list the keys of the key file and the keys the database uses.

rotate and retire write the key file, so the key must come from one
(--key-file, REUNITE_KEY_FILE or the data directory), not REUNITE_MASTER_KEY.`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, e, args)
	if err != nil {
		return flagExit(err)
	}
	if len(rest) != 1 || !slices.Contains([]string{"rotate", "retire", "status"}, rest[0]) {
		fs.Usage()
		return exitUsage
	}
	verb := "keys " + rest[0]
	c, err := sf.resolve(e)
	if err != nil {
		return fail(e, verb, exitFailure, err)
	}
	if rest[0] != "status" && c.KeyFile == "" {
		return fail(e, verb, exitUsage, fmt.Errorf("the key comes from REUNITE_MASTER_KEY; give --key-file so the new key can be written"))
	}
	var newKey *store.MasterKey
	if rest[0] == "rotate" {
		// The new key file is written before anything is re-wrapped: if we
		// stop half way, the file opens both the old and the new wrapping.
		if newKey, err = store.GenerateMasterKey(); err != nil {
			return fail(e, verb, exitFailure, err)
		}
		c.Keys = store.Keys{Current: newKey, Previous: append([]*store.MasterKey{c.Keys.Current}, c.Keys.Previous...)}
		if err := writeKeyFile(c.KeyFile, c.Keys, false); err != nil {
			return fail(e, verb, exitFailure, err)
		}
	}
	s, err := c.open(ctx)
	if err != nil {
		return fail(e, verb, exitFailure, err)
	}
	defer s.Close()
	switch rest[0] {
	case "rotate":
		n, err := s.RewrapDataKeys(ctx)
		if err != nil {
			return fail(e, verb, exitFailure, err)
		}
		fmt.Fprintf(e.Stdout, "new master key %s written first in %s; %d data keys re-wrapped.\n", newKey.ID(), c.KeyFile, n)
		fmt.Fprintln(e.Stdout, "Restart servers with this key file, back it up, then run 'reunite keys retire'.")
	case "retire":
		inUse, err := s.MasterKeysInUse(ctx)
		if err != nil {
			return fail(e, verb, exitFailure, err)
		}
		for _, id := range inUse {
			if id != c.Keys.Current.ID() {
				return fail(e, verb, exitFailure, fmt.Errorf("data keys are still wrapped by master key %s: run 'reunite keys rotate' first", id))
			}
		}
		n := len(c.Keys.Previous)
		if err := writeKeyFile(c.KeyFile, store.Keys{Current: c.Keys.Current}, false); err != nil {
			return fail(e, verb, exitFailure, err)
		}
		fmt.Fprintf(e.Stdout, "%d old keys removed from %s; backups made before the rotation need them, so keep a copy with those backups.\n", n, c.KeyFile)
	case "status":
		inUse, err := s.MasterKeysInUse(ctx)
		if err != nil {
			return fail(e, verb, exitFailure, err)
		}
		fmt.Fprintf(e.Stdout, "current key:   %s\n", c.Keys.Current.ID())
		for _, k := range c.Keys.Previous {
			fmt.Fprintf(e.Stdout, "previous key:  %s\n", k.ID())
		}
		for _, id := range inUse {
			fmt.Fprintf(e.Stdout, "database uses: %s\n", id)
		}
	}
	return exitOK
}
