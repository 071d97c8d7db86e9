package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Pins catch what the chain alone cannot: someone who drops the triggers,
// cuts off the newest entries and points the head back at the last entry
// kept leaves a chain that links perfectly. An office records the head
// outside the database now and then (reunite audit head --out FILE, or
// reunite serve --audit-head FILE on a schedule); verify then checks that
// every recorded entry is still there, with the same hash.

// AuditPin is a head recorded outside the database.
type AuditPin struct {
	At   time.Time
	Seq  int64
	Hash []byte
}

// String is the pin as one line of a pin file: time, entry, hash.
func (p AuditPin) String() string {
	return p.At.UTC().Format(time.RFC3339) + " " + strconv.FormatInt(p.Seq, 10) + " " + hex.EncodeToString(p.Hash)
}

// AuditHead returns the head of the audit log, to be recorded elsewhere.
func (s *Store) AuditHead(ctx context.Context) (p AuditPin, err error) {
	defer wrap(&err, "store.AuditHead")
	if err := s.flushReads(ctx); err != nil {
		return AuditPin{}, err
	}
	err = s.db.QueryRowContext(ctx, `/* store.AuditHead */ SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&p.Seq, &p.Hash)
	p.At = s.now().UTC()
	return p, err
}

// ReadAuditPins reads a pin file: one pin a line, as AuditPin.String
// writes them; blank lines and lines starting with # are skipped. A bad
// line is an error naming its number.
func ReadAuditPins(r io.Reader) ([]AuditPin, error) {
	var pins []AuditPin
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want TIME ENTRY HASH, got %d fields", n, len(f))
		}
		at, err := time.Parse(time.RFC3339, f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %q is not a time (RFC 3339)", n, f[0])
		}
		seq, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil || seq < 0 {
			return nil, fmt.Errorf("line %d: %q is not an entry number", n, f[1])
		}
		h, err := hex.DecodeString(f[2])
		if err != nil || len(h) != 32 {
			return nil, fmt.Errorf("line %d: %q is not a 64-digit hex hash", n, f[2])
		}
		pins = append(pins, AuditPin{At: at, Seq: seq, Hash: h})
	}
	return pins, sc.Err()
}

// checkPins adds a problem for every pin whose entry is gone or differs.
func (r *AuditReport) checkPins(pins []AuditPin, hashes map[int64][]byte, lastSeq int64) {
	for _, p := range pins {
		if p.Seq == 0 {
			continue // recorded before the first entry
		}
		h, ok := hashes[p.Seq]
		switch {
		case !ok && p.Seq > lastSeq:
			r.add(lastSeq+1, "deleted", "audit entries %d to %d (the newest) were deleted: the head recorded at %s was entry %d",
				lastSeq+1, p.Seq, p.At.Format(time.RFC3339), p.Seq)
		case !ok:
			r.add(p.Seq, "deleted", "audit entry %d, recorded as the head at %s, was deleted", p.Seq, p.At.Format(time.RFC3339))
		case !bytes.Equal(h, p.Hash):
			r.add(p.Seq, "edited", "audit entry %d is not the one recorded as the head at %s: the log was rewritten up to there",
				p.Seq, p.At.Format(time.RFC3339))
		}
	}
}

// checkGuards adds a problem for every trigger that should keep the audit
// log append-only and is missing, disabled or no longer refuses: they stop
// no one who owns the database, but their absence says someone tried.
func (s *Store) checkGuards(ctx context.Context, r *AuditReport) error {
	want := []string{"audit_log_no_update", "audit_log_no_delete"}
	q := `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`
	refuses := "RAISE(ABORT"
	if s.engine == Postgres {
		want = append(want, "audit_log_no_truncate")
		q = `SELECT t.tgname, p.prosrc FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
			WHERE t.tgrelid = 'audit_log'::regclass AND NOT t.tgisinternal AND t.tgenabled <> 'D'`
		refuses = "RAISE EXCEPTION"
	}
	rows, err := s.db.QueryContext(ctx, "/* store.checkGuards */ "+q)
	if err != nil {
		return err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name, body string
		if err := rows.Scan(&name, &body); err != nil {
			return err
		}
		have[name] = strings.Contains(body, refuses)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range want {
		if !have[name] {
			r.add(0, "unguarded", "the trigger %s, which keeps the audit log append-only, is missing, disabled or changed", name)
		}
	}
	return nil
}
